// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.io.IOException;
import java.util.Collection;

/**
 * Prometheus' text exposition format, version 0.0.4: per family a {@code # HELP} and a {@code # TYPE}
 * line, then one line per sample, {@code name{label="value",...} value}. In help text a backslash and
 * a line feed are escaped; in label values also the double quote.
 */
public final class TextFormat {
    /** The Content-Type a scraper expects for this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private TextFormat() {
    }

    public static void write(Collection<? extends MetricFamily> families, Appendable out) throws IOException {
        for (MetricFamily f : families) {
            out.append("# HELP ").append(f.name()).append(' ').append(escapeHelp(f.help())).append('\n');
            out.append("# TYPE ").append(f.name()).append(' ').append(f.type().wireName()).append('\n');
            for (Sample s : f.samples()) {
                out.append(s.name());
                if (!s.labelNames().isEmpty()) {
                    out.append('{');
                    for (int i = 0; i < s.labelNames().size(); i++) {
                        if (i > 0) {
                            out.append(',');
                        }
                        out.append(s.labelNames().get(i)).append("=\"").append(escapeLabelValue(s.labelValues().get(i)))
                                .append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(number(s.value())).append('\n');
            }
        }
    }

    static String escapeHelp(String text) {
        return text.replace("\\", "\\\\").replace("\n", "\\n");
    }

    static String escapeLabelValue(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Integral values without a fraction (counts read better), the rest as Java prints doubles. */
    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
