// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.query.SelectionQuery;
import org.pacs.dicom.dict.Tags;

/**
 * Series- and instance-level matchers the catalog's columns answer exactly (UID lists, Modality and
 * SOP Class single values), as JPQL conditions on {@code se} (series) and {@code i} (instance); the
 * others are left for the headers.
 */
final class RowFilters {
    private final StringBuilder where = new StringBuilder();
    private final Map<String, Object> params = new HashMap<>();

    /** Takes what the columns answer from {@code matchers}; returns the rest. */
    List<KeyMatcher> take(List<KeyMatcher> matchers) {
        List<KeyMatcher> residual = new ArrayList<>();
        for (KeyMatcher m : matchers) {
            String column = column(m);
            if (column == null) {
                residual.add(m);
                continue;
            }
            String p = "p" + params.size();
            where.append(" and ").append(column).append(" in (:").append(p).append(')');
            params.put(p, m instanceof UidListMatcher u ? u.uids() : ((TextMatcher) m).patterns());
        }
        return residual;
    }

    private static String column(KeyMatcher m) {
        if (m instanceof UidListMatcher u) {
            return switch (u.tag()) {
                case Tags.SeriesInstanceUID -> "se.seriesInstanceUid";
                case Tags.SOPInstanceUID -> "i.sopInstanceUid";
                case Tags.SOPClassUID -> "i.sopClassUid";
                default -> null;
            };
        }
        if (m instanceof TextMatcher t && t.tag() == Tags.Modality
                && t.patterns().stream().noneMatch(Glob::hasWildcard)) {
            return "se.modality";
        }
        return null;
    }

    /** The conditions, each starting with " and ". */
    String where() {
        return where.toString();
    }

    <T> SelectionQuery<T> bind(SelectionQuery<T> query) {
        params.forEach(query::setParameter);
        return query;
    }
}
