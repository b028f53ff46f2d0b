// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of the text exposition format 0.0.4, written for the tests from the format's
 * description: HELP and TYPE lines, then samples {@code name{l="v",...} value}, with the escapes
 * {@code \\}, {@code \"} and {@code \n} in label values. Anything else is an error.
 */
final class Exposition {
    record Line(String name, Map<String, String> labels, double value) {
    }

    final Map<String, String> help = new LinkedHashMap<>();
    final Map<String, String> type = new LinkedHashMap<>();
    final List<Line> samples = new ArrayList<>();

    static Exposition parse(String text) {
        Exposition e = new Exposition();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("# HELP ")) {
                String[] p = line.substring(7).split(" ", 2);
                e.help.put(p[0], unescapeHelp(p[1]));
            } else if (line.startsWith("# TYPE ")) {
                String[] p = line.substring(7).split(" ");
                if (p.length != 2) {
                    throw new IllegalArgumentException("bad TYPE line: " + line);
                }
                e.type.put(p[0], p[1]);
            } else if (line.startsWith("#")) {
                throw new IllegalArgumentException("unexpected comment: " + line);
            } else {
                e.samples.add(sample(line));
            }
        }
        return e;
    }

    private static Line sample(String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
            throw new IllegalArgumentException("bad metric name in: " + line);
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf("=\"", i);
                String label = line.substring(i, eq);
                if (!label.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
                    throw new IllegalArgumentException("bad label name '" + label + "' in: " + line);
                }
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        v.append(switch (n) {
                            case '\\' -> '\\';
                            case '"' -> '"';
                            case 'n' -> '\n';
                            default -> throw new IllegalArgumentException("bad escape \\" + n + " in: " + line);
                        });
                    } else {
                        v.append(c);
                    }
                    j++;
                }
                labels.put(label, v.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            i++;
        }
        if (line.charAt(i) != ' ') {
            throw new IllegalArgumentException("no space before the value in: " + line);
        }
        String value = line.substring(i + 1);
        double d = switch (value) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
        return new Line(name, labels, d);
    }

    private static String unescapeHelp(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                char n = s.charAt(++i);
                out.append(n == 'n' ? '\n' : n);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The value of the one sample with this name and exactly these labels; 0 if there is none. */
    double value(String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels))
                .mapToDouble(Line::value).findFirst().orElse(0);
    }

    /** Sum over every sample of {@code name} whose labels include {@code some}. */
    double sum(String name, Map<String, String> some) {
        return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(some.entrySet()))
                .mapToDouble(Line::value).sum();
    }
}
