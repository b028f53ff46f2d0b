// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import java.util.List;

/**
 * A finished external command: what ran, how it exited and everything it printed (stdout and stderr
 * merged, in order). {@link #toString()} is meant for assertion messages.
 */
record ToolRun(List<String> command, int exitCode, String output) {

    boolean succeeded() {
        return exitCode == 0;
    }

    /** The number of output lines containing {@code text}. */
    long count(String text) {
        return output.lines().filter(l -> l.contains(text)).count();
    }

    @Override
    public String toString() {
        return String.join(" ", command) + "\n  exit " + exitCode + ", output:\n" + output.indent(4);
    }
}
