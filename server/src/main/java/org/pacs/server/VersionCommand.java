// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.PrintStream;

final class VersionCommand implements Command {
    @Override
    public String name() {
        return "version";
    }

    @Override
    public String usage() {
        return "version";
    }

    @Override
    public String summary() {
        return "print the version";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        out.println("Secure PACS " + version() + " (Java " + Runtime.version().feature() + ")");
        return 0;
    }

    static String version() {
        String v = Main.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }
}
