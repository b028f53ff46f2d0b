// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import org.pacs.dicom.data.Attributes;

/**
 * The matching a non-universal key attribute asks for (PS3.4 §C.2.2.2), evaluated against one entity's
 * attributes. The same matchers drive the index predicates ({@link StudyIndexPredicates}) so both
 * paths answer alike; an entity whose attribute is absent or empty matches no non-universal key.
 */
sealed interface KeyMatcher permits TextMatcher, PersonNameMatcher, UidListMatcher, NumberMatcher, DateMatcher,
        TimeMatcher, DateTimeMatcher, CombinedDateTimeMatcher, SequenceMatcher {

    /** The key's tag (the date's for a combined date-time key). */
    int tag();

    boolean matches(Attributes entity);
}
