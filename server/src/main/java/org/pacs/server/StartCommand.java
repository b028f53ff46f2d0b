// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.PrintStream;
import org.pacs.conf.ConfigException;
import org.pacs.conf.ConfigLoader;

/**
 * {@code pacs start}: runs the archive. Until the archive service lands (issue "The archive: ingest,
 * catalog, index and query/retrieve over TLS") it validates the configuration and says what is there.
 */
final class StartCommand implements Command {
    private final Main main;

    StartCommand(Main main) {
        this.main = main;
    }

    @Override
    public String name() {
        return "start";
    }

    @Override
    public String usage() {
        return "start [--data DIR]";
    }

    @Override
    public String summary() {
        return "run the archive";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        if (!opt.rest().isEmpty()) {
            throw new UsageException("unexpected arguments " + opt.rest());
        }
        try {
            ConfigLoader.load(opt.dataDir(), System.getenv());
        } catch (ConfigException e) {
            err.println("pacs: configuration error: " + e.getMessage());
            return 1;
        }
        out.println("Secure PACS " + VersionCommand.version());
        out.println("The DICOM and web services are not part of this build yet: nothing is listening.");
        out.println("What this build offers:");
        main.listCommands(out);
        return 0;
    }
}
