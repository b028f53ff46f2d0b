// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
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
 * bytes of the requested frames ({@link NativeFrames}, {@link EncapsulatedFrames}); it stops as soon as
 * they are complete, so a frame near the start of a 1 GiB multi-frame costs little. Other large values
 * are skipped, never held. Pixel Data inside sequences (icons) is not the image's.
 */
final class PixelDataReader implements DataSetHandler {
    /** Picks the frames to read once the Image Pixel module is known (e.g. the middle one). */
    @FunctionalInterface
    interface FrameChoice {
        int[] choose(ImageHeader header) throws PixelDataException;
    }

    /** The attributes before Pixel Data, the pixel description, and the kept frames' bytes. */
    record Result(Attributes attributes, ImageHeader header, Map<Integer, byte[]> frames) {
    }

    /** Large values read into memory: offset tables (PS3.5 §A.4), palettes and LUTs (PS3.3 §C.7.6.3.1.6, §C.11). */
    private static final Set<Integer> KEPT = Set.of(Tags.ExtendedOffsetTable, Tags.ExtendedOffsetTableLengths,
            Tags.RedPaletteColorLookupTableData, Tags.GreenPaletteColorLookupTableData,
            Tags.BluePaletteColorLookupTableData, Tags.LUTData);

    private final Attributes root = new Attributes();
    private final AttributesBuilder builder;
    private final FrameChoice choice;
    private final FrameSink sink;
    private final long maxBytes;
    private String transferSyntaxUid;
    private int nesting;
    private ImageHeader header;
    private FrameCollector collector;
    private EncapsulatedFrames encapsulated;

    private PixelDataReader(FrameChoice choice, FrameSink sink, long maxBytes) {
        this.choice = choice;
        this.sink = sink;
        this.maxBytes = maxBytes;
        ReadOptions options = ReadOptions.defaults().withBulkData((tag, vr, value) ->
                KEPT.contains(tag) ? null : new Skipped(value.length()), ReadOptions.DEFAULT_BULK_DATA_THRESHOLD);
        this.builder = new AttributesBuilder(root, options);
    }

    /**
     * Reads the frames {@code choice} picks from a Part 10 stream (preamble, File Meta Information,
     * data set). The stream is read only as far as needed and not closed.
     *
     * @param sink receives each frame as soon as it is complete, or null to keep them in the result
     * @param maxBytes most frame bytes held in memory at once
     * @throws FrameNotFoundException a chosen frame is not in the instance or not in its encoded data
     */
    static Result read(InputStream part10, FrameChoice choice, FrameSink sink, long maxBytes)
            throws IOException, PixelDataException {
        PixelDataReader handler = new PixelDataReader(choice, sink, maxBytes);
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
        if (handler.header != null) {
            return handler.result();
        }
        throw new NoPixelDataException("the instance has no Pixel Data (7FE0,0010)");
    }

    private Result result() throws FrameNotFoundException {
        int missing = collector.firstMissing();
        if (missing > 0) {
            throw new FrameNotFoundException(missing, header.numberOfFrames());
        }
        return new Result(root, header, collector.kept());
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
            try {
                NativeFrames.read(value, vr, header, collector);
            } catch (PixelDataException e) {
                throw new Abort(e);
            }
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
            encapsulated = new EncapsulatedFrames(header, root.getLongs(Tags.ExtendedOffsetTable), collector);
            return;
        }
        builder.startFragments(tag, vr);
    }

    @Override
    public void fragment(ValueInput value) throws IOException {
        if (encapsulated == null) {
            builder.fragment(value);
            return;
        }
        try {
            if (!encapsulated.fragment(value)) {
                throw new Abort(null);
            }
        } catch (PixelDataException e) {
            throw new Abort(e);
        }
    }

    @Override
    public void endFragments() throws IOException {
        if (encapsulated == null) {
            builder.endFragments();
            return;
        }
        try {
            encapsulated.end();
        } catch (PixelDataException e) {
            throw new Abort(e);
        }
        throw new Abort(null);
    }

    /** Pixel Data begins: the Image Pixel module is complete, the frames can be chosen. */
    private void begin() throws IOException {
        try {
            header = ImageHeader.of(root, transferSyntaxUid);
            int[] chosen = choice.choose(header);
            for (int f : chosen) {
                if (f < 1 || f > header.numberOfFrames()) {
                    throw new FrameNotFoundException(f, header.numberOfFrames());
                }
            }
            collector = new FrameCollector(Arrays.stream(chosen).distinct().toArray(), sink, maxBytes);
        } catch (PixelDataException e) {
            throw new Abort(e);
        }
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
