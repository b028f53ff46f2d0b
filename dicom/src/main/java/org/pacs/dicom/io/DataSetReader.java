// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.ElementDictionary;


/**
 * Streams a data set encoded in one transfer syntax (PS3.5 §7) to a {@link DataSetHandler}, element
 * by element, never holding more than one in-memory value at a time. Every length is checked against
 * what remains of the input, of the enclosing item, and against {@link ReadOptions}; nesting is bounded.
 */
public final class DataSetReader {
    private static final long UNDEFINED = 0xFFFFFFFFL;
    /** Arrays up to this size are allocated as declared; larger ones grow as their bytes arrive. */
    private static final int TRUSTED_ALLOCATION = 1 << 20;
    private static final int PIXEL_REPRESENTATION = 0x00280103;

    private final DicomInput in;
    private final TransferSyntax ts;
    private final ReadOptions options;
    private final Path sourceFile;
    private final ElementDictionary dictionary = ElementDictionary.standard();
    private long elements;
    /** Pixel Representation (0028,0103) of the data set at each nesting depth: 1 means signed pixels. */
    private int[] pixelRepresentation = new int[8];

    /**
     * @param in the encoded data set, without File Meta Information
     * @param ts its transfer syntax; for a deflated syntax {@code in} must already be inflated
     * @param options limits and bulk data policy
     */
    public DataSetReader(InputStream in, TransferSyntax ts, ReadOptions options) {
        this(new DicomInput(in, 0, Long.MAX_VALUE), ts, options, null);
    }

    DataSetReader(DicomInput in, TransferSyntax ts, ReadOptions options, Path sourceFile) {
        this.in = in;
        this.ts = ts;
        this.options = options;
        this.sourceFile = sourceFile;
        in.bigEndian(ts.bigEndian());
    }

    /** Reads to the end of the input, or to {@link ReadOptions#stopTag()}. */
    public void read(DataSetHandler handler) throws IOException {
        try {
            readElements(handler, 0, -1, ts.explicitVR(), true);
        } catch (DicomException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomException(in.position(), "I/O error: " + e.getMessage(), e);
        }
    }

    /** Position just after the last byte consumed. */
    public long position() {
        return in.position();
    }

    /**
     * Reads elements until the end of input (top level), the end of a defined-length item
     * ({@code end >= 0}), or an Item Delimitation Item ({@code end < 0} inside an item).
     */
    private void readElements(DataSetHandler h, int depth, long end, boolean explicit, boolean topLevel)
            throws IOException {
        byte[] peek = new byte[4];
        while (true) {
            if (end >= 0) {
                if (in.position() == end) {
                    return;
                }
                if (in.position() > end) {
                    throw new DicomException(in.position(), "element runs past the end of its item at " + end);
                }
            } else if (topLevel && in.atEnd()) {
                return;
            }
            if (topLevel && options.stopTag() != -1) {
                if (in.peek(peek, 4) == 4 && Integer.compareUnsigned(peekTag(peek), options.stopTag()) >= 0) {
                    return;
                }
            }
            if (topLevel && trailingPadding(peek)) {
                return;
            }
            long start = in.position();
            int tag = in.tag();
            if (tag == Tag.ITEM_DELIMITATION) {
                in.u32();
                if (!topLevel && end < 0) {
                    return;
                }
                throw new DicomException(start, "Item Delimitation Item outside an undefined-length item");
            }
            if (tag == Tag.ITEM || tag == Tag.SEQUENCE_DELIMITATION) {
                throw new DicomException(start, "unexpected " + Tag.toString(tag) + " among data elements");
            }
            count(start);
            VR vr;
            long length;
            if (explicit) {
                int code = in.u16BigEndian();
                vr = VR.ofCode(code);
                if (vr == null) {
                    // An implicit-VR element inside an explicit-VR data set: the two bytes were the low
                    // half of a 32-bit length (little endian) or the high half (big endian).
                    violation(Violation.INVALID_VR, start);
                    vr = dictionaryVR(tag, depth);
                    int next = in.u16();
                    int first = in.bigEndian() ? code : Integer.reverseBytes(code) >>> 16;
                    length = in.bigEndian() ? ((long) first << 16) | next : ((long) next << 16) | first;
                } else if (vr.hasLongHeader()) {
                    in.u16();
                    length = in.u32();
                } else {
                    length = in.u16();
                }
            } else {
                vr = dictionaryVR(tag, depth);
                length = in.u32();
            }
            if (length == UNDEFINED) {
                if (vr == VR.SQ) {
                    readSequence(h, tag, vr, -1, depth, explicit);
                } else if (vr == VR.UN) {
                    violation(Violation.UNDEFINED_LENGTH_UN, start);
                    readSequence(h, tag, VR.SQ, -1, depth, false);
                } else if (tag == Tag.PIXEL_DATA || vr == VR.OB || vr == VR.OW) {
                    readFragments(h, tag, vr == VR.OW ? VR.OW : VR.OB, start);
                } else {
                    violation(Violation.UNDEFINED_LENGTH_VALUE, start);
                    readSequence(h, tag, VR.SQ, -1, depth, explicit);
                }
                continue;
            }
            checkLength(tag, length, end, start);
            if (vr == VR.SQ) {
                readSequence(h, tag, vr, length, depth, explicit);
            } else if (tag == PIXEL_REPRESENTATION && length == 2) {
                // Kept to resolve "US or SS" elements that follow (PS3.5 §A.1 c, PS3.3 C.7.6.3.1.1).
                byte[] b = new byte[2];
                in.readFully(b, 0, 2);
                int value = in.bigEndian() ? ((b[0] & 0xFF) << 8) | (b[1] & 0xFF) : ((b[1] & 0xFF) << 8) | (b[0] & 0xFF);
                pixelRepresentationAt(depth, value);
                h.element(tag, vr, new Bytes(b, in.position() - 2));
            } else {
                if ((length & 1) != 0) {
                    violation(Violation.ODD_LENGTH, start);
                }
                value(h, tag, vr, length, false);
            }
        }
    }

