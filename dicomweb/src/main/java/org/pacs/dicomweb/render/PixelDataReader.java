// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.AttributesBuilder;
import org.pacs.dicom.io.DataSetHandler;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.ValueInput;

/**
 * Reads a Part 10 stream once, front to back, keeping the attributes before Pixel Data and only the
 * bytes of the requested frames; it stops as soon as they are complete, so a frame near the start of
 * a 1 GiB multi-frame costs little. Other large values are skipped, never held.
 *
 * <p>Native pixel data (PS3.5 §8.1.1): frame {@code n} is the {@code n}-th run of
 * {@link ImageHeader#frameLengthInBits()} bits. Encapsulated (PS3.5 §A.4): a single frame is all
 * fragments; otherwise the Extended Offset Table (7FE0,0001), else the Basic Offset Table, says which
 * fragment begins each frame; without either, each fragment must be one frame.
 */
final class PixelDataReader implements DataSetHandler {
    /** Picks the frames to read once the Image Pixel module is known (e.g. the middle one). */
    @FunctionalInterface
    interface FrameChoice {
        int[] choose(ImageHeader header) throws PixelDataException;
    }

    /** The attributes before Pixel Data, the pixel description, and each requested frame's bytes. */
    record Result(Attributes attributes, ImageHeader header, Map<Integer, byte[]> frames) {
    }

    /** Large values read into memory: offset tables (PS3.5 §A.4) and palettes (PS3.3 §C.7.6.3.1.6). */
    private static final Set<Integer> KEPT = Set.of(Tags.ExtendedOffsetTable, Tags.ExtendedOffsetTableLengths,
            Tags.RedPaletteColorLookupTableData, Tags.GreenPaletteColorLookupTableData,
            Tags.BluePaletteColorLookupTableData);

    private final Attributes root = new Attributes();
    private final AttributesBuilder builder;
    private final FrameChoice choice;
    private final long maxBytes;
    private String transferSyntaxUid;
    private int nesting;
    private boolean ownFragments;
    private ImageHeader header;
    private int[] wanted;
    private final Map<Integer, ByteArrayOutputStream> fragmentBytes = new LinkedHashMap<>();
    private final Map<Integer, byte[]> nativeBytes = new LinkedHashMap<>();
    private long held;
    // encapsulated state
    private int fragmentIndex = -1;
    private long position;
    private long[] offsets;
    private int frameIndex;

    private PixelDataReader(FrameChoice choice, long maxBytes) {
        this.choice = choice;
        this.maxBytes = maxBytes;
        // Of the large values only the Extended Offset Table and palettes are needed; the rest is skipped unread.
        ReadOptions options = ReadOptions.defaults().withBulkData((tag, vr, value) ->
                KEPT.contains(tag) ? null : new Skipped(value.length()), ReadOptions.DEFAULT_BULK_DATA_THRESHOLD);
        this.builder = new AttributesBuilder(root, options);
    }

    /**
     * Reads the frames {@code choice} picks from a Part 10 stream (preamble, File Meta Information,
     * data set). The stream is read only as far as needed and not closed.
     *
     * @param maxBytes most frame bytes held in memory at once
     */
    static Result read(InputStream part10, FrameChoice choice, long maxBytes) throws IOException, PixelDataException {
        PixelDataReader handler = new PixelDataReader(choice, maxBytes);
        Part10Reader reader = new Part10Reader(part10, ReadOptions.defaults());
        handler.transferSyntaxUid = reader.transferSyntax().uid();
        try {
            reader.readDataSet(handler);
        } catch (Abort a) {
            if (a.failure != null) {
                throw a.failure;
            }
            return handler.result();
        }
        throw new NoPixelDataException("the instance has no Pixel Data (7FE0,0010)");
    }

    private Result result() throws FrameNotFoundException {
        Map<Integer, byte[]> out = new LinkedHashMap<>();
        for (int f : wanted) {
            ByteArrayOutputStream b = fragmentBytes.get(f);
            byte[] bytes = b != null ? b.toByteArray() : nativeBytes.get(f);
            if (bytes == null) {
                throw new FrameNotFoundException(f, header.numberOfFrames());
            }
            out.put(f, bytes);
        }
        return new Result(root, header, out);
    }

