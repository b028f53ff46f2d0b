// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.pacs.archive.catalog.DicomDates;
import org.pacs.dicom.data.Attributes;

/**
 * Combined datetime matching (PS3.4 §C.2.2.2.5, with the extended negotiation): a date key and a time
 * key of the same range form match as one date-time, so "20060705-20060707" with "1000-1800" runs from
 * 2006-07-05 10:00 to 2006-07-07 18:00. An entity with a date but no time covers its whole day.
 */
record CombinedDateTimeMatcher(int tag, int timeTag, LocalDateTime from, LocalDateTime to) implements KeyMatcher {
    @Override
    public boolean matches(Attributes entity) {
        LocalDate date = DicomDates.parseDate(entity.getString(tag));
        if (date == null) {
            return false;
        }
        LocalTime time = DicomDates.parseTime(entity.getString(timeTag));
        LocalDateTime first = date.atTime(time != null ? time : LocalTime.MIN);
        LocalDateTime last = date.atTime(time != null ? time : LocalTime.MAX);
        return (from == null || !last.isBefore(from)) && (to == null || !first.isAfter(to));
    }
}
