// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MetricRegistryTest {
    private final MetricRegistry registry = new MetricRegistry();

    @Nested
    class Exposition004 {
        @Test
        void everyFamilyHasHelpAndTypeBeforeItsSamples() {
            registry.counter("a_total", "Things counted", "kind").inc("x");
            registry.gauge("b_bytes", "A level", () -> 42);
            String text = registry.scrape();
            Exposition e = Exposition.parse(text);
            assertEquals(Map.of("a_total", "counter", "b_bytes", "gauge"), e.type);
            assertEquals("Things counted", e.help.get("a_total"));
            assertTrue(text.indexOf("# TYPE a_total counter") < text.indexOf("a_total{kind=\"x\"} 1"), text);
            assertEquals(42, e.value("b_bytes", Map.of()));
            assertTrue(text.endsWith("\n"), "the last line ends with a line feed");
        }

        @Test
        void labelValuesEscapeBackslashQuoteAndLineFeed() {
            String nasty = "a\\b\"c\nd";
            registry.counter("c_total", "x", "v").add(3, nasty);
            String text = registry.scrape();
            assertTrue(text.contains("c_total{v=\"a\\\\b\\\"c\\nd\"} 3"), text);
            assertEquals(3, Exposition.parse(text).value("c_total", Map.of("v", nasty)));
        }

        @Test
        void helpEscapesBackslashAndLineFeedOnly() {
            registry.gauge("g", "two\nlines \\ and \"quotes\"", () -> 1);
            String text = registry.scrape();
            assertTrue(text.contains("# HELP g two\\nlines \\\\ and \"quotes\"\n"), text);
            assertEquals("two\nlines \\ and \"quotes\"", Exposition.parse(text).help.get("g"));
        }

        @Test
        void numbersAreIntegralWhenWholeAndNamedWhenInfiniteOrNaN() {
            assertEquals("7", TextFormat.number(7));
            assertEquals("0.25", TextFormat.number(0.25));
            assertEquals("+Inf", TextFormat.number(Double.POSITIVE_INFINITY));
            assertEquals("-Inf", TextFormat.number(Double.NEGATIVE_INFINITY));
            assertEquals("NaN", TextFormat.number(Double.NaN));
        }

        @Test
        void aGaugeThatCannotBeReadIsLeftOutNotFatal() {
            registry.gauge("broken", "fails", () -> {
                throw new IllegalStateException("catalog busy");
            });
            registry.gauge("fine", "works", () -> 1);
            Exposition e = Exposition.parse(registry.scrape());
            assertEquals(1, e.value("fine", Map.of()));
            assertTrue(e.samples.stream().noneMatch(s -> s.name().equals("broken")));
        }
    }

    @Nested
    class Histograms {
        @Test
        void bucketsAreCumulativeWithInfSumAndCount() {
            Histogram h = registry.histogram("d_seconds", "durations", new double[] {0.1, 1}, "p");
            h.observe(0.05, "dicom");
            h.observe(0.5, "dicom");
            h.observe(5, "dicom");
            Exposition e = Exposition.parse(registry.scrape());
            assertEquals("histogram", e.type.get("d_seconds"));
            assertEquals(1, e.value("d_seconds_bucket", Map.of("p", "dicom", "le", "0.1")));
            assertEquals(2, e.value("d_seconds_bucket", Map.of("p", "dicom", "le", "1")));
            assertEquals(3, e.value("d_seconds_bucket", Map.of("p", "dicom", "le", "+Inf")));
            assertEquals(5.55, e.value("d_seconds_sum", Map.of("p", "dicom")), 1e-9);
            assertEquals(3, e.value("d_seconds_count", Map.of("p", "dicom")));
        }

        @Test
        void boundsMustIncrease() {
            assertThrows(IllegalArgumentException.class, () -> registry.histogram("h", "x", new double[] {1, 1}));
        }
    }

    @Nested
    class NameRules {
        @Test
        void rejectsInvalidMetricAndLabelNames() {
            assertThrows(IllegalArgumentException.class, () -> registry.counter("1bad", "x"));
            assertThrows(IllegalArgumentException.class, () -> registry.counter("ok_total", "x", "bad-label"));
            assertThrows(IllegalArgumentException.class, () -> registry.counter("ok_total", "x", "__reserved"));
            assertThrows(IllegalArgumentException.class, () -> registry.histogram("h", "x", new double[] {1}, "le"));
        }

        @Test
        void rejectsTheSameNameTwice() {
            registry.counter("x_total", "x");
            assertThrows(IllegalArgumentException.class, () -> registry.gauge("x_total", "y", () -> 1));
        }

        @Test
        void rejectsTheWrongNumberOfLabelValues() {
            Counter c = registry.counter("y_total", "y", "a", "b");
            assertThrows(IllegalArgumentException.class, () -> c.inc("only-one"));
        }
    }

    @Test
    void counterNeverDecreases() {
        Counter c = registry.counter("z_total", "z");
        assertThrows(IllegalArgumentException.class, () -> c.add(-1));
        c.initialize();
        assertEquals(List.of(new Sample("z_total", List.of(), List.of(), 0)), c.samples());
    }
}
