// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.util.List;

/** A named metric with its help text and type, and its samples as of now. */
public interface MetricFamily {
    /** The exposition's types this registry writes. */
    enum Type {
        COUNTER, GAUGE, HISTOGRAM;

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    String name();

    String help();

    Type type();

    List<Sample> samples();
}
