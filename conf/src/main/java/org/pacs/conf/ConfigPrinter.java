// SPDX-License-Identifier: Apache-2.0
package org.pacs.conf;

import java.io.PrintStream;
import java.util.List;

/** Prints the effective configuration, one key a line with its source; secrets are masked. */
public final class ConfigPrinter {
    private ConfigPrinter() {
    }

    public static void print(Config c, PrintStream out) {
        out.println("# effective configuration of " + c.dataDir().toAbsolutePath());
        for (Setting s : Settings.all().values()) {
            out.printf("%-34s = %-28s # %s, %s%n", s.key(), shown(c, s), c.source(s).name().toLowerCase(),
                    s.envName());
        }
    }

    static String shown(Config c, Setting s) {
        Object v = c.value(s);
        if (s.secret()) {
            return v == null || v.toString().isEmpty() ? "(not set)" : "********";
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? "[]" : "[" + String.join(", ", l.stream().map(String::valueOf).toList()) + "]";
        }
        return v == null || v.toString().isEmpty() ? "(not set)" : v.toString();
    }
}
