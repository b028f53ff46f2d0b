// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.math.BigDecimal;
import java.util.List;
import org.pacs.dicom.data.Attributes;

/** Single Value Matching (PS3.4 §C.2.2.2.1) of numbers (IS, DS, US, UL, FL, ...): "01" matches "1". */
record NumberMatcher(int tag, List<BigDecimal> values) implements KeyMatcher {
    @Override
    public boolean matches(Attributes entity) {
        String[] stored = entity.getStrings(tag);
        if (stored == null) {
            return false;
        }
        for (String s : stored) {
            BigDecimal n = parse(s);
            if (n != null && values.stream().anyMatch(v -> v.compareTo(n) == 0)) {
                return true;
            }
        }
        return false;
    }

    static BigDecimal parse(String s) {
        try {
            String t = s.strip();
            return t.isEmpty() ? null : new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
