// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;

/**
 * A value offered to {@link BulkDataUris} while a data set is written: where it sits, its VR, the value
 * object ({@code byte[]}, {@code String}, {@link org.pacs.dicom.data.BulkData BulkData} or
 * {@link org.pacs.dicom.data.Fragments Fragments}) and its length in bytes (for fragments: the items as
 * encapsulated, PS3.5 §A.4, without the Sequence Delimitation Item). While a {@link JsonDataSetHandler}
 * streams from input that is not a plain file, the value is null: only its path and length are known.
 *
 * @param path the attribute path from the top-level data set: tags as "GGGGEEEE" and item indexes
 *     (0-based) separated by '/', e.g. {@code "00540016/0/00181078"} or {@code "7FE00010"}
 */
public record BulkValue(String path, int tag, VR vr, Object value, long length) {
    @Override
    public String toString() {
        return "BulkValue[" + path + " " + vr + " #" + length + "]";
    }

    /** The path of element {@code tag} in the item at {@code itemPath} ("" at top level). */
    static String pathOf(String itemPath, int tag) {
        return itemPath.isEmpty() ? Tag.toHex(tag) : itemPath + "/" + Tag.toHex(tag);
    }
}
