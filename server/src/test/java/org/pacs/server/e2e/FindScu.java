// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DCMTK's {@code findscu -v +tls} and the matches it printed: each "Find Response: N (Pending)" is
 * followed by the identifier in dcmdump form, and the exchange ends with "Received Final Find Response
 * (STATUS)".
 */
final class FindScu {
    /** A top-level element line: {@code I: (0010,0010) PN [Alpha^Anna]   #  10, 1 PatientName}. */
    private static final Pattern ELEMENT = Pattern.compile("^I: \\(([0-9a-f]{4},[0-9a-f]{4})\\) \\w\\w (.*?)\\s+#");
    private static final Pattern FINAL = Pattern.compile("Received Final Find Response \\((.*)\\)");

    /** The matches (tag "gggg,eeee" → value without its padding) and the final status text. */
    record Result(List<Map<String, String>> matches, String finalStatus, ToolRun run) {

        List<String> values(String tag) {
            return matches.stream().map(m -> m.get(tag)).toList();
        }

        @Override
        public String toString() {
            return run.toString();
        }
    }

    private FindScu() {
    }

    /**
     * Queries with {@code model} ({@code -S} study root, {@code -P} patient root) and {@code keys}
     * ("Keyword=value" or "Keyword" for a return key), as {@code ae} over TLS.
     */
    static Result query(ArchiveProcess archive, AeBundle ae, String model, String... keys) {
        List<String> command = new ArrayList<>(List.of("findscu", "-v", "-to", "15", "-ta", "15", model));
        command.addAll(ae.dcmtkTls());
        command.addAll(List.of("-aet", ae.aeTitle(), "-aec", ArchiveProcess.AE_TITLE));
        for (String k : keys) {
            command.addAll(List.of("-k", k));
        }
        command.addAll(List.of(archive.host(), Integer.toString(archive.port())));
        ToolRun run = Tools.run(Tools.DEFAULT_TIMEOUT, command);
        return parse(run);
    }

    static Result parse(ToolRun run) {
        List<Map<String, String>> matches = new ArrayList<>();
        Map<String, String> current = null;
        String finalStatus = null;
        for (String line : run.output().lines().toList()) {
            if (line.contains("Find Response:") && line.contains("(Pending)")) {
                current = new LinkedHashMap<>();
                matches.add(current);
                continue;
            }
            Matcher f = FINAL.matcher(line);
            if (f.find()) {
                finalStatus = f.group(1);
                current = null;
                continue;
            }
            if (line.startsWith("I: ----")) {
                current = null;
                continue;
            }
            Matcher e = ELEMENT.matcher(line);
            if (current != null && e.find()) {
                current.put(e.group(1), value(e.group(2)));
            }
        }
        return new Result(matches, finalStatus, run);
    }

    private static String value(String printed) {
        if (printed.startsWith("[") && printed.endsWith("]")) {
            // findscu prints values as received, with their padding (space, or NUL for UIDs).
            String v = printed.substring(1, printed.length() - 1);
            int end = v.length();
            while (end > 0 && (v.charAt(end - 1) == ' ' || v.charAt(end - 1) == '\0')) {
                end--;
            }
            return v.substring(0, end);
        }
        return printed.equals("(no value available)") ? "" : printed;
    }
}