    /** True if only zero bytes (or a partial tag) remain at the top level; such padding is ignored. */
    private boolean trailingPadding(byte[] peek) throws IOException {
        int n = in.peek(peek, 4);
        if (n < 4 || (peek[0] | peek[1] | peek[2] | peek[3]) == 0 && in.remaining() < 16) {
            if (n > 0) {
                violation(Violation.TRAILING_PADDING, in.position());
            }
            return true;
        }
        return false;
    }

    private int peekTag(byte[] b) {
        if (in.bigEndian()) {
            return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        }
        return ((b[1] & 0xFF) << 24) | ((b[0] & 0xFF) << 16) | ((b[3] & 0xFF) << 8) | (b[2] & 0xFF);
    }

    private void readSequence(DataSetHandler h, int tag, VR vr, long length, int depth, boolean explicit)
            throws IOException {
        if (depth >= options.maxDepth()) {
            throw new DicomException(in.position(), "sequence " + Tag.toString(tag) + " nested deeper than "
                    + options.maxDepth() + " levels (ReadOptions.maxDepth)");
        }
        h.startSequence(tag, vr, length);
        long end = length < 0 ? -1 : in.position() + length;
        while (end < 0 || in.position() < end) {
            long start = in.position();
            int itemTag = in.tag();
            long itemLength = in.u32();
            if (itemTag == Tag.SEQUENCE_DELIMITATION) {
                if (end < 0) {
                    break;
                }
                throw new DicomException(start, "Sequence Delimitation Item in a defined-length sequence");
            }
            if (itemTag != Tag.ITEM) {
                throw new DicomException(start, "expected an Item (FFFE,E000) in sequence " + Tag.toString(tag)
                        + ", found " + Tag.toString(itemTag));
            }
            count(start);
            pixelRepresentationAt(depth + 1, 0);
            h.startItem(itemLength == UNDEFINED ? -1 : itemLength);
            if (itemLength == UNDEFINED) {
                readElements(h, depth + 1, -1, explicit, false);
            } else {
                checkLength(Tag.ITEM, itemLength, end, start);
                readElements(h, depth + 1, in.position() + itemLength, explicit, false);
            }
            h.endItem();
        }
        if (end >= 0 && in.position() != end) {
            throw new DicomException(in.position(), "items run past the end of sequence " + Tag.toString(tag));
        }
        h.endSequence();
    }

    private void readFragments(DataSetHandler h, int tag, VR vr, long start) throws IOException {
        h.startFragments(tag, vr);
        while (true) {
            long itemStart = in.position();
            int itemTag = in.tag();
            long length = in.u32();
            if (itemTag == Tag.SEQUENCE_DELIMITATION) {
                break;
            }
            if (itemTag != Tag.ITEM) {
                throw new DicomException(itemStart, "expected a fragment Item (FFFE,E000) in "
                        + Tag.toString(tag) + ", found " + Tag.toString(itemTag));
            }
            if (length == UNDEFINED) {
                throw new DicomException(itemStart, "fragment of " + Tag.toString(tag) + " has undefined length");
            }
            count(itemStart);
            checkLength(Tag.ITEM, length, -1, itemStart);
            value(h, tag, vr, length, true);
        }
        h.endFragments();
    }

    private void value(DataSetHandler h, int tag, VR vr, long length, boolean fragment) throws IOException {
        Value v = new Value(length, in.position());
        if (fragment) {
            h.fragment(v);
        } else {
            h.element(tag, vr, v);
        }
        v.finish();
    }

    private void checkLength(int tag, long length, long end, long start) throws DicomException {
        long limit = end >= 0 ? end - in.position() : in.remaining();
        if (length > limit) {
            throw new DicomException(start, "length " + length + " of " + Tag.toString(tag)
                    + " exceeds the " + (end >= 0 ? limit + " bytes left in its item" : limit + " bytes remaining"));
        }
    }

