// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.util.List;

/**
 * One line of the exposition: a metric name (a family's name, or it with a suffix such as
 * {@code _bucket}), its labels in order and a value.
 */
public record Sample(String name, List<String> labelNames, List<String> labelValues, double value) {
    public Sample {
        labelNames = List.copyOf(labelNames);
        labelValues = List.copyOf(labelValues);
        if (labelNames.size() != labelValues.size()) {
            throw new IllegalArgumentException("labels " + labelNames + " need as many values, not " + labelValues);
        }
    }

    public static Sample of(String name, double value) {
        return new Sample(name, List.of(), List.of(), value);
    }
}
