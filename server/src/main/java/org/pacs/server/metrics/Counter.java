// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A monotonically increasing count per combination of label values. Callers pass label values from
 * fixed vocabularies only (a protocol, an outcome, a command), so the number of series stays small.
 */
public final class Counter implements MetricFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<String, Series> series = new ConcurrentSkipListMap<>();

    Counter(String name, String help, String... labelNames) {
        this.name = Names.metric(name);
        this.help = help;
        this.labelNames = List.of(Names.labels(labelNames));
    }

    /** Adds one. */
    public void inc(String... labelValues) {
        add(1, labelValues);
    }

    /** Adds {@code n} (not negative: a counter never goes down). */
    public void add(long n, String... labelValues) {
        if (n < 0) {
            throw new IllegalArgumentException("a counter only increases");
        }
        seriesOf(labelValues).count.add(n);
    }

    /** Makes the series exist at 0 before its first event, so a rate over it starts from the start. */
    public Counter initialize(String... labelValues) {
        seriesOf(labelValues);
        return this;
    }

    /** The current count of one series (0 if it has none yet). */
    public long value(String... labelValues) {
        Series s = series.get(key(labelValues));
        return s == null ? 0 : s.count.sum();
    }

    private Series seriesOf(String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames);
        }
        return series.computeIfAbsent(key(labelValues), k -> new Series(List.of(labelValues)));
    }

    private static String key(String... labelValues) {
        // NUL never occurs in a label value of a fixed vocabulary: a safe separator.
        return String.join("\u0000", Arrays.asList(labelValues));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String help() {
        return help;
    }

    @Override
    public Type type() {
        return Type.COUNTER;
    }

    @Override
    public List<Sample> samples() {
        List<Sample> out = new ArrayList<>(series.size());
        for (Series s : series.values()) {
            out.add(new Sample(name, labelNames, s.labelValues, s.count.sum()));
        }
        return out;
    }

    private record Series(List<String> labelValues, LongAdder count) {
        Series(List<String> labelValues) {
            this(labelValues, new LongAdder());
        }
    }
}
