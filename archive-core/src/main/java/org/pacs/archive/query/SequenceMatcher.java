// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.List;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;

/**
 * Sequence Matching (PS3.4 §C.2.2.2.6): the key's single item holds item keys; the entity matches if
 * at least one of its items matches all of them (recursively).
 */
record SequenceMatcher(int tag, List<KeyMatcher> itemMatchers) implements KeyMatcher {
    @Override
    public boolean matches(Attributes entity) {
        Sequence seq = entity.getSequence(tag);
        if (seq != null) {
            for (Attributes item : seq) {
                if (matchesItem(item)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean matchesItem(Attributes item) {
        for (KeyMatcher m : itemMatchers) {
            if (!m.matches(item)) {
                return false;
            }
        }
        return true;
    }
}
