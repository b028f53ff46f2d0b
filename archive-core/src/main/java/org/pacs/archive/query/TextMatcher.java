// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.List;
import org.pacs.dicom.data.Attributes;

/**
 * Single Value Matching (PS3.4 §C.2.2.2.1) and Wild Card Matching (§C.2.2.2.4) of character strings
 * other than person names: case-sensitive, exact unless the value holds "*" or "?". Several key values
 * (backslash-separated) match if any does; an entity value matches if any of its values does.
 */
record TextMatcher(int tag, List<String> patterns, boolean wildcards) implements KeyMatcher {
    @Override
    public boolean matches(Attributes entity) {
        String[] values = entity.getStrings(tag);
        if (values == null) {
            return false;
        }
        for (String v : values) {
            if (!v.isEmpty() && matchesValue(v)) {
                return true;
            }
        }
        return false;
    }

    boolean matchesValue(String value) {
        for (String p : patterns) {
            if (wildcards && Glob.hasWildcard(p) ? Glob.matches(p, value) : p.equals(value)) {
                return true;
            }
        }
        return false;
    }
}
