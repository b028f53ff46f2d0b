// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.time.LocalDate;
import java.util.List;
import org.pacs.archive.catalog.DicomDates;
import org.pacs.dicom.data.Attributes;

/**
 * Single Value and Range Matching of dates (PS3.4 §C.2.2.2.1, §C.2.2.2.5): "D" matches D,
 * "D1-D2" D1 to D2 inclusive, "-D" up to D, "D-" from D on.
 */
record DateMatcher(int tag, List<Range> ranges) implements KeyMatcher {
    /** Inclusive bounds; null for an open end. */
    record Range(LocalDate from, LocalDate to) {
        boolean contains(LocalDate d) {
            return (from == null || !d.isBefore(from)) && (to == null || !d.isAfter(to));
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
                LocalDate d = DicomDates.parseDate(v);
                if (d != null && ranges.stream().anyMatch(r -> r.contains(d))) {
                    return true;
                }
            }
        }
        return false;
    }
}
