// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import java.util.ArrayList;

/**
 * Encapsulated Pixel Data (PS3.5 §A.4): the items of an undefined-length OB value. The first item is
 * the Basic Offset Table (possibly empty). Each item is either a {@code byte[]} or a {@link BulkData};
 * fragments are passed through unchanged, never decoded.
 */
public final class Fragments extends ArrayList<Object> {
    private final VR vr;

    public Fragments(VR vr, int initialCapacity) {
        super(initialCapacity);
        this.vr = vr;
    }

    public VR vr() {
        return vr;
    }

    /** The length of fragment {@code i} in bytes. */
    public long lengthOf(int i) {
        Object f = get(i);
        return f instanceof byte[] b ? b.length : ((BulkData) f).length();
    }

    @Override
    public boolean add(Object fragment) {
        if (!(fragment instanceof byte[]) && !(fragment instanceof BulkData)) {
            throw new IllegalArgumentException("a fragment is a byte[] or BulkData, not " + fragment);
        }
        return super.add(fragment);
    }
}
