// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;

/**
 * One attribute to return: its tag and VR, the level whose entity answers it, and for a sequence the
 * key's item (the item attributes to return) and its matcher (which items to return, PS3.4
 * §C.2.2.2.6).
 */
record ReturnKey(int tag, VR vr, QueryRetrieveLevel source, Attributes itemTemplate, SequenceMatcher itemMatcher) {
}
