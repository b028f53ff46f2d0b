// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.pacs.dicom.io.ValueInput;

/**
 * Groups the fragments of encapsulated Pixel Data into frames as they stream past (PS3.5 §A.4): a frame
 * is the concatenation of its fragments' values. Which fragment begins which frame comes from, in order:
 * a single frame (all fragments); the Extended Offset Table (PS3.3 §C.7.6.3.1.8); the Basic Offset
 * Table; the codec's start-of-image marker at the start of a fragment (JPEG SOI, JPEG 2000 SOC, JPEG XL
 * and their file signatures, which cannot occur at the start of a continuation); else one fragment per
 * frame, checked against Number of Frames at the end.
 */
final class EncapsulatedFrames {
    private enum Grouping { SINGLE, TABLE, MARKERS, ONE_PER_FRAGMENT }

    private static final int HEAD = 12;

    private final ImageHeader header;
    private final FrameCollector out;
    private final FrameStart start;
    private Grouping grouping;
    private long[] offsets;
    private boolean tableRead;
    private long position;
    private int fragments;
    private int current;
    private ByteArrayOutputStream buffer;

    /** @param extendedOffsets the Extended Offset Table (7FE0,0001), or null */
    EncapsulatedFrames(ImageHeader header, long[] extendedOffsets, FrameCollector out) {
        this.header = header;
        this.out = out;
        this.start = FrameStart.of(header.transferSyntaxUid());
        this.offsets = usable(extendedOffsets, header.numberOfFrames());
    }

    /**
     * Takes the next fragment item; the first is the Basic Offset Table.
     *
     * @return false once every wanted frame is complete: the rest of the stream is not needed
     */
    boolean fragment(ValueInput value) throws IOException, PixelDataException {
        int n = header.numberOfFrames();
        if (!tableRead) {
            tableRead = true;
            if (offsets == null && value.length() == 4L * n && n > 1) {
                offsets = usable(basicOffsets(value.readBytes(), n), n);
            }
            grouping = n == 1 ? Grouping.SINGLE : offsets != null ? Grouping.TABLE
                    : start != null ? Grouping.MARKERS : Grouping.ONE_PER_FRAGMENT;
            return true;
        }
        InputStream in = value.stream();
        byte[] head = grouping == Grouping.MARKERS ? in.readNBytes((int) Math.min(HEAD, value.length())) : new byte[0];
        int frame = frameOf(head, value.length());
        if (frame != current) {
            finish();
            if (frame > n) {
                throw new UnsupportedPixelDataException(grouping == Grouping.ONE_PER_FRAGMENT
                        ? n + " frames are encoded in more fragments, without a Basic or Extended Offset Table: which "
                                + "fragments belong to which frame cannot be told"
                        : "the pixel data holds more frames than Number of Frames (" + n + ")");
            }
            current = frame;
            if (grouping != Grouping.ONE_PER_FRAGMENT && frame > out.last()) {
                return false;
            }
            buffer = out.wants(frame) ? new ByteArrayOutputStream() : null;
        }
        if (buffer != null) {
            out.reserve(value.length());
            buffer.write(head);
            in.transferTo(buffer);
        }
        position += 8 + value.length();
        fragments++;
        return true;
    }

    /** The Sequence Delimitation Item: the last frame is complete. */
    void end() throws IOException, PixelDataException {
        finish();
        int n = header.numberOfFrames();
        if (grouping == Grouping.ONE_PER_FRAGMENT && fragments != n) {
            throw new UnsupportedPixelDataException(n + " frames are encoded in " + fragments + " fragments without a "
                    + "Basic or Extended Offset Table: which fragments belong to which frame cannot be told");
        }
    }

    private int frameOf(byte[] head, long length) throws UnsupportedPixelDataException {
        switch (grouping) {
            case SINGLE:
                return 1;
            case TABLE:
                int next = current;
                while (next < offsets.length && offsets[next] <= position) {
                    next++;
                }
                if (next < offsets.length && offsets[next] < position + 8 + length) {
                    throw new UnsupportedPixelDataException("offset table entry " + (next + 1)
                            + " points inside a fragment, not at the start of one");
                }
                return next;
            case MARKERS:
                if (start.test(head)) {
                    return current + 1;
                }
                if (current == 0) {
                    throw new UnsupportedPixelDataException("the first fragment does not begin with the codec's start "
                            + "marker, and no offset table says where frames begin");
                }
                return current;
            default:
                return fragments + 1;
        }
    }

    private void finish() throws IOException {
        if (buffer != null) {
            out.accept(current, buffer.toByteArray());
            buffer = null;
        }
    }

    private static long[] basicOffsets(byte[] b, int n) {
        long[] table = new long[n];
        for (int i = 0; i < n; i++) {
            int p = 4 * i;
            table[i] = (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
        }
        return table;
    }

    /**
     * The table if it can be trusted: one entry per frame, offsets relative to the first fragment item
     * (so the first is 0), strictly increasing. Otherwise null, and the fragments are grouped another way.
     */
    private static long[] usable(long[] table, int n) {
        if (table == null || table.length != n || table[0] != 0) {
            return null;
        }
        for (int i = 1; i < n; i++) {
            if (table[i] <= table[i - 1]) {
                return null;
            }
        }
        return table;
    }
}
