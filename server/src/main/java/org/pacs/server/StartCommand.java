// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;

/**
 * {@code pacs start}: runs the archive until Ctrl-C or SIGTERM. A new data directory is initialized on
 * the way (key ring, certificates, catalog); the one-time secrets' location is printed once.
 */
final class StartCommand implements Command {
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
        return "run the archive (DICOM over TLS)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        if (!opt.rest().isEmpty()) {
            throw new UsageException("unexpected arguments " + opt.rest());
        }
        Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
        ArchiveServer server;
        try {
            server = ArchiveServer.start(config, out);
        } catch (IOException | RuntimeException e) {
            err.println("pacs start: " + e.getMessage());
            return 1;
        }
        Thread stopper = new Thread(server::close, "pacs-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            server.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
        return 0;
    }
}