    // ---- data set events ----------------------------------------------------------------

    @Override
    public void element(int tag, VR vr, ValueInput value) throws IOException {
        if (nesting == 0 && (tag == Tags.FloatPixelData || tag == Tags.DoubleFloatPixelData)) {
            throw new Abort(new UnsupportedPixelDataException("the instance holds "
                    + (tag == Tags.FloatPixelData ? "Float Pixel Data (7FE0,0008)" : "Double Float Pixel Data (7FE0,0009)")
                    + ", which is not served as frames or rendered here"));
        }
        if (nesting == 0 && tag == Tags.PixelData) {
            begin();
            nativeFrames(vr, value);
            throw new Abort(null);
        }
        builder.element(tag, vr, value);
    }

    @Override
    public void startSequence(int tag, VR vr, long length) {
        nesting++;
        builder.startSequence(tag, vr, length);
    }

    @Override
    public void startItem(long length) {
        builder.startItem(length);
    }

    @Override
    public void endItem() {
        builder.endItem();
    }

    @Override
    public void endSequence() {
        nesting--;
        builder.endSequence();
    }

    @Override
    public void startFragments(int tag, VR vr) throws IOException {
        if (nesting == 0 && tag == Tags.PixelData) {
            begin();
            ownFragments = true;
            return;
        }
        builder.startFragments(tag, vr);
    }

    @Override
    public void fragment(ValueInput value) throws IOException {
        if (ownFragments) {
            encapsulatedFragment(value);
        } else {
            builder.fragment(value);
        }
    }

    @Override
    public void endFragments() throws IOException {
        if (!ownFragments) {
            builder.endFragments();
            return;
        }
        int n = header.numberOfFrames();
        if (n > 1 && offsets == null && fragmentIndex != n) {
            throw new Abort(new UnsupportedPixelDataException(n + " frames are encoded in " + Math.max(fragmentIndex, 0)
                    + " fragments without a Basic or Extended Offset Table: which fragments belong to which frame "
                    + "cannot be told"));
        }
        throw new Abort(null);
    }

    // ---- pixel data -------------------------------------------------------------------------

    private void begin() {
        try {
            header = ImageHeader.of(root, transferSyntaxUid);
            int[] chosen = choice.choose(header);
            for (int f : chosen) {
                if (f < 1 || f > header.numberOfFrames()) {
                    throw new FrameNotFoundException(f, header.numberOfFrames());
                }
            }
            wanted = Arrays.stream(chosen).distinct().toArray();
        } catch (PixelDataException e) {
            throw new Abort(e);
        }
    }

    private void nativeFrames(VR vr, ValueInput value) throws IOException {
        long frameBits = header.frameLengthInBits();
        long frameLength = header.frameLength();
        if (frameLength > Integer.MAX_VALUE - 16 || frameLength * wanted.length > maxBytes) {
            throw new Abort(new PixelDataTooLargeException(wanted.length + " frames of " + frameLength
                    + " bytes exceed the limit of " + maxBytes + " bytes; ask for fewer frames"));
        }
        // OW from Explicit VR Big Endian holds 16-bit words: swap them, counting from the value's start.
        boolean swap = value.bigEndian() && vr == VR.OW;
        if (swap && header.bitsAllocated() == 1) {
            throw new Abort(new UnsupportedPixelDataException("1-bit pixel data in big-endian OW is not served"));
        }
        int[] sorted = wanted.clone();
        Arrays.sort(sorted);
        for (int f : sorted) {
            if (f * frameBits > value.length() * 8) {
                throw new Abort(new FrameNotFoundException(f, header.numberOfFrames()));
            }
        }
        InputStream in = value.stream();
        long consumed = 0;
        byte[] last = new byte[2];
        for (int f : sorted) {
            long bitStart = (f - 1) * frameBits;
            long byteStart = bitStart / 8;
            long byteEnd = (bitStart + frameBits + 7) / 8;
            long from = swap ? byteStart & ~1L : byteStart;
            long to = swap ? Math.min(value.length(), (byteEnd + 1) & ~1L) : byteEnd;
            byte[] covering = new byte[(int) (to - from)];
            // Consecutive frames may share a byte (1-bit pixels) or a word (odd-length frames in OW).
            int reused = (int) Math.max(0, consumed - from);
            System.arraycopy(last, 2 - reused, covering, 0, reused);
            if (reused == 0) {
                in.skipNBytes(from - consumed);
            }
            if (in.readNBytes(covering, reused, covering.length - reused) != covering.length - reused) {
                throw new Abort(new FrameNotFoundException(f, header.numberOfFrames()));
            }
            consumed = to;
            last[0] = covering.length >= 2 ? covering[covering.length - 2] : last[1];
            last[1] = covering[covering.length - 1];
            if (swap) {
                NativeFrames.swapWords(covering);
            }
            int offset = (int) (byteStart - from);
            byte[] frame;
            if (frameBits % 8 == 0 && bitStart % 8 == 0) {
                frame = offset == 0 && covering.length == byteEnd - byteStart
                        ? covering : Arrays.copyOfRange(covering, offset, offset + (int) (byteEnd - byteStart));
            } else {
                frame = NativeFrames.shiftBits(covering, (int) (bitStart % 8), frameBits);
            }
            nativeBytes.put(f, frame);
        }
    }

