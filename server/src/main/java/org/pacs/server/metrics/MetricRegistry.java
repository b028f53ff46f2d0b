// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

/**
 * The metric families of one archive, written in {@link TextFormat} by name. Counters and histograms
 * are updated by the code that sees the events; gauges (and counters kept elsewhere) are read when
 * scraped.
 *
 * <pre>{@code
 * MetricRegistry registry = new MetricRegistry();
 * Counter stores = registry.counter("pacs_ingest_instances_total", "Instances received", "protocol", "outcome");
 * stores.inc("dicom", "stored");
 * String body = registry.scrape();
 * }</pre>
 */
public final class MetricRegistry {
    private final Map<String, MetricFamily> families = new ConcurrentSkipListMap<>();

    public Counter counter(String name, String help, String... labelNames) {
        return register(new Counter(name, help, labelNames));
    }

    public Histogram histogram(String name, String help, double[] bounds, String... labelNames) {
        return register(new Histogram(name, help, bounds, labelNames));
    }

    /** A gauge read when scraped; a reading that fails is left out of that scrape. */
    public void gauge(String name, String help, DoubleSupplier value) {
        sampled(name, help, MetricFamily.Type.GAUGE, () -> List.of(Sample.of(name, value.getAsDouble())));
    }

    /** A family whose samples are read when scraped, e.g. a count kept by another component. */
    public void sampled(String name, String help, MetricFamily.Type type, Supplier<List<Sample>> samples) {
        Names.metric(name);
        register(new MetricFamily() {
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
                return type;
            }

            @Override
            public List<Sample> samples() {
                try {
                    return samples.get();
                } catch (RuntimeException e) {
                    // A gauge that cannot be read now (a busy catalog, a gone file store) has no sample.
                    return List.of();
                }
            }
        });
    }

    private <F extends MetricFamily> F register(F family) {
        if (families.putIfAbsent(family.name(), family) != null) {
            throw new IllegalArgumentException("metric " + family.name() + " is already registered");
        }
        return family;
    }

    /** Every family, in name order, in the text exposition format. */
    public String scrape() {
        StringBuilder out = new StringBuilder(4096);
        try {
            TextFormat.write(new ArrayList<>(families.values()), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
