// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import org.pacs.dicom.data.VR;

/** Byte order conversion of binary values by the VR's unit size (AT swaps each 16-bit half). */
final class ByteSwap {
    private ByteSwap() {
    }

    static int unit(VR vr) {
        return vr == VR.AT ? 2 : vr.kind() == VR.Kind.BINARY ? vr.unitSize() : 1;
    }

    /** Swaps {@code b} in place; a no-op for single-byte and string VRs. */
    static void toLittleEndian(VR vr, byte[] b) {
        swap(b, 0, b.length, unit(vr));
    }

    static void swap(byte[] b, int off, int len, int unit) {
        if (unit <= 1) {
            return;
        }
        int end = off + len - len % unit;
        for (int i = off; i < end; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }
}
