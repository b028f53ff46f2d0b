// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.PrintStream;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.ConfigPrinter;

/** {@code pacs config show}: the effective configuration, secrets masked. */
final class ConfigCommand implements Command {
    @Override
    public String name() {
        return "config";
    }

    @Override
    public String usage() {
        return "config show [--data DIR]";
    }

    @Override
    public String summary() {
        return "print the effective configuration (secrets masked)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        if (opt.rest().size() != 1 || !opt.rest().get(0).equals("show")) {
            throw new UsageException("expected 'show'");
        }
        Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
        ConfigPrinter.print(config, out);
        return 0;
    }
}
