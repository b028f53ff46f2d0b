// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.PrintStream;

/** One {@code ./pacs} subcommand. */
interface Command {
    String name();

    /** The argument synopsis after {@code pacs}, e.g. {@code "dump [--json] FILE..."}. */
    String usage();

    String summary();

    /** Runs the command; returns the process exit status. Throws {@link UsageException} for bad arguments. */
    int run(String[] args, PrintStream out, PrintStream err);
}
