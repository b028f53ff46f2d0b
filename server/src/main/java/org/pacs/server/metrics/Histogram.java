// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * Observations (durations in seconds) counted into fixed buckets per combination of label values,
 * written as cumulative {@code _bucket{le="..."}} lines with {@code _sum} and {@code _count}, as the
 * exposition format defines a histogram. Buckets, unlike a summary's quantiles, add up across archives.
 */
public final class Histogram implements MetricFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final double[] bounds;
    private final Map<String, Series> series = new ConcurrentSkipListMap<>();

    Histogram(String name, String help, double[] bounds, String... labelNames) {
        this.name = Names.metric(name);
        this.help = help;
        this.labelNames = List.of(Names.labels(labelNames));
        this.bounds = bounds.clone();
        for (int i = 0; i < this.bounds.length; i++) {
            if (!Double.isFinite(this.bounds[i]) || (i > 0 && this.bounds[i] <= this.bounds[i - 1])) {
                throw new IllegalArgumentException("bucket bounds must be finite and increasing");
            }
        }
    }

    public void observe(double value, String... labelValues) {
        if (labelValues.length != labelNames.size()) {
            throw new IllegalArgumentException(name + " takes labels " + labelNames);
        }
        Series s = series.computeIfAbsent(String.join("\u0000", Arrays.asList(labelValues)),
                k -> new Series(List.of(labelValues), bounds.length));
        int i = 0;
        while (i < bounds.length && value > bounds[i]) {
            i++;
        }
        s.buckets[i].increment();
        s.sum.add(value);
    }

    /** Observations so far in one series. */
    public long count(String... labelValues) {
        Series s = series.get(String.join("\u0000", Arrays.asList(labelValues)));
        if (s == null) {
            return 0;
        }
        long n = 0;
        for (LongAdder b : s.buckets) {
            n += b.sum();
        }
        return n;
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
        return Type.HISTOGRAM;
    }

    @Override
    public List<Sample> samples() {
        List<Sample> out = new ArrayList<>();
        List<String> withLe = new ArrayList<>(labelNames);
        withLe.add("le");
        for (Series s : series.values()) {
            long cumulative = 0;
            for (int i = 0; i <= bounds.length; i++) {
                cumulative += s.buckets[i].sum();
                List<String> values = new ArrayList<>(s.labelValues);
                values.add(i < bounds.length ? TextFormat.number(bounds[i]) : "+Inf");
                out.add(new Sample(name + "_bucket", withLe, values, cumulative));
            }
            out.add(new Sample(name + "_sum", labelNames, s.labelValues, s.sum.sum()));
            out.add(new Sample(name + "_count", labelNames, s.labelValues, cumulative));
        }
        return out;
    }

    private record Series(List<String> labelValues, LongAdder[] buckets, DoubleAdder sum) {
        Series(List<String> labelValues, int bounds) {
            this(labelValues, newAdders(bounds + 1), new DoubleAdder());
        }

        private static LongAdder[] newAdders(int n) {
            LongAdder[] a = new LongAdder[n];
            for (int i = 0; i < n; i++) {
                a[i] = new LongAdder();
            }
            return a;
        }
    }
}
