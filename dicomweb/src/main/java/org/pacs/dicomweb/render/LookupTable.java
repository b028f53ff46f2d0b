// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;

/**
 * A Modality LUT or VOI LUT from an item of the Modality LUT Sequence (0028,3000) or VOI LUT Sequence
 * (0028,3010) (PS3.3 §C.11.1.1, §C.11.2.1.1): LUT Descriptor (entries, 0 meaning 65536; first input value
 * mapped; bits per entry) and LUT Data. Inputs below the first mapped value take the first entry, above
 * the last the last.
 *
 * @param first the first input value mapped
 * @param bits bits per entry: outputs range over 0 to 2^bits − 1
 */
record LookupTable(int first, int bits, int[] entries) {

    /** The table of {@code item}, or null if the item holds no usable one. */
    static LookupTable of(Attributes item, boolean signedInput) throws CannotRenderException {
        int[] d = item.getInts(Tags.LUTDescriptor);
        byte[] data = item.getBytes(Tags.LUTData);
        if (d == null || d.length != 3 || data == null) {
            return null;
        }
        int n = d[0] == 0 ? 65536 : d[0] & 0xFFFF;
        int first = d[1] & 0xFFFF;
        if (signedInput && first > 0x7FFF) {
            first -= 0x10000;
        }
        int bits = d[2];
        if (bits < 8 || bits > 16) {
            throw new CannotRenderException("a LUT Descriptor gives " + bits + " bits per entry (8 to 16 allowed)");
        }
        int[] entries = new int[n];
        if (data.length == n && bits == 8) {
            // 8-bit entries packed two to an OW word.
            for (int i = 0; i < n; i++) {
                entries[i] = data[i] & 0xFF;
            }
        } else if (data.length >= 2 * n) {
            for (int i = 0; i < n; i++) {
                entries[i] = (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8;
            }
        } else {
            throw new CannotRenderException("LUT Data holds fewer than the " + n + " entries of its descriptor");
        }
        return new LookupTable(first, bits, entries);
    }

    /** The output for input {@code x}. */
    int apply(double x) {
        long i = Math.round(x) - first;
        return entries[(int) Math.max(0, Math.min(entries.length - 1, i))];
    }

    /** The output for input {@code x} scaled to 0–255. */
    int apply8(double x) {
        return (int) Math.round(apply(x) * 255.0 / ((1 << bits) - 1));
    }
}
