// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.time.LocalTime;
import java.util.List;
import org.pacs.archive.catalog.DicomDates;
import org.pacs.dicom.data.Attributes;

/**
 * Single Value and Range Matching of times (PS3.4 §C.2.2.2.1, §C.2.2.2.5) within one day. A key of
 * reduced precision covers its span: "10" matches 10:00 to 10:59:59.999999, and "0800-1000" ends at
 * 10:00:59.999999. A stored time is the start of its span. A range crossing midnight matches nothing.
 */
record TimeMatcher(int tag, List<Range> ranges) implements KeyMatcher {
    /** Inclusive bounds; null for an open end. */
    record Range(LocalTime from, LocalTime to) {
        boolean contains(LocalTime t) {
            return (from == null || !t.isBefore(from)) && (to == null || !t.isAfter(to));
        }

        boolean isEmpty() {
            return from != null && to != null && from.isAfter(to);
        }
    }

    @Override
    public boolean matches(Attributes entity) {
        String[] values = entity.getStrings(tag);
        if (values != null) {
            for (String v : values) {
                LocalTime t = DicomDates.parseTime(v);
                if (t != null && ranges.stream().anyMatch(r -> r.contains(t))) {
                    return true;
                }
            }
        }
        return false;
    }
}
