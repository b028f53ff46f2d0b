// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuditFilterTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-06-10T12:00:00Z"), ZoneOffset.UTC);

    @ParameterizedTest
    @CsvSource({
        "2026-01-01, 2026-01-01T00:00:00Z",
        "2026-01-01T08:30, 2026-01-01T08:30:00Z",
        "2026-01-01T08:30:00Z, 2026-01-01T08:30:00Z",
        "2026-01-01T10:30:00+02:00, 2026-01-01T08:30:00Z",
        "24h, 2026-06-09T12:00:00Z",
        "7d, 2026-06-03T12:00:00Z",
        "30m, 2026-06-10T11:30:00Z",
        "90s, 2026-06-10T11:58:30Z"})
    void parsesSinceAsUtcDateTimeOrASpanBackFromNow(String text, String expected) {
        assertEquals(Instant.parse(expected), AuditFilter.parseSince(text, clock));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "24", "2026-13-01", "-3h", "1w"})
    void rejectsOtherSinceValues(String text) {
        assertThrows(IllegalArgumentException.class, () -> AuditFilter.parseSince(text, clock));
    }
}