    private void count(long at) throws DicomException {
        if (++elements > options.maxElements()) {
            throw new DicomException(at, "more than " + options.maxElements()
                    + " data elements and items (ReadOptions.maxElements)");
        }
    }

    private void violation(Violation v, long at) {
        options.violations().accept(v, at);
    }

    private void pixelRepresentationAt(int depth, int value) {
        if (depth >= pixelRepresentation.length) {
            pixelRepresentation = Arrays.copyOf(pixelRepresentation, depth + 8);
        }
        pixelRepresentation[depth] = value;
    }

    private VR dictionaryVR(int tag, int depth) {
        if (Tag.isPrivateCreator(tag)) {
            return VR.LO;
        }
        if (Tag.isGroupLength(tag)) {
            return VR.UL;
        }
        ElementDictionary.Entry e = dictionary.lookup(tag);
        if (e == null) {
            return VR.UN;
        }
        if (!e.hasAlternativeVrs()) {
            return e.vr();
        }
        VR[] vrs = e.vrs();
        // "OB or OW" and "US or SS or OW": Implicit VR Little Endian encodes these as OW (PS3.5 §A.1);
        // "US or SS": SS where the data set's Pixel Representation (0028,0103) says the pixels are signed.
        for (VR vr : vrs) {
            if (vr == VR.OW) {
                return VR.OW;
            }
        }
        boolean signed = depth < pixelRepresentation.length && pixelRepresentation[depth] == 1;
        if (signed && Arrays.asList(vrs).contains(VR.SS)) {
            return VR.SS;
        }
        return vrs[0];
    }

    /** A short value the reader had to read itself, handed to the handler from memory. */
    private final class Bytes implements ValueInput {
        private final byte[] bytes;
        private final long offset;

        Bytes(byte[] bytes, long offset) {
            this.bytes = bytes;
            this.offset = offset;
        }

        @Override
        public long length() {
            return bytes.length;
        }

        @Override
        public long offset() {
            return offset;
        }

        @Override
        public boolean bigEndian() {
            return in.bigEndian();
        }

        @Override
        public Path sourceFile() {
            return sourceFile;
        }

        @Override
        public byte[] readBytes() {
            return bytes.clone();
        }

        @Override
        public InputStream stream() {
            return new java.io.ByteArrayInputStream(bytes);
        }
    }

    /** One value as it streams past the handler; tracks what was consumed so the rest can be skipped. */
    private final class Value implements ValueInput {
        private final long length;
        private final long offset;
        private long consumed;

        Value(long length, long offset) {
            this.length = length;
            this.offset = offset;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public long offset() {
            return offset;
        }

        @Override
        public boolean bigEndian() {
            return in.bigEndian();
        }

        @Override
        public Path sourceFile() {
            return sourceFile;
        }

        @Override
        public byte[] readBytes() throws IOException {
            if (consumed != 0) {
                throw new IllegalStateException("value already partly read");
            }
            if (length > options.maxValueLength()) {
                throw new DicomException(offset, "value of " + length + " bytes is longer than the limit of "
                        + options.maxValueLength() + " (ReadOptions.maxValueLength)");
            }
            byte[] b;
            if (length <= TRUSTED_ALLOCATION || in.lengthKnown()) {
                // The length was checked against what remains of a known input.
                b = new byte[(int) length];
                in.readFully(b, 0, b.length);
            } else {
                // On a stream a forged length must not buy an array of that size: grow with the data.
                b = new byte[TRUSTED_ALLOCATION];
                int n = 0;
                while (n < length) {
                    if (n == b.length) {
                        b = Arrays.copyOf(b, (int) Math.min(length, 2L * b.length));
                    }
                    int r = in.readSome(b, n, (int) Math.min(b.length - n, length - n));
                    if (r < 0) {
                        throw new DicomException(in.position(), "truncated: value ended " + (length - n)
                                + " bytes early");
                    }
                    n += r;
                }
            }
            consumed = length;
            return b;
        }

        @Override
        public InputStream stream() {
            return new InputStream() {
                @Override
                public int read() throws IOException {
                    if (consumed >= length) {
                        return -1;
                    }
                    consumed++;
                    return in.u8();
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (consumed >= length) {
                        return -1;
                    }
                    int n = in.readSome(b, off, (int) Math.min(len, length - consumed));
                    if (n < 0) {
                        throw new DicomException(in.position(), "truncated: value ended "
                                + (length - consumed) + " bytes early");
                    }
                    consumed += n;
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    long s = Math.min(n, length - consumed);
                    in.skipFully(s);
                    consumed += s;
                    return s;
                }
            };
        }

        void finish() throws IOException {
            if (consumed < length) {
                in.skipFully(length - consumed);
                consumed = length;
            }
        }
    }
}
