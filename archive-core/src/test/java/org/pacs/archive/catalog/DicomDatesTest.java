// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** DA, TM and DT forms of PS3.5 Table 6.2-1, with the ACR-NEMA forms still met in the field. */
class DicomDatesTest {
    @ParameterizedTest
    @CsvSource({"20240131, 2024-01-31", "2024.01.31, 2024-01-31", "' 20000229 ', 2000-02-29"})
    void readsDates(String da, LocalDate expected) {
        assertEquals(expected, DicomDates.parseDate(da));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2024013", "20240230", "2024-01-31", "abcdefgh"})
    void readsMalformedDatesAsNull(String da) {
        assertNull(DicomDates.parseDate(da));
    }

    @ParameterizedTest
    @CsvSource({
        "10, 10:00, 10:59:59.999999",
        "1030, 10:30, 10:30:59.999999",
        "103015, 10:30:15, 10:30:15.999999",
        "103015.5, 10:30:15.5, 10:30:15.599999",
        "103015.123456, 10:30:15.123456, 10:30:15.123456",
        "10:30:15, 10:30:15, 10:30:15.999999",
    })
    void readsTimesAsTheSpanTheyCover(String tm, LocalTime first, LocalTime last) {
        DicomDates.Span<LocalTime> span = DicomDates.timeSpan(tm);
        assertEquals(first, span.first());
        assertEquals(last, span.last());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "2400", "1060", "1030.5", "103015.1234567", "ab"})
    void readsMalformedTimesAsNull(String tm) {
        assertNull(DicomDates.timeSpan(tm));
    }

    @ParameterizedTest
    @CsvSource({
        "2024, 2024-01-01T00:00, 2024-12-31T23:59:59.999999",
        "20240201, 2024-02-01T00:00, 2024-02-01T23:59:59.999999",
        "20240201103015.25, 2024-02-01T10:30:15.25, 2024-02-01T10:30:15.259999",
        "20240201103015+0100, 2024-02-01T09:30:15, 2024-02-01T09:30:15.999999",
    })
    void readsDateTimesAsUtcSpansWhenAnOffsetIsGiven(String dt, LocalDateTime first, LocalDateTime last) {
        DicomDates.Span<LocalDateTime> span = DicomDates.dateTimeSpan(dt);
        assertEquals(first, span.first());
        assertEquals(last, span.last());
    }
}
