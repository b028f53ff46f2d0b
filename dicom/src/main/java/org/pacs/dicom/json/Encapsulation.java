// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.FileBulkData;

/**
 * Encapsulated Pixel Data as one octet stream for InlineBinary and BulkDataURI: the Value Field of PS3.5
 * §A.4, i.e. each fragment as an Item (FFFE,E000) with its 32-bit little-endian length, without the
 * closing Sequence Delimitation Item. The same bytes parse back into {@link Fragments}.
 */
public final class Encapsulation {
    private static final int ITEM_HEADER = 8;

    private Encapsulation() {
    }

    /** Length of the item stream in bytes. */
    public static long length(Fragments f) {
        long n = 0;
        for (int i = 0; i < f.size(); i++) {
            n += ITEM_HEADER + f.lengthOf(i);
        }
        return n;
    }

    /** A new stream over the items; fragments held as references are opened one at a time. */
    public static InputStream open(Fragments f) throws IOException {
        List<InputStream> parts = new ArrayList<>(f.size() * 2);
        for (int i = 0; i < f.size(); i++) {
            parts.add(new ByteArrayInputStream(header(f.lengthOf(i))));
            Object frag = f.get(i);
            parts.add(frag instanceof byte[] b ? new ByteArrayInputStream(b) : new LazyStream((BulkData) frag));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private static byte[] header(long length) {
        return new byte[] {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0,
            (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
    }

    /**
     * A file URI over the items if every fragment held as a file reference lies where the item layout
     * puts it (one file, contiguous); in-memory fragments in between are located from their neighbours.
     */
    public static String fileUri(Fragments f) {
        FileBulkData anchor = null;
        int anchorIndex = -1;
        for (int i = 0; i < f.size(); i++) {
            if (f.get(i) instanceof FileBulkData fb) {
                anchor = fb;
                anchorIndex = i;
                break;
            }
        }
        if (anchor == null || anchor.bigEndian()) {
            return null;
        }
        long start = anchor.offset() - ITEM_HEADER;
        for (int i = anchorIndex - 1; i >= 0; i--) {
            start -= ITEM_HEADER + f.lengthOf(i);
        }
        long pos = start;
        for (int i = 0; i < f.size(); i++) {
            if (f.get(i) instanceof FileBulkData fb
                    && (!fb.file().equals(anchor.file()) || fb.offset() != pos + ITEM_HEADER || fb.bigEndian())) {
                return null;
            }
            pos += ITEM_HEADER + f.lengthOf(i);
        }
        return start < 0 ? null : FileUris.uri(anchor.file(), start, pos - start);
    }

    /** True if {@code b} is exactly a chain of items (at least one) ending at its last byte. */
    static boolean isItemStream(byte[] b) {
        long pos = 0;
        int count = 0;
        while (pos < b.length) {
            if (pos + ITEM_HEADER > b.length || !isItemTag(b, (int) pos)) {
                return false;
            }
            pos += ITEM_HEADER + u32(b, (int) pos + 4);
            count++;
        }
        return count > 0 && pos == b.length;
    }

    /** Splits an item stream (checked with {@link #isItemStream}) into fragments. */
    static Fragments parse(byte[] b, VR vr) {
        Fragments f = new Fragments(vr, 4);
        int pos = 0;
        while (pos < b.length) {
            int len = (int) u32(b, pos + 4);
            f.add(java.util.Arrays.copyOfRange(b, pos + ITEM_HEADER, pos + ITEM_HEADER + len));
            pos += ITEM_HEADER + len;
        }
        return f;
    }

    /**
     * Fragments referencing the item stream inside a file range, or null if the range is not an item
     * stream. Reads only the 8-byte item headers.
     */
    static Fragments parse(FileBulkData range, VR vr) throws IOException {
        Fragments f = new Fragments(vr, 4);
        byte[] h = new byte[ITEM_HEADER];
        try (InputStream in = range.openStream()) {
            long pos = 0;
            while (pos < range.length()) {
                if (in.readNBytes(h, 0, ITEM_HEADER) != ITEM_HEADER || !isItemTag(h, 0)) {
                    return null;
                }
                long len = u32(h, 4);
                if (pos + ITEM_HEADER + len > range.length()) {
                    return null;
                }
                f.add(new FileBulkData(range.file(), range.offset() + pos + ITEM_HEADER, len, false));
                in.skipNBytes(len);
                pos += ITEM_HEADER + len;
            }
        }
        return f.isEmpty() ? null : f;
    }

    private static boolean isItemTag(byte[] b, int o) {
        return (b[o] & 0xFF) == 0xFE && (b[o + 1] & 0xFF) == 0xFF && b[o + 2] == 0 && (b[o + 3] & 0xFF) == 0xE0;
    }

    private static long u32(byte[] b, int o) {
        return (b[o] & 0xFFL) | (b[o + 1] & 0xFFL) << 8 | (b[o + 2] & 0xFFL) << 16 | (b[o + 3] & 0xFFL) << 24;
    }

    /** Opens the bulk data only when first read, so a long fragment list holds one open file at a time. */
    private static final class LazyStream extends InputStream {
        private final BulkData bulk;
        private InputStream in;

        LazyStream(BulkData bulk) {
            this.bulk = bulk;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                in = bulk.openStream();
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            return in().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return in().read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close();
            }
        }
    }
}
