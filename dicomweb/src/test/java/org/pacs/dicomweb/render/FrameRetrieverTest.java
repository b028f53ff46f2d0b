// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacs.dicomweb.render.TestImages.encapsulate;
import static org.pacs.dicomweb.render.TestImages.image;
import static org.pacs.dicomweb.render.TestImages.offsetTable;
import static org.pacs.dicomweb.render.TestImages.part10;
import static org.pacs.dicomweb.render.TestImages.stream;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

class FrameRetrieverTest {
    private final FrameRetriever retriever = new FrameRetriever();

    /** {@code frames} frames of 4×3 8-bit pixels; pixel i of frame f (1-based) is 16·f + i. */
    private static byte[] eightBitFrames(int frames) {
        byte[] b = new byte[frames * 12];
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < 12; i++) {
                b[f * 12 + i] = (byte) (16 * (f + 1) + i);
            }
        }
        return b;
    }

    @Nested
    class NativePixelData {
        @ParameterizedTest
        @ValueSource(strings = {TestImages.EXPLICIT_LE, TestImages.IMPLICIT_LE, TestImages.DEFLATED})
        void returnsEachRequestedFrameByteExactInRequestOrder(String ts) throws Exception {
            byte[] pixels = eightBitFrames(5);
            Attributes ds = image(3, 4, 1, 8, 8, false, "MONOCHROME2", 5);
            ds.setBytes(Tags.PixelData, VR.OB, pixels);

            RetrievedFrames r = retriever.retrieve(stream(part10(ds, ts)), List.of(4, 2, 5));

            assertEquals("application/octet-stream; transfer-syntax=1.2.840.10008.1.2.1", r.mediaType().toString());
            assertEquals(List.of(4, 2, 5), r.frames().stream().map(Frame::number).toList());
            assertArrayEquals(Arrays.copyOfRange(pixels, 36, 48), r.frames().get(0).bytes());
            assertArrayEquals(Arrays.copyOfRange(pixels, 12, 24), r.frames().get(1).bytes());
            assertArrayEquals(Arrays.copyOfRange(pixels, 48, 60), r.frames().get(2).bytes());
        }

        @Test
        void returnsSixteenBitFramesLittleEndianEvenWhenStoredBigEndian() throws Exception {
            int[] values = {0x0102, 0x0304, 0x0506, 0x0708, 0x090A, 0x0B0C};
            Attributes ds = image(1, 3, 1, 16, 16, false, "MONOCHROME2", 2);
            ds.setBytes(Tags.PixelData, VR.OW, TestImages.le16(values));

            RetrievedFrames r = retriever.retrieve(stream(part10(ds, TestImages.EXPLICIT_BE)), List.of(2));

            assertArrayEquals(TestImages.le16(0x0708, 0x090A, 0x0B0C), r.frames().get(0).bytes());
        }

        @Test
        void unswapsEightBitFramesOfOddLengthStoredAsBigEndianWords() throws Exception {
            // 3×5 8-bit frames are 15 bytes: in big-endian OW, frame 2 starts in the middle of a word.
            byte[] pixels = new byte[60];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) (i + 1);
            }
            Attributes ds = image(3, 5, 1, 8, 8, false, "MONOCHROME2", 4);
            ds.setBytes(Tags.PixelData, VR.OW, pixels);

            RetrievedFrames r = retriever.retrieve(stream(part10(ds, TestImages.EXPLICIT_BE)), List.of(2, 3, 1, 4));

            assertArrayEquals(Arrays.copyOfRange(pixels, 15, 30), r.frames().get(0).bytes());
            assertArrayEquals(Arrays.copyOfRange(pixels, 30, 45), r.frames().get(1).bytes());
            assertArrayEquals(Arrays.copyOfRange(pixels, 0, 15), r.frames().get(2).bytes());
            assertArrayEquals(Arrays.copyOfRange(pixels, 45, 60), r.frames().get(3).bytes());
        }

        @Test
        void unpacksOneBitFramesThatStartInsideAByte() throws Exception {
            // 3×5 = 15 pixels a frame, so frame 2 starts at bit 15 (PS3.5 §8.1.1: frames are not padded).
            boolean[] bits = new boolean[45];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = (i * 7 + i / 3) % 3 == 0;
            }
            byte[] packed = new byte[(bits.length + 7) / 8 + 1];
            for (int i = 0; i < bits.length; i++) {
                if (bits[i]) {
                    packed[i / 8] |= (byte) (1 << (i % 8));
                }
            }
            Attributes ds = image(3, 5, 1, 1, 1, false, "MONOCHROME2", 3);
            ds.setBytes(Tags.PixelData, VR.OB, packed);

            RetrievedFrames r = retriever.retrieve(stream(part10(ds, TestImages.EXPLICIT_LE)), List.of(1, 2, 3));

            for (int f = 0; f < 3; f++) {
                byte[] frame = r.frames().get(f).bytes();
                assertEquals(2, frame.length);
                for (int i = 0; i < 15; i++) {
                    boolean bit = (frame[i / 8] >> (i % 8) & 1) == 1;
                    assertEquals(bits[f * 15 + i], bit, "frame " + (f + 1) + " pixel " + i);
                }
                assertEquals(0, frame[1] & 0x80, "the unused 16th bit is zero");
            }
        }

        @Test
        void rejectsAFrameBeyondNumberOfFrames() throws Exception {
            Attributes ds = image(3, 4, 1, 8, 8, false, "MONOCHROME2", 2);
            ds.setBytes(Tags.PixelData, VR.OB, eightBitFrames(2));

            FrameNotFoundException e = assertThrows(FrameNotFoundException.class,
                    () -> retriever.retrieve(stream(part10(ds, TestImages.EXPLICIT_LE)), List.of(1, 3)));
            assertEquals(3, e.frameNumber());
            assertEquals(2, e.numberOfFrames());
        }

        @Test
        void rejectsAFrameTheValueIsTooShortToHold() throws Exception {
            Attributes ds = image(3, 4, 1, 8, 8, false, "MONOCHROME2", 3);
            ds.setBytes(Tags.PixelData, VR.OB, eightBitFrames(2));

            assertThrows(FrameNotFoundException.class,
                    () -> retriever.retrieve(stream(part10(ds, TestImages.EXPLICIT_LE)), List.of(3)));
        }

        @Test
        void refusesFramesLargerThanTheMemoryLimit() throws Exception {
            Attributes ds = image(3, 4, 1, 8, 8, false, "MONOCHROME2", 5);
            ds.setBytes(Tags.PixelData, VR.OB, eightBitFrames(5));

            assertThrows(PixelDataTooLargeException.class, () -> new FrameRetriever(30)
                    .retrieve(stream(part10(ds, TestImages.EXPLICIT_LE)), List.of(1, 2, 3)));
        }

        @Test
        void refusesAForgedFrameSizeBeforeAllocatingIt() throws Exception {
            // 65535×65535 16-bit RGB claims 24 GiB a frame over a value of 8 bytes.
            Attributes ds = image(65535, 65535, 3, 16, 16, false, "RGB", 1);
            ds.setBytes(Tags.PixelData, VR.OW, new byte[8]);

            assertThrows(FrameNotFoundException.class,
                    () -> retriever.retrieve(stream(part10(ds, TestImages.EXPLICIT_LE)), List.of(1)));
        }

        @Test
        void refusesAFrameLargerThanTheLimitBeforeReadingIt() throws Exception {
            Attributes ds = image(64, 64, 1, 16, 16, false, "MONOCHROME2", 1);
            ds.setBytes(Tags.PixelData, VR.OW, new byte[64 * 64 * 2]);

            assertThrows(PixelDataTooLargeException.class,
                    () -> new FrameRetriever(1000).retrieve(stream(part10(ds, TestImages.EXPLICIT_LE)), List.of(1)));
        }

        @Test
        void stopsReadingOnceTheFramesAreComplete() throws Exception {
            Attributes ds = image(3, 4, 1, 8, 8, false, "MONOCHROME2", 5);
            byte[] pixels = eightBitFrames(5);
            ds.setBytes(Tags.PixelData, VR.OB, pixels);
            byte[] file = part10(ds, TestImages.EXPLICIT_LE);
            // Cut the stream in the middle of frame 3: frames 1 and 2 are still served.
            byte[] cut = Arrays.copyOf(file, file.length - pixels.length + 30);

            RetrievedFrames r = retriever.retrieve(new FailingAfterEnd(cut), List.of(2));

            assertArrayEquals(Arrays.copyOfRange(pixels, 12, 24), r.frames().get(0).bytes());
        }
    }

    @Nested
    class EncapsulatedPixelData {
        private static final String RLE = "1.2.840.10008.1.2.5";
        /** Frames begin with a JPEG SOI marker; fragments 2 and 4 continue the frame before them. */
        private final List<byte[]> fragments = List.of(soi(1, 10), bytes(2, 6), soi(3, 4), bytes(4, 8));

        private Attributes jpegImage(int frames) {
            return image(8, 8, 1, 8, 8, false, "MONOCHROME2", frames);
        }

        @Test
        void returnsOneFragmentPerFrameWithoutAnOffsetTable() throws Exception {
            Attributes ds = jpegImage(4);
            encapsulate(ds, new byte[0], fragments);

            RetrievedFrames r = retriever.retrieve(stream(part10(ds, RLE)), List.of(3, 1));

            assertEquals("image/dicom-rle; transfer-syntax=1.2.840.10008.1.2.5", r.mediaType().toString());
            assertArrayEquals(fragments.get(2), r.frames().get(0).bytes());
            assertArrayEquals(fragments.get(0), r.frames().get(1).bytes());
        }

        @Test
        void groupsFragmentsByTheBasicOffsetTable() throws Exception {
            // Frame 1 = fragments 1+2, frame 2 = fragments 3+4; offsets count item headers (8 bytes each).
            Attributes ds = jpegImage(2);
            encapsulate(ds, offsetTable(0, (8 + 10) + (8 + 6)), fragments);

            RetrievedFrames r = retriever.retrieve(stream(part10(ds, RLE)), List.of(1, 2));

            assertArrayEquals(concat(fragments.get(0), fragments.get(1)), r.frames().get(0).bytes());
            assertArrayEquals(concat(fragments.get(2), fragments.get(3)), r.frames().get(1).bytes());
        }

        @Test
        void groupsFragmentsByTheExtendedOffsetTable() throws Exception {
            // Frame 1 = fragment 1, frame 2 = fragments 2+3+4; Basic Offset Table empty (PS3.3 §C.7.6.3.1.8).
            Attributes ds = jpegImage(2);
            ds.setBytes(Tags.ExtendedOffsetTable, VR.OV, longs(0, 8 + 10));
            ds.setBytes(Tags.ExtendedOffsetTableLengths, VR.OV, longs(10, 6 + 4 + 8));
            encapsulate(ds, new byte[0], fragments);

            RetrievedFrames r = retriever.retrieve(stream(part10(ds, TestImages.JPEG_BASELINE)), List.of(2, 1));

            assertArrayEquals(concat(fragments.get(1), fragments.get(2), fragments.get(3)), r.frames().get(0).bytes());
            assertArrayEquals(fragments.get(0), r.frames().get(1).bytes());
        }

        @Test
        void groupsFragmentsAtTheJpegStartOfImageWithoutATable() throws Exception {
            Attributes ds = jpegImage(2);
            encapsulate(ds, new byte[0], fragments);

            RetrievedFrames r = retriever.retrieve(stream(part10(ds, TestImages.JPEG_BASELINE)), List.of(2, 1));

            assertEquals("image/jpeg; transfer-syntax=1.2.840.10008.1.2.4.50", r.mediaType().toString());
            assertArrayEquals(concat(fragments.get(2), fragments.get(3)), r.frames().get(0).bytes());
            assertArrayEquals(concat(fragments.get(0), fragments.get(1)), r.frames().get(1).bytes());
        }

        @Test
        void groupsFragmentsAtTheJpeg2000StartOfCodestream() throws Exception {
            byte[] soc = {(byte) 0xFF, 0x4F, (byte) 0xFF, 0x51, 1, 2};
            Attributes ds = jpegImage(2);
            encapsulate(ds, new byte[0], List.of(soc, bytes(5, 4), soc.clone(), bytes(6, 2)));

            RetrievedFrames r = retriever.retrieve(stream(part10(ds, "1.2.840.10008.1.2.4.90")), List.of(2));

            assertEquals("image/jp2", r.mediaType().type());
            assertArrayEquals(concat(soc, bytes(6, 2)), r.frames().get(0).bytes());
        }

        @Test
        void refusesMoreStartMarkersThanNumberOfFrames() throws Exception {
            Attributes ds = jpegImage(1);
            ds.setInt(Tags.NumberOfFrames, VR.IS, 2);
            encapsulate(ds, new byte[0], List.of(soi(1, 4), soi(2, 4), soi(3, 4)));

            assertThrows(UnsupportedPixelDataException.class,
                    () -> retriever.retrieve(stream(part10(ds, TestImages.JPEG_BASELINE)), List.of(2)));
        }

        @Test
        void refusesAFirstFragmentWithoutTheStartMarker() throws Exception {
            Attributes ds = jpegImage(2);
            encapsulate(ds, new byte[0], List.of(bytes(1, 4), soi(2, 4)));

            assertThrows(UnsupportedPixelDataException.class,
                    () -> retriever.retrieve(stream(part10(ds, TestImages.JPEG_BASELINE)), List.of(1)));
        }

        @Test
        void returnsAllFragmentsOfASingleFrame() throws Exception {
            Attributes ds = jpegImage(1);
            encapsulate(ds, new byte[0], fragments);

            RetrievedFrames r = retriever.retrieve(stream(part10(ds, TestImages.JPEG_BASELINE)), List.of(1));

            assertArrayEquals(concat(fragments.toArray(byte[][]::new)), r.frames().get(0).bytes());
        }

        @Test
        void refusesFragmentsThatCannotBeGroupedIntoFrames() throws Exception {
            // RLE frames carry no start marker: without a table, fragments must be frames one to one.
            Attributes ds = jpegImage(2);
            encapsulate(ds, new byte[0], fragments);

            UnsupportedPixelDataException e = assertThrows(UnsupportedPixelDataException.class,
                    () -> retriever.retrieve(stream(part10(ds, RLE)), List.of(1)));
            assertTrue(e.getMessage().contains("Offset Table"), e.getMessage());
        }

        @Test
        void refusesAnOffsetThatPointsInsideAFragment() throws Exception {
            Attributes ds = jpegImage(2);
            encapsulate(ds, offsetTable(0, 12), fragments);

            assertThrows(UnsupportedPixelDataException.class,
                    () -> retriever.retrieve(stream(part10(ds, TestImages.JPEG_BASELINE)), List.of(2)));
        }

        @Test
        void rejectsAFrameBeyondNumberOfFrames() throws Exception {
            Attributes ds = jpegImage(4);
            encapsulate(ds, new byte[0], fragments);

            assertThrows(FrameNotFoundException.class,
                    () -> retriever.retrieve(stream(part10(ds, RLE)), List.of(5)));
        }

        @Test
        void rejectsAFrameTheOffsetTableNamesButTheDataLacks() throws Exception {
            Attributes ds = jpegImage(3);
            encapsulate(ds, offsetTable(0, 18, 1000), fragments);

            FrameNotFoundException e = assertThrows(FrameNotFoundException.class,
                    () -> retriever.retrieve(stream(part10(ds, TestImages.JPEG_BASELINE)), List.of(1, 3)));
            assertEquals(3, e.frameNumber());
        }

        @Test
        void stopsReadingOnceTheFramesAreComplete() throws Exception {
            Attributes ds = jpegImage(2);
            encapsulate(ds, offsetTable(0, (8 + 10) + (8 + 6)), fragments);
            byte[] file = part10(ds, TestImages.JPEG_BASELINE);
            // Cut inside the last fragment: frame 1 (fragments 1 and 2) is complete before it.
            byte[] cut = Arrays.copyOf(file, file.length - 8 - 4);

            RetrievedFrames r = retriever.retrieve(new FailingAfterEnd(cut), List.of(1));

            assertArrayEquals(concat(fragments.get(0), fragments.get(1)), r.frames().get(0).bytes());
        }

        @Test
        void stopsAtTheNextStartMarkerWithoutATable() throws Exception {
            Attributes ds = jpegImage(2);
            encapsulate(ds, new byte[0], fragments);
            byte[] file = part10(ds, TestImages.JPEG_BASELINE);
            byte[] cut = Arrays.copyOf(file, file.length - 8 - 4);

            RetrievedFrames r = retriever.retrieve(new FailingAfterEnd(cut), List.of(1));

            assertArrayEquals(concat(fragments.get(0), fragments.get(1)), r.frames().get(0).bytes());
        }

        @Test
        void streamsFramesInAscendingOrderAfterBegin() throws Exception {
            Attributes ds = jpegImage(2);
            encapsulate(ds, new byte[0], fragments);
            List<String> events = new java.util.ArrayList<>();

            retriever.stream(stream(part10(ds, TestImages.JPEG_BASELINE)), List.of(2, 1), new FrameSink() {
                @Override
                public void begin(FrameMediaType type, ImageHeader header) {
                    events.add("begin " + type.type() + " " + header.numberOfFrames());
                }

                @Override
                public void frame(Frame frame) {
                    events.add("frame " + frame.number() + " " + frame.bytes().length);
                }
            });

            assertEquals(List.of("begin image/jpeg 2", "frame 1 16", "frame 2 12"), events);
        }

        @Test
        void streamingFailsBeforeBeginForAFrameOutOfRange() throws Exception {
            Attributes ds = jpegImage(2);
            encapsulate(ds, new byte[0], fragments);
            List<String> events = new java.util.ArrayList<>();

            assertThrows(FrameNotFoundException.class, () -> retriever.stream(
                    stream(part10(ds, TestImages.JPEG_BASELINE)), List.of(1, 3), f -> events.add("frame")));
            assertEquals(List.of(), events);
        }

        @Test
        void refusesFramesOfAVideoTransferSyntax() throws Exception {
            Attributes ds = jpegImage(1);
            encapsulate(ds, new byte[0], fragments);

            UnsupportedPixelDataException e = assertThrows(UnsupportedPixelDataException.class,
                    () -> retriever.retrieve(stream(part10(ds, "1.2.840.10008.1.2.4.102")), List.of(1)));
            assertTrue(e.getMessage().contains("video"), e.getMessage());
        }
    }

    @Nested
    class WithoutImage {
        @Test
        void saysSoWhenTheInstanceHasNoPixelData() throws Exception {
            Attributes ds = new Attributes();
            ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.88.11");
            ds.setString(Tags.SOPInstanceUID, VR.UI, "2.25.42");

            assertThrows(NoPixelDataException.class,
                    () -> retriever.retrieve(stream(part10(ds, TestImages.EXPLICIT_LE)), List.of(1)));
        }

        @Test
        void ignoresThePixelDataOfAnIconImage() throws Exception {
            Attributes ds = new Attributes();
            ds.setString(Tags.SOPInstanceUID, VR.UI, "2.25.42");
            Attributes icon = ds.newSequence(Tags.IconImageSequence, 1).addItem();
            icon.setInt(Tags.Rows, VR.US, 1);
            icon.setInt(Tags.Columns, VR.US, 2);
            icon.setBytes(Tags.PixelData, VR.OB, new byte[] {1, 2});

            assertThrows(NoPixelDataException.class,
                    () -> retriever.retrieve(stream(part10(ds, TestImages.EXPLICIT_LE)), List.of(1)));
        }

        @Test
        void refusesFloatPixelData() throws Exception {
            Attributes ds = image(1, 2, 1, 32, 32, false, "MONOCHROME2", 1);
            ds.setBytes(Tags.FloatPixelData, VR.OF, new byte[8]);

            assertThrows(UnsupportedPixelDataException.class,
                    () -> retriever.retrieve(stream(part10(ds, TestImages.EXPLICIT_LE)), List.of(1)));
        }
    }

    @Nested
    class FrameList {
        @Test
        void parsesCommaSeparatedNumbersInOrder() throws Exception {
            assertEquals(List.of(3, 1, 20), FrameRetriever.parseFrameList("3,1, 20"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "0", "-1", "1,,2", "a", "1.5", "99999999999", "1,"})
        void rejectsWhatIsNotAListOfPositiveNumbers(String list) {
            assertThrows(InvalidRenderParameterException.class, () -> FrameRetriever.parseFrameList(list));
        }
    }

    private static byte[] bytes(int seed, int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    /** A fragment that begins a JPEG frame: the SOI marker, then filler. */
    private static byte[] soi(int seed, int length) {
        byte[] b = bytes(seed, length);
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        return b;
    }

    private static byte[] longs(long... values) {
        byte[] b = new byte[values.length * 8];
        for (int i = 0; i < values.length; i++) {
            for (int k = 0; k < 8; k++) {
                b[8 * i + k] = (byte) (values[i] >>> (8 * k));
            }
        }
        return b;
    }

    private static byte[] concat(byte[]... parts) {
        int n = Arrays.stream(parts).mapToInt(p -> p.length).sum();
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** A stream that fails instead of ending: reading past what a request needs would show. */
    private static final class FailingAfterEnd extends InputStream {
        private final InputStream in;

        FailingAfterEnd(byte[] b) {
            this.in = new ByteArrayInputStream(b);
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c < 0) {
                throw new IOException("read past the data the request needs");
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                throw new IOException("read past the data the request needs");
            }
            return n;
        }
    }
}
