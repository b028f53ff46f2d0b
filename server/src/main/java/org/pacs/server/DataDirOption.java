// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The {@code --data DIR} option every command takes (default {@code ./pacs-data}). */
record DataDirOption(Path dataDir, List<String> rest) {
    static final String DEFAULT = "pacs-data";

    /** Takes {@code --data DIR} (or {@code --data=DIR}) out of {@code args}; the other arguments stay in order. */
    static DataDirOption parse(String[] args) {
        Path dir = Path.of(DEFAULT);
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--data")) {
                if (i + 1 >= args.length) {
                    throw new UsageException("--data needs a directory");
                }
                dir = Path.of(args[++i]);
            } else if (args[i].startsWith("--data=")) {
                dir = Path.of(args[i].substring("--data=".length()));
            } else {
                rest.add(args[i]);
            }
        }
        return new DataDirOption(dir, rest);
    }
}
