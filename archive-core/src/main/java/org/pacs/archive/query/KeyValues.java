// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.ArrayList;
import java.util.List;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.ElementDictionary;

/**
 * Reads a key of the identifier: its effective VR (the dictionary's when the identifier says UN, as an
 * implicit-VR identifier may) and its values decoded in the identifier's character set.
 */
final class KeyValues {
    private static final ElementDictionary DICTIONARY = ElementDictionary.standard();

    private KeyValues() {
    }

    static VR vrOf(Attributes ds, int index) {
        VR vr = ds.vrAt(index);
        if (vr == VR.UN) {
            VR known = DICTIONARY.vrOf(ds.tagAt(index));
            return known != null ? known : VR.UN;
        }
        return vr;
    }

    /** The values, empty ones included; empty array for a zero-length key. */
    static String[] strings(Attributes ds, int index) {
        int tag = ds.tagAt(index);
        VR vr = vrOf(ds, index);
        if (ds.vrAt(index) != VR.UN || vr == VR.UN) {
            String[] s = ds.getStrings(tag);
            return s == null ? new String[0] : s;
        }
        byte[] bytes = ds.getBytes(tag);
        if (bytes == null || bytes.length == 0 || !vr.isString()) {
            return new String[0];
        }
        String text = ds.specificCharacterSet().decode(bytes, 0, bytes.length, vr);
        if (vr.isSingleValuedText()) {
            return new String[] {text.stripTrailing()};
        }
        List<String> out = new ArrayList<>();
        for (String v : text.split("\\\\", -1)) {
            out.add(v.replace("\0", "").strip());
        }
        return out.toArray(String[]::new);
    }

    static boolean allEmpty(String[] values) {
        for (String v : values) {
            if (!v.isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
