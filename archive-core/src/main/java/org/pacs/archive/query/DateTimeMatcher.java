// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.time.LocalDateTime;
import java.util.List;
import org.pacs.archive.catalog.DicomDates;
import org.pacs.dicom.data.Attributes;

/**
 * Single Value and Range Matching of date-times (PS3.4 §C.2.2.2.5), offsets from UTC taken into
 * account where both sides have one ({@link DicomDates#dateTimeSpan}); a stored value of reduced
 * precision matches if its span meets the range.
 */
record DateTimeMatcher(int tag, List<Range> ranges) implements KeyMatcher {
    /** Inclusive bounds; null for an open end. */
    record Range(LocalDateTime from, LocalDateTime to) {
    }

    @Override
    public boolean matches(Attributes entity) {
        String[] values = entity.getStrings(tag);
        if (values != null) {
            for (String v : values) {
                DicomDates.Span<LocalDateTime> span = DicomDates.dateTimeSpan(v);
                if (span != null && ranges.stream().anyMatch(r -> span.overlaps(r.from(), r.to()))) {
                    return true;
                }
            }
        }
        return false;
    }
}