    private void encapsulatedFragment(ValueInput value) throws IOException {
        int n = header.numberOfFrames();
        if (fragmentIndex < 0) {
            offsets = offsetTable(value, n);
            fragmentIndex = 0;
            return;
        }
        long itemLength = 8 + value.length();
        int frame;
        if (n == 1) {
            frame = 1;
        } else if (offsets != null) {
            while (frameIndex + 1 < n && offsets[frameIndex + 1] <= position) {
                frameIndex++;
            }
            if (frameIndex + 1 < n && offsets[frameIndex + 1] > position && offsets[frameIndex + 1] < position + itemLength) {
                throw new Abort(new UnsupportedPixelDataException("offset table entry " + (frameIndex + 2)
                        + " points inside a fragment, not at the start of one"));
            }
            frame = frameIndex + 1;
        } else {
            frame = fragmentIndex + 1;
            if (frame > n) {
                throw new Abort(new UnsupportedPixelDataException("more fragments than the " + n
                        + " frames, and no Basic or Extended Offset Table to group them"));
            }
        }
        if ((n == 1 || offsets != null) && frame > max(wanted)) {
            // Every frame asked for is complete: the rest of the stream is not needed.
            throw new Abort(null);
        }
        if (contains(wanted, frame)) {
            held += value.length();
            if (held > maxBytes || held > Integer.MAX_VALUE - 16) {
                throw new Abort(new PixelDataTooLargeException("the requested frames exceed the limit of "
                        + maxBytes + " bytes; ask for fewer frames"));
            }
            value.stream().transferTo(fragmentBytes.computeIfAbsent(frame, k -> new ByteArrayOutputStream()));
        }
        position += itemLength;
        fragmentIndex++;
    }

    /**
     * Frame start offsets, relative to the first byte of the first fragment item after the Basic
     * Offset Table item (PS3.5 §A.4; PS3.3 §C.7.6.3.1.8 for the extended table), or null if the object
     * has no usable table. A table with the wrong number of entries or offsets that do not increase from
     * zero is not trusted.
     */
    private long[] offsetTable(ValueInput basic, int n) throws IOException {
        long[] table = root.getLongs(Tags.ExtendedOffsetTable);
        if (table == null && basic.length() > 0 && basic.length() == 4L * n) {
            byte[] b = basic.readBytes();
            table = new long[n];
            for (int i = 0; i < n; i++) {
                int p = 4 * i;
                table[i] = (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
            }
        }
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

    private static int max(int[] a) {
        return Arrays.stream(a).max().orElse(0);
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    /** Ends the read early, with the answer or with why there is none. Unchecked so it passes the reader. */
    private static final class Abort extends RuntimeException {
        final transient PixelDataException failure;

        Abort(PixelDataException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }

    /** A large value nobody here needs: its length is known, its bytes were skipped. */
    private record Skipped(long length) implements BulkData {
        @Override
        public InputStream openStream() throws IOException {
            throw new IOException("value skipped while reading pixel data");
        }
    }
}
