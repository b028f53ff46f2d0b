// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;

/**
 * PALETTE COLOR (PS3.3 §C.7.6.3.1.5, §C.7.6.3.1.6): each stored value indexes the red, green and blue
 * Palette Color Lookup Tables. A descriptor is (entries, first mapped value, bits per entry); 0 entries
 * means 65536; values below the first mapped value take the first entry, above the last the last.
 * Segmented tables (§C.7.9.2) are not rendered here.
 */
final class PaletteColorRendering {
    private PaletteColorRendering() {
    }

    static PixelPlanes planes(int[] stored, ImageHeader h, Attributes ds) throws CannotRenderException {
        byte[] r = table(ds, Tags.RedPaletteColorLookupTableDescriptor, Tags.RedPaletteColorLookupTableData, "Red", h);
        byte[] g = table(ds, Tags.GreenPaletteColorLookupTableDescriptor, Tags.GreenPaletteColorLookupTableData, "Green", h);
        byte[] b = table(ds, Tags.BluePaletteColorLookupTableDescriptor, Tags.BluePaletteColorLookupTableData, "Blue", h);
        int first = firstMapped(ds.getInts(Tags.RedPaletteColorLookupTableDescriptor), h);
        int n = stored.length;
        byte[][] planes = new byte[3][n];
        for (int i = 0; i < n; i++) {
            int index = stored[i] - first;
            planes[0][i] = r[Math.max(0, Math.min(r.length - 1, index))];
            planes[1][i] = g[Math.max(0, Math.min(g.length - 1, index))];
            planes[2][i] = b[Math.max(0, Math.min(b.length - 1, index))];
        }
        return new PixelPlanes(h.columns(), h.rows(), planes);
    }

    /** One table as 8-bit output values. */
    private static byte[] table(Attributes ds, int descriptorTag, int dataTag, String colour, ImageHeader h)
            throws CannotRenderException {
        int[] d = ds.getInts(descriptorTag);
        byte[] data = ds.getBytes(dataTag);
        if (d == null || d.length != 3 || data == null) {
            String segmented = ds.contains(Tags.SegmentedRedPaletteColorLookupTableData) ? " (segmented tables are "
                    + "not rendered here)" : "";
            throw new CannotRenderException("PALETTE COLOR without a usable " + colour + " Palette Color Lookup Table"
                    + segmented);
        }
        int entries = d[0] == 0 ? 65536 : d[0] & 0xFFFF;
        int bits = d[2];
        if (bits != 8 && bits != 16) {
            throw new CannotRenderException(colour + " Palette Color Lookup Table has " + bits + " bits per entry");
        }
        int bytesPerEntry = bits / 8;
        if (data.length < entries * bytesPerEntry) {
            throw new CannotRenderException(colour + " Palette Color Lookup Table Data holds fewer than " + entries
                    + " entries");
        }
        byte[] out = new byte[entries];
        if (bits == 8) {
            System.arraycopy(data, 0, out, 0, entries);
            return out;
        }
        int max = 0;
        for (int i = 0; i < entries; i++) {
            max = Math.max(max, (data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8);
        }
        // Tolerated: some writers declare 16 bits but fill only 0–255; shifting those would paint black.
        int shift = max <= 0xFF ? 0 : 8;
        for (int i = 0; i < entries; i++) {
            out[i] = (byte) (((data[2 * i] & 0xFF) | (data[2 * i + 1] & 0xFF) << 8) >>> shift);
        }
        return out;
    }

    /** The descriptor's first mapped value, signed when the pixels are (PS3.3 §C.7.6.3.1.5). */
    private static int firstMapped(int[] d, ImageHeader h) {
        int v = d[1] & 0xFFFF;
        return h.signed() && v > 0x7FFF ? v - 0x10000 : v;
    }
}
