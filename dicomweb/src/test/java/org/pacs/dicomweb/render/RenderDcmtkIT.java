// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacs.dicomweb.render.TestImages.image;
import static org.pacs.dicomweb.render.TestImages.le16;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * The real-peer proof: objects re-encoded or made by DCMTK ({@code dcmconv}, {@code dcmcrle},
 * {@code img2dcm}) are rendered here and by DCMTK's {@code dcmj2pnm} with the same VOI settings and the
 * two images compared pixel by pixel; their frames are retrieved here and checked against the source.
 */
class RenderDcmtkIT {
    /** Gray levels may differ by one where the two round a value near .5 differently. */
    private static final int GRAY_TOLERANCE = 1;

    @TempDir
    Path dir;

    private final Renderer renderer = new Renderer();

    /** A 16-bit CT-like ramp in 40 rows × 64 columns, stored 0..4095 plus a few extremes, slope 1, intercept −1024. */
    private Path ctLike(String name, String photometric, boolean withWindow, int frames) throws Exception {
        int rows = 40;
        int cols = 64;
        Attributes ds = image(rows, cols, 1, 16, 12, false, photometric, frames);
        ds.setString(Tags.RescaleSlope, VR.DS, "1");
        ds.setString(Tags.RescaleIntercept, VR.DS, "-1024");
        if (withWindow) {
            ds.setString(Tags.WindowCenter, VR.DS, "40", "400");
            ds.setString(Tags.WindowWidth, VR.DS, "400", "2000");
        }
        int[] values = new int[rows * cols * frames];
        for (int f = 0; f < frames; f++) {
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < cols; x++) {
                    values[(f * rows + y) * cols + x] = (f * 300 + y * 97 + x * 13 + (x * y) % 7) % 4096;
                }
            }
        }
        values[0] = 0;
        values[1] = 4095;
        ds.setBytes(Tags.PixelData, VR.OW, le16(values));
        Path ours = dir.resolve(name + "-source.dcm");
        Files.write(ours, TestImages.part10(ds, TestImages.EXPLICIT_LE));
        // DCMTK re-encodes it (implicit VR little endian): the object rendered is DCMTK's.
        Path dcmtk = dir.resolve(name + ".dcm");
        run("dcmconv", "+ti", ours.toString(), dcmtk.toString());
        return dcmtk;
    }

    /** 12-bit stored values 0..4095 with a 4096-entry 12-bit LUT (a gamma-like curve) in {@code sequence}. */
    private Path withLut(String name, int sequence) throws Exception {
        int rows = 32;
        int cols = 64;
        Attributes ds = image(rows, cols, 1, 16, 12, false, "MONOCHROME2", 1);
        int[] values = new int[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 2 % 4096;
        }
        ds.setBytes(Tags.PixelData, VR.OW, le16(values));
        int[] lut = new int[4096];
        for (int i = 0; i < lut.length; i++) {
            lut[i] = (int) Math.round(4095 * Math.sqrt(i / 4095.0));
        }
        Attributes item = ds.newSequence(sequence, 1).addItem();
        item.setInt(Tags.LUTDescriptor, VR.US, 4096, 0, 12);
        item.setBytes(Tags.LUTData, VR.OW, le16(lut));
        if (sequence == Tags.ModalityLUTSequence) {
            item.setString(Tags.ModalityLUTType, VR.LO, "US");
        }
        Path source = dir.resolve(name + "-source.dcm");
        Files.write(source, TestImages.part10(ds, TestImages.EXPLICIT_LE));
        Path file = dir.resolve(name + ".dcm");
        run("dcmconv", "+ti", source.toString(), file.toString());
        return file;
    }

    @Nested
    class Grayscale {
        @Test
        void matchesAnExplicitWindow() throws Exception {
            Path file = ctLike("window", "MONOCHROME2", false, 1);
            compareGray(ours(file, 1, "40,400"), dcmtk(file, 1, "+Ww", "40", "400"));
        }

        @Test
        void matchesAWideWindowAcrossTheWholeRange() throws Exception {
            Path file = ctLike("wide", "MONOCHROME2", false, 1);
            compareGray(ours(file, 1, "1000,3000"), dcmtk(file, 1, "+Ww", "1000", "3000"));
        }

        @Test
        void matchesTheObjectsFirstWindow() throws Exception {
            Path file = ctLike("stored", "MONOCHROME2", true, 1);
            compareGray(ours(file, 1, null), dcmtk(file, 1, "+Wi", "1"));
        }

        @Test
        void matchesTheObjectsFirstVoiLut() throws Exception {
            Path file = withLut("voilut", Tags.VOILUTSequence);
            compareGray(ours(file, 1, null), dcmtk(file, 1, "+Wl", "1"));
        }

        @Test
        void matchesAModalityLut() throws Exception {
            Path file = withLut("mlut", Tags.ModalityLUTSequence);
            compareGray(ours(file, 1, "2000,3000"), dcmtk(file, 1, "+Ww", "2000", "3000"));
        }

        @Test
        void matchesMinMaxWhenThereIsNoWindow() throws Exception {
            Path file = ctLike("minmax", "MONOCHROME2", false, 1);
            compareGray(ours(file, 1, null), dcmtk(file, 1, "+Wm"));
        }

        @Test
        void matchesMonochrome1() throws Exception {
            Path file = ctLike("mono1", "MONOCHROME1", false, 1);
            compareGray(ours(file, 1, "40,400"), dcmtk(file, 1, "+Ww", "40", "400"));
        }

        @Test
        void matchesSigmoid() throws Exception {
            Path file = ctLike("sigmoid", "MONOCHROME2", false, 1);
            compareGray(ours(file, 1, "40,400,sigmoid"), dcmtk(file, 1, "+Ww", "40", "400", "+Wfs"));
        }

        @Test
        void wouldTellADifferentWindowApart() throws Exception {
            // The comparison is not vacuous: a window 10% wider is caught.
            Path file = ctLike("apart", "MONOCHROME2", false, 1);
            BufferedImage ours = ours(file, 1, "40,400");
            BufferedImage peer = dcmtk(file, 1, "+Ww", "40", "440");
            assertThrows(AssertionError.class, () -> compareGray(ours, peer));
        }

        @Test
        void matchesTheAskedFrameOfAMultiFrame() throws Exception {
            Path file = ctLike("multi", "MONOCHROME2", false, 3);
            compareGray(ours(file, 2, "500,1500"), dcmtk(file, 2, "+Ww", "500", "1500"));
        }
    }

    @Nested
    class RleLosslessFromDcmcrle {
        @Test
        void matchesSixteenBitMonochrome() throws Exception {
            Path file = ctLike("rle-source", "MONOCHROME2", false, 2);
            Path rle = dir.resolve("rle.dcm");
            run("dcmcrle", file.toString(), rle.toString());
            compareGray(ours(rle, 2, "300,1200"), dcmtk(rle, 2, "+Ww", "300", "1200"));
        }

        @Test
        void matchesRgbExactly() throws Exception {
            Attributes ds = image(16, 24, 3, 8, 8, false, "RGB", 1);
            byte[] data = new byte[16 * 24 * 3];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i % 3 == 0 ? i / 7 : i % 3 == 1 ? 200 : (i * 31) % 251);
            }
            ds.setBytes(Tags.PixelData, VR.OB, data);
            Path nat = dir.resolve("rgb-native.dcm");
            Files.write(nat, TestImages.part10(ds, TestImages.EXPLICIT_LE));
            Path rle = dir.resolve("rgb-rle.dcm");
            run("dcmcrle", nat.toString(), rle.toString());

            BufferedImage ours = ours(rle, 1, null);
            BufferedImage peer = dcmtk(rle, 1);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 24; x++) {
                    int i = (y * 24 + x) * 3;
                    int[] expected = {data[i] & 0xFF, data[i + 1] & 0xFF, data[i + 2] & 0xFF};
                    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, TestImages.rgb(ours, x, y));
                    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, TestImages.rgb(peer, x, y));
                }
            }
        }
    }

    @Nested
    class PaletteColor {
        @Test
        void matchesDcmtksLookup() throws Exception {
            Attributes ds = image(16, 32, 1, 8, 8, false, "PALETTE COLOR", 1);
            byte[] pixels = new byte[16 * 32];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = (byte) (i % 256);
            }
            ds.setBytes(Tags.PixelData, VR.OB, pixels);
            int[][] tables = new int[3][256];
            for (int i = 0; i < 256; i++) {
                tables[0][i] = i * 257;
                tables[1][i] = (255 - i) * 257;
                tables[2][i] = (i * 7 % 256) * 257;
            }
            int[] descriptors = {Tags.RedPaletteColorLookupTableDescriptor, Tags.GreenPaletteColorLookupTableDescriptor,
                Tags.BluePaletteColorLookupTableDescriptor};
            int[] data = {Tags.RedPaletteColorLookupTableData, Tags.GreenPaletteColorLookupTableData,
                Tags.BluePaletteColorLookupTableData};
            for (int c = 0; c < 3; c++) {
                ds.setInt(descriptors[c], VR.US, 256, 0, 16);
                ds.setBytes(data[c], VR.OW, le16(tables[c]));
            }
            Path source = dir.resolve("palette-source.dcm");
            Files.write(source, TestImages.part10(ds, TestImages.EXPLICIT_LE));
            Path file = dir.resolve("palette.dcm");
            run("dcmconv", "+ti", source.toString(), file.toString());

            BufferedImage ours = ours(file, 1, null);
            BufferedImage peer = dcmtk(file, 1);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 32; x++) {
                    int[] a = TestImages.rgb(ours, x, y);
                    int[] b = TestImages.rgb(peer, x, y);
                    for (int c = 0; c < 3; c++) {
                        assertTrue(Math.abs(a[c] - b[c]) <= GRAY_TOLERANCE,
                                "(" + x + "," + y + ") channel " + c + ": " + a[c] + " vs DCMTK " + b[c]);
                    }
                }
            }
        }
    }

    @Nested
    class FramesOfDcmtkObjects {
        @Test
        void returnsEachRleFrameOfADcmcrleMultiFrame() throws Exception {
            Path source = ctLike("frames-source", "MONOCHROME2", false, 3);
            Path rle = dir.resolve("frames-rle.dcm");
            run("dcmcrle", source.toString(), rle.toString());
            FrameRetriever retriever = new FrameRetriever();
            RetrievedFrames nat;
            RetrievedFrames enc;
            try (InputStream in = Files.newInputStream(source)) {
                nat = retriever.retrieve(in, List.of(3, 1, 2));
            }
            try (InputStream in = Files.newInputStream(rle)) {
                enc = retriever.retrieve(in, List.of(3, 1, 2));
            }

            assertEquals("image/dicom-rle; transfer-syntax=1.2.840.10008.1.2.5", enc.mediaType().toString());
            for (int i = 0; i < 3; i++) {
                byte[] decoded = RleFrameDecoder.decode(enc.frames().get(i).bytes(), enc.header());
                org.junit.jupiter.api.Assertions.assertArrayEquals(nat.frames().get(i).bytes(), decoded,
                        "frame " + enc.frames().get(i).number());
            }
        }

        @Test
        void groupsDcmcjpegFragmentsIntoFramesWithAndWithoutItsOffsetTable() throws Exception {
            // 8-bit 3-frame noise, JPEG baseline in 1 KiB fragments: several fragments per frame.
            Attributes ds = image(64, 64, 1, 8, 8, false, "MONOCHROME2", 3);
            byte[] pixels = new byte[64 * 64 * 3];
            java.util.Random random = new java.util.Random(7);
            random.nextBytes(pixels);
            ds.setBytes(Tags.PixelData, VR.OB, pixels);
            Path source = dir.resolve("multi8.dcm");
            Files.write(source, TestImages.part10(ds, TestImages.EXPLICIT_LE));
            Path withTable = dir.resolve("multi8-table.dcm");
            Path without = dir.resolve("multi8-notable.dcm");
            run("dcmcjpeg", "+eb", "+fs", "1", "+ot", source.toString(), withTable.toString());
            run("dcmcjpeg", "+eb", "+fs", "1", "-ot", source.toString(), without.toString());
            RetrievedFrames byTable;
            RetrievedFrames byMarker;
            try (InputStream in = Files.newInputStream(withTable)) {
                byTable = new FrameRetriever().retrieve(in, List.of(3, 2));
            }
            try (InputStream in = Files.newInputStream(without)) {
                byMarker = new FrameRetriever().retrieve(in, List.of(3, 2));
            }

            for (int i = 0; i < 2; i++) {
                Frame f = byTable.frames().get(i);
                assertTrue(f.bytes().length > 2048, "frame " + f.number() + " spans several fragments");
                // DCMTK 3.6.7 cannot find frames after the first without an offset table; the SOI markers can.
                org.junit.jupiter.api.Assertions.assertArrayEquals(f.bytes(), byMarker.frames().get(i).bytes());
                compareGray(TestImages.decode(f.bytes()), dcmtk(withTable, f.number(), "+Ww", "128", "256"));
            }
            compareGray(ours(without, 2, "128,256"), dcmtk(withTable, 2, "+Ww", "128", "256"));
        }

        @Test
        void returnsTheJpegStreamOfAnImg2dcmObject() throws Exception {
            BufferedImage src = new BufferedImage(40, 24, BufferedImage.TYPE_BYTE_GRAY);
            Path jpg = dir.resolve("frame.jpg");
            Files.write(jpg, TestImages.jpeg(src, 0.9f));
            Path dcm = dir.resolve("frame.dcm");
            run("img2dcm", jpg.toString(), dcm.toString());

            RetrievedFrames r;
            try (InputStream in = Files.newInputStream(dcm)) {
                r = new FrameRetriever().retrieve(in, List.of(1));
            }
            byte[] frame = r.frames().get(0).bytes();
            assertEquals("image/jpeg", r.mediaType().type());
            assertEquals(0xFFD8, (frame[0] & 0xFF) << 8 | (frame[1] & 0xFF));
            BufferedImage decoded = TestImages.decode(frame);
            assertEquals(40, decoded.getWidth());
            assertEquals(24, decoded.getHeight());
        }
    }

    @Nested
    class JpegBaselineFromImg2dcm {
        private Path jpegObject(BufferedImage image) throws Exception {
            Path jpg = dir.resolve("in.jpg");
            Files.write(jpg, TestImages.jpeg(image, 0.9f));
            Path dcm = dir.resolve("jpeg.dcm");
            run("img2dcm", jpg.toString(), dcm.toString());
            return dcm;
        }

        @Test
        void matchesMonochromeWithAndWithoutWindow() throws Exception {
            BufferedImage src = new BufferedImage(64, 40, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 64; x++) {
                    src.getRaster().setSample(x, y, 0, 30 + x * 2 + y);
                }
            }
            Path file = jpegObject(src);
            compareGray(ours(file, 1, null), dcmtk(file, 1, "+Wm"));
            compareGray(ours(file, 1, "100,51"), dcmtk(file, 1, "+Ww", "100", "51"));
        }

        @Test
        void matchesColour() throws Exception {
            BufferedImage src = new BufferedImage(64, 40, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 64; x++) {
                    src.setRGB(x, y, (x * 4) << 16 | (y * 6) << 8 | (255 - x * 2));
                }
            }
            Path file = jpegObject(src);
            BufferedImage ours = ours(file, 1, null);
            BufferedImage peer = dcmtk(file, 1);
            // Chroma upsampling and YCbCr→RGB rounding differ between libjpeg's and ours: a few levels.
            int worst = 0;
            for (int y = 0; y < 40; y++) {
                for (int x = 0; x < 64; x++) {
                    int[] a = TestImages.rgb(ours, x, y);
                    int[] b = TestImages.rgb(peer, x, y);
                    for (int c = 0; c < 3; c++) {
                        worst = Math.max(worst, Math.abs(a[c] - b[c]));
                    }
                }
            }
            assertTrue(worst <= 6, "largest channel difference " + worst);
        }
    }

    private BufferedImage ours(Path file, int frame, String window) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            Rendered r = renderer.renderFrame(in, frame, RenderParameters.parse(window, null, null, RenderedMediaType.PNG));
            return TestImages.decode(r.bytes());
        }
    }

    private BufferedImage dcmtk(Path file, int frame, String... voi) throws Exception {
        Path out = dir.resolve(file.getFileName() + "-" + frame + "-" + String.join("_", voi) + ".pnm");
        List<String> cmd = new ArrayList<>(List.of("dcmj2pnm", "+op", "+F", Integer.toString(frame)));
        cmd.addAll(List.of(voi));
        cmd.add(file.toString());
        cmd.add(out.toString());
        run(cmd.toArray(String[]::new));
        return Pnm.read(Files.readAllBytes(out));
    }

    private static void compareGray(BufferedImage ours, BufferedImage peer) {
        assertEquals(peer.getWidth(), ours.getWidth());
        assertEquals(peer.getHeight(), ours.getHeight());
        int worst = 0;
        int differing = 0;
        for (int y = 0; y < peer.getHeight(); y++) {
            for (int x = 0; x < peer.getWidth(); x++) {
                int d = Math.abs(TestImages.gray(ours, x, y) - TestImages.gray(peer, x, y));
                worst = Math.max(worst, d);
                differing += d > 0 ? 1 : 0;
            }
        }
        assertTrue(worst <= GRAY_TOLERANCE, "largest gray difference " + worst + " (" + differing + " pixels differ)");
    }

    private void run(String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(dir, "tool-", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IOException(command[0] + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + p.exitValue() + ": " + Files.readString(log));
        }
    }

    /** Binary PGM (P5) and PPM (P6) with 8-bit samples, as dcmj2pnm +op writes them. */
    static final class Pnm {
        private Pnm() {
        }

        static BufferedImage read(byte[] b) throws IOException {
            int[] at = {0};
            String magic = token(b, at);
            int w = Integer.parseInt(token(b, at));
            int h = Integer.parseInt(token(b, at));
            int max = Integer.parseInt(token(b, at));
            at[0]++; // the single whitespace before the samples
            if (max != 255 || !magic.equals("P5") && !magic.equals("P6")) {
                throw new IOException("not an 8-bit binary PGM/PPM: " + magic + " max " + max);
            }
            boolean color = magic.equals("P6");
            BufferedImage img = new BufferedImage(w, h, color ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_BYTE_GRAY);
            int p = at[0];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    if (color) {
                        img.setRGB(x, y, (b[p] & 0xFF) << 16 | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF));
                        p += 3;
                    } else {
                        img.getRaster().setSample(x, y, 0, b[p++] & 0xFF);
                    }
                }
            }
            return img;
        }

        private static String token(byte[] b, int[] at) {
            while (true) {
                while (Character.isWhitespace(b[at[0]])) {
                    at[0]++;
                }
                if (b[at[0]] != '#') {
                    break;
                }
                while (b[at[0]] != '\n') {
                    at[0]++;
                }
            }
            int start = at[0];
            while (!Character.isWhitespace(b[at[0]])) {
                at[0]++;
            }
            return new String(b, start, at[0] - start, java.nio.charset.StandardCharsets.US_ASCII);
        }
    }
}
