// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.Set;
import org.pacs.dicom.data.Attributes;

/** List of UID Matching (PS3.4 §C.2.2.2.2); one UID is Single Value Matching. */
record UidListMatcher(int tag, Set<String> uids) implements KeyMatcher {
    @Override
    public boolean matches(Attributes entity) {
        String[] values = entity.getStrings(tag);
        if (values != null) {
            for (String v : values) {
                if (uids.contains(v)) {
                    return true;
                }
            }
        }
        return false;
    }
}
