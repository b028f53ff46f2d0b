// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.pacs.server.scan.LegacyPacsScanner;
import org.pacs.server.scan.ScanReport;

/**
 * {@code pacs scan HOST PORT}: checks another PACS the practice owns for the exposures of the news
 * stories and prints a verdict. Only reads: it stores nothing, and counts C-FIND matches without
 * decoding them. Exit 0 when not exposed, 1 when exposed, 3 when nothing answered.
 *
 * <pre>
 * ./pacs scan 192.168.1.20 104
 * ./pacs scan old-pacs.lan 11112 --aet OLDPACS --calling CT_ROOM1 --tls-port 2762
 * </pre>
 */
final class ScanCommand implements Command {
    @Override
    public String name() {
        return "scan";
    }

    @Override
    public String usage() {
        return "scan HOST PORT [--aet AE]... [--calling AE] [--tls-port P]... [--timeout SECONDS]";
    }

    @Override
    public String summary() {
        return "check another PACS for open-PACS exposures (read-only)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        List<String> positional = new ArrayList<>();
        List<String> called = new ArrayList<>();
        List<Integer> tlsPorts = new ArrayList<>();
        String calling = LegacyPacsScanner.COMMON_CALLING_AE;
        int timeout = 10;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--aet" -> called.add(aeTitle(value(args, ++i, a)));
                case "--calling" -> calling = aeTitle(value(args, ++i, a));
                case "--tls-port" -> tlsPorts.add(port(value(args, ++i, a)));
                case "--timeout" -> timeout = number(value(args, ++i, a), 1, 600, a);
                default -> {
                    if (a.startsWith("--")) {
                        throw new UsageException("unknown option " + a);
                    }
                    positional.add(a);
                }
            }
        }
        if (positional.size() != 2) {
            throw new UsageException("give the HOST and PORT of the PACS to check");
        }
        String host = positional.get(0);
        int port = port(positional.get(1));
        LegacyPacsScanner.Options defaults = LegacyPacsScanner.Options.defaults(host, port);
        LegacyPacsScanner.Options options = new LegacyPacsScanner.Options(host, port,
                called.isEmpty() ? defaults.calledAes() : called, calling,
                tlsPorts.isEmpty() ? defaults.tlsPorts() : tlsPorts, Duration.ofSeconds(timeout));
        try {
            ScanReport report = new LegacyPacsScanner(options).scan();
            report.print(out);
            return !report.reachable() ? 3 : report.exposed() ? 1 : 0;
        } catch (IOException | RuntimeException e) {
            err.println("pacs scan: " + e.getMessage());
            return 3;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static String aeTitle(String s) {
        if (s.isBlank() || s.length() > 16 || s.contains("\\")) {
            throw new UsageException("'" + s + "' is not an AE title (1-16 characters, no backslash)");
        }
        return s;
    }

    private static int port(String s) {
        return number(s, 1, 65535, "port");
    }

    private static int number(String s, int min, int max, String what) {
        try {
            int n = Integer.parseInt(s);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(what + " must be a number from " + min + " to " + max + ", not '" + s + "'");
    }
}
