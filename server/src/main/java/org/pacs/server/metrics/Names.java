// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.util.regex.Pattern;

/** The exposition format's rules for metric and label names. */
final class Names {
    private static final Pattern METRIC = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private Names() {
    }

    static String metric(String name) {
        if (name == null || !METRIC.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric name: " + name);
        }
        return name;
    }

    static String[] labels(String... names) {
        for (String n : names) {
            // "le" is the histogram's own; names starting "__" are reserved for Prometheus.
            if (n == null || !LABEL.matcher(n).matches() || n.startsWith("__") || n.equals("le")) {
                throw new IllegalArgumentException("not a label name here: " + n);
            }
        }
        return names.clone();
    }
}
