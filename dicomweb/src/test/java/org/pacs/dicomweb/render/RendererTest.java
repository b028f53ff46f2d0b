// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacs.dicomweb.render.TestImages.decode;
import static org.pacs.dicomweb.render.TestImages.gray;
import static org.pacs.dicomweb.render.TestImages.image;
import static org.pacs.dicomweb.render.TestImages.le16;
import static org.pacs.dicomweb.render.TestImages.part10;
import static org.pacs.dicomweb.render.TestImages.rgb;
import static org.pacs.dicomweb.render.TestImages.stream;

import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

class RendererTest {
    private final Renderer renderer = new Renderer();

    private static RenderParameters png(String window, String viewport) throws InvalidRenderParameterException {
        return RenderParameters.parse(window, viewport, null, RenderedMediaType.PNG);
    }

    /** One row of 16-bit unsigned stored values with Rescale Slope 2, Intercept −1024. */
    private static Attributes rescaledRow(int... stored) {
        Attributes ds = image(1, stored.length, 1, 16, 16, false, "MONOCHROME2", 1);
        ds.setString(Tags.RescaleSlope, VR.DS, "2");
        ds.setString(Tags.RescaleIntercept, VR.DS, "-1024");
        ds.setBytes(Tags.PixelData, VR.OW, le16(stored));
        return ds;
    }

    private static int[] grayRow(Rendered r) throws Exception {
        BufferedImage img = decode(r.bytes());
        int[] row = new int[img.getWidth()];
        for (int x = 0; x < row.length; x++) {
            row[x] = gray(img, x, 0);
        }
        return row;
    }

    @Nested
    class Windowing {
        @Test
        @DisplayName("LINEAR, PS3.3 §C.11.2.1.2.1: edges and interior of the window")
        void mapsModalityValuesThroughTheLinearFormulaAtTheWindowEdges() throws Exception {
            // Modality value x = 2·stored − 1024. Window center 0, width 101 (PS3.3 §C.11.2.1.2.1):
            // x ≤ −50.5 → 0; x > 49.5 → 255; else ((x + 0.5) / 100 + 0.5) · 255.
            int[] modality = {-52, -50, -40, 0, 40, 48, 50};
            int[] stored = new int[modality.length];
            for (int i = 0; i < stored.length; i++) {
                stored[i] = (modality[i] + 1024) / 2;
            }
            Rendered r = renderer.render(stream(part10(rescaledRow(stored), TestImages.EXPLICIT_LE)), png("0,101", null));

            // −50 → 0.005·255 = 1.275; −40 → 0.105·255 = 26.775; 0 → 128.775; 40 → 0.905·255 = 230.775;
            // 48 → 0.985·255 = 251.175
            assertArrayEquals(new int[] {0, 1, 27, 129, 231, 251, 255}, grayRow(r));
            assertEquals(RenderedMediaType.PNG, r.mediaType());
        }

        @Test
        void usesLinearExactWhenAsked() throws Exception {
            // LINEAR_EXACT, center 0, width 100 (PS3.3 §C.11.2.1.3.2): x ≤ −50 → 0; x > 50 → 255;
            // else ((x / 100) + 0.5) · 255.
            int[] stored = {(-50 + 1024) / 2, (-48 + 1024) / 2, 512, (50 + 1024) / 2, (52 + 1024) / 2};
            Rendered r = renderer.render(stream(part10(rescaledRow(stored), TestImages.EXPLICIT_LE)),
                    png("0,100,linear-exact", null));

            // −48 → 0.02·255 = 5.1; 0 → 127.5 → 128; 50 → 255 (x = c + w/2 is inside)
            assertArrayEquals(new int[] {0, 5, 128, 255, 255}, grayRow(r));
        }

        @Test
        void usesSigmoidWhenAsked() throws Exception {
            // SIGMOID (PS3.3 §C.11.2.1.3.1): 255 / (1 + exp(−4 (x − c) / w)); c = 0, w = 100.
            int[] stored = {512, (50 + 1024) / 2, (-50 + 1024) / 2};
            Rendered r = renderer.render(stream(part10(rescaledRow(stored), TestImages.EXPLICIT_LE)),
                    png("0,100,sigmoid", null));

            // 0 → 127.5; 50 → 255/(1+e^−2) = 224.60; −50 → 255/(1+e^2) = 30.40
            assertArrayEquals(new int[] {128, 225, 30}, grayRow(r));
        }

        @Test
        void usesTheObjectsFirstWindowWhenTheRequestHasNone() throws Exception {
            Attributes ds = rescaledRow((-52 + 1024) / 2, 512, (50 + 1024) / 2);
            ds.setString(Tags.WindowCenter, VR.DS, "0", "1000");
            ds.setString(Tags.WindowWidth, VR.DS, "101", "10");

            Rendered r = renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null));

            assertArrayEquals(new int[] {0, 129, 255}, grayRow(r));
        }

        @Test
        void usesTheWindowOfTheFramesFunctionalGroups() throws Exception {
            Attributes ds = image(1, 3, 1, 16, 16, false, "MONOCHROME2", 2);
            ds.setBytes(Tags.PixelData, VR.OW, le16(0, 100, 200, 0, 100, 200));
            Attributes shared = ds.newSequence(Tags.SharedFunctionalGroupsSequence, 1).addItem();
            Attributes voi = shared.newSequence(Tags.FrameVOILUTSequence, 1).addItem();
            voi.setString(Tags.WindowCenter, VR.DS, "100");
            voi.setString(Tags.WindowWidth, VR.DS, "1000");
            var perFrame = ds.newSequence(Tags.PerFrameFunctionalGroupsSequence, 2);
            perFrame.addItem();
            Attributes second = perFrame.addItem().newSequence(Tags.FrameVOILUTSequence, 1).addItem();
            second.setString(Tags.WindowCenter, VR.DS, "100");
            second.setString(Tags.WindowWidth, VR.DS, "11");

            int[] first = grayRow(renderer.renderFrame(stream(part10(ds, TestImages.EXPLICIT_LE)), 1, png(null, null)));
            int[] other = grayRow(renderer.renderFrame(stream(part10(ds, TestImages.EXPLICIT_LE)), 2, png(null, null)));

            // Shared window 100/1000 for frame 1: 0 → ((0 − 99.5)/999 + 0.5)·255 = 102.1
            assertEquals(102, first[0]);
            // Frame 2's own narrow window: 0 → 0, 100 → ((100 − 99.5)/10 + 0.5)·255 = 140.25, 200 → 255
            assertArrayEquals(new int[] {0, 140, 255}, other);
        }

        @Test
        void usesTheFirstVoiLutWhenTheObjectHasNoWindow() throws Exception {
            // VOI LUT (PS3.3 §C.11.2.1.1): 3 entries from input −1024 (the modality value of stored 0), 10 bits.
            Attributes ds = rescaledRow(0, 1, 2, 600);
            ds.setString(Tags.RescaleSlope, VR.DS, "1");
            Attributes item = ds.newSequence(Tags.VOILUTSequence, 2).addItem();
            item.setInt(Tags.LUTDescriptor, VR.US, 3, 0xFFFF & -1024, 10);
            item.setBytes(Tags.LUTData, VR.OW, le16(1023, 0, 512));
            ds.getSequence(Tags.VOILUTSequence).addItem().setInt(Tags.LUTDescriptor, VR.US, 1, 0, 8);

            Rendered r = renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null));

            // −1024 → 1023 → 255; −1023 → 0; −1022 → 512·255/1023 = 127.6; −424 → the last entry
            assertArrayEquals(new int[] {255, 0, 128, 128}, grayRow(r));
        }

        @Test
        void prefersTheRequestsWindowToTheVoiLut() throws Exception {
            Attributes ds = rescaledRow(512);
            Attributes item = ds.newSequence(Tags.VOILUTSequence, 1).addItem();
            item.setInt(Tags.LUTDescriptor, VR.US, 1, 0, 8);
            item.setBytes(Tags.LUTData, VR.OW, le16(7));

            assertArrayEquals(new int[] {129}, grayRow(renderer.render(
                    stream(part10(ds, TestImages.EXPLICIT_LE)), png("0,101", null))));
        }

        @Test
        void appliesAModalityLutSequenceInsteadOfRescale() throws Exception {
            // Modality LUT (PS3.3 §C.11.1.1): stored 0..3 → 100, 0, 300, 50.
            Attributes ds = image(1, 4, 1, 16, 16, false, "MONOCHROME2", 1);
            ds.setBytes(Tags.PixelData, VR.OW, le16(0, 1, 2, 3));
            Attributes item = ds.newSequence(Tags.ModalityLUTSequence, 1).addItem();
            item.setInt(Tags.LUTDescriptor, VR.US, 4, 0, 16);
            item.setBytes(Tags.LUTData, VR.OW, le16(100, 0, 300, 50));

            Rendered r = renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png("150.5,301", null));

            // LINEAR c=150.5 w=301: x ≤ 0 → 0; x > 300 → 255; 100 → ((100−150)/300+0.5)·255 = 85; 50 → 42.5
            // 300 = c − 0.5 + (w−1)/2 is inside: ((300 − 150)/300 + 0.5)·255 = 255
            assertArrayEquals(new int[] {85, 0, 255, 43}, grayRow(r));
        }

        @Test
        void stretchesTheFramesRangeWhenNoWindowIsKnown() throws Exception {
            Rendered r = renderer.render(stream(part10(rescaledRow(1000, 1100, 1200), TestImages.EXPLICIT_LE)),
                    png(null, null));

            int[] row = grayRow(r);
            assertEquals(0, row[0]);
            assertEquals(255, row[2]);
            assertTrue(Math.abs(row[1] - 128) <= 1, "middle value " + row[1]);
        }

        @Test
        void invertsMonochrome1() throws Exception {
            Attributes ds = rescaledRow((-52 + 1024) / 2, 512, (50 + 1024) / 2);
            ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME1");

            Rendered r = renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png("0,101", null));

            assertArrayEquals(new int[] {255, 255 - 129, 0}, grayRow(r));
        }

        @Test
        void readsSignedStoredValues() throws Exception {
            Attributes ds = image(1, 3, 1, 16, 16, true, "MONOCHROME2", 1);
            ds.setBytes(Tags.PixelData, VR.OW, le16(-1000, 0, 1000));

            Rendered r = renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png("0,2001", null));

            // −1000 → ((−999.5)/2000 + 0.5)·255 = 0.06; 0 → 127.6; 1000 → 255.06 → top edge
            assertArrayEquals(new int[] {0, 128, 255}, grayRow(r));
        }

        @Test
        void ignoresBitsOutsideBitsStored() throws Exception {
            // 12 bits stored, high bit 11; the upper 4 bits carry junk (once overlays) and must not count.
            Attributes ds = image(1, 2, 1, 16, 12, false, "MONOCHROME2", 1);
            ds.setBytes(Tags.PixelData, VR.OW, le16(0xF000, 0xA000 | 4095));

            Rendered r = renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png("2048,4096", null));

            assertArrayEquals(new int[] {0, 255}, grayRow(r));
        }

        @Test
        void rendersEightBitPixelsAsStoredWithAFullWindow() throws Exception {
            Attributes ds = image(1, 4, 1, 8, 8, false, "MONOCHROME2", 1);
            ds.setBytes(Tags.PixelData, VR.OB, new byte[] {0, 10, (byte) 200, (byte) 255});

            Rendered r = renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png("128,256", null));

            assertArrayEquals(new int[] {0, 10, 200, 255}, grayRow(r));
        }

        @Test
        void readsBigEndianPixelData() throws Exception {
            Attributes ds = image(1, 3, 1, 16, 16, false, "MONOCHROME2", 1);
            ds.setBytes(Tags.PixelData, VR.OW, le16(0, 300, 600));

            Rendered r = renderer.render(stream(part10(ds, TestImages.EXPLICIT_BE)), png("300,601", null));

            assertArrayEquals(new int[] {0, 128, 255}, grayRow(r));
        }
    }

    @Nested
    class Colour {
        private final int[][] pixels = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {10, 20, 30}};

        @ParameterizedTest
        @ValueSource(ints = {0, 1})
        void rendersRgbInEitherPlanarConfigurationExactly(int planar) throws Exception {
            byte[] data = new byte[12];
            for (int i = 0; i < 4; i++) {
                for (int c = 0; c < 3; c++) {
                    data[planar == 0 ? 3 * i + c : 4 * c + i] = (byte) pixels[i][c];
                }
            }
            Attributes ds = image(2, 2, 3, 8, 8, false, "RGB", 1);
            ds.setInt(Tags.PlanarConfiguration, VR.US, planar);
            ds.setBytes(Tags.PixelData, VR.OB, data);

            BufferedImage img = decode(renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null)).bytes());

            for (int i = 0; i < 4; i++) {
                assertArrayEquals(pixels[i], rgb(img, i % 2, i / 2), "pixel " + i);
            }
        }

        @Test
        void convertsYbrFullToRgb() throws Exception {
            // Forward equations of PS3.3 §C.7.6.3.1.2 for pure red and mid gray.
            byte[] data = {(byte) 76, (byte) 85, (byte) 255, (byte) 128, (byte) 128, (byte) 128};
            Attributes ds = image(1, 2, 3, 8, 8, false, "YBR_FULL", 1);
            ds.setBytes(Tags.PixelData, VR.OB, data);

            BufferedImage img = decode(renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null)).bytes());

            assertClose(new int[] {255, 0, 0}, rgb(img, 0, 0), 2);
            assertArrayEquals(new int[] {128, 128, 128}, rgb(img, 1, 0));
        }

        @Test
        void convertsYbrFull422ToRgb() throws Exception {
            // Two pixels share Cb/Cr: Y1 Y2 Cb Cr.
            byte[] data = {(byte) 76, (byte) 128, (byte) 128, (byte) 128};
            Attributes ds = image(1, 2, 3, 8, 8, false, "YBR_FULL_422", 1);
            ds.setBytes(Tags.PixelData, VR.OB, data);

            BufferedImage img = decode(renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null)).bytes());

            assertArrayEquals(new int[] {76, 76, 76}, rgb(img, 0, 0));
            assertArrayEquals(new int[] {128, 128, 128}, rgb(img, 1, 0));
        }
    }

    @Nested
    class PaletteColor {
        /** A palette of 4 entries mapping stored values 10..13, 16 bits per entry (PS3.3 §C.7.6.3.1.5). */
        private Attributes palette(int bitsPerEntry) {
            Attributes ds = image(1, 6, 1, 8, 8, false, "PALETTE COLOR", 1);
            ds.setBytes(Tags.PixelData, VR.OB, new byte[] {0, 10, 11, 12, 13, (byte) 200});
            int[][] colours = {{255, 0, 0, 0}, {0, 255, 0, 128}, {0, 0, 255, 64}};
            int[] descriptors = {Tags.RedPaletteColorLookupTableDescriptor, Tags.GreenPaletteColorLookupTableDescriptor,
                Tags.BluePaletteColorLookupTableDescriptor};
            int[] data = {Tags.RedPaletteColorLookupTableData, Tags.GreenPaletteColorLookupTableData,
                Tags.BluePaletteColorLookupTableData};
            for (int c = 0; c < 3; c++) {
                ds.setInt(descriptors[c], VR.US, 4, 10, bitsPerEntry);
                if (bitsPerEntry == 16) {
                    int[] words = new int[4];
                    for (int i = 0; i < 4; i++) {
                        words[i] = colours[c][i] * 257;
                    }
                    ds.setBytes(data[c], VR.OW, le16(words));
                } else {
                    byte[] bytes = new byte[4];
                    for (int i = 0; i < 4; i++) {
                        bytes[i] = (byte) colours[c][i];
                    }
                    ds.setBytes(data[c], VR.OW, bytes);
                }
            }
            return ds;
        }

        @ParameterizedTest
        @ValueSource(ints = {8, 16})
        void looksUpEachStoredValueClampingOutsideTheTable(int bitsPerEntry) throws Exception {
            BufferedImage img = decode(renderer.render(stream(part10(palette(bitsPerEntry), TestImages.EXPLICIT_LE)),
                    png(null, null)).bytes());

            assertArrayEquals(new int[] {255, 0, 0}, rgb(img, 0, 0), "below the first mapped value: first entry");
            assertArrayEquals(new int[] {255, 0, 0}, rgb(img, 1, 0));
            assertArrayEquals(new int[] {0, 255, 0}, rgb(img, 2, 0));
            assertArrayEquals(new int[] {0, 0, 255}, rgb(img, 3, 0));
            assertArrayEquals(new int[] {0, 128, 64}, rgb(img, 4, 0));
            assertArrayEquals(new int[] {0, 128, 64}, rgb(img, 5, 0), "above the table: last entry");
        }

        @Test
        void readsTablesOf65536EntriesLargerThanTheBulkDataThreshold() throws Exception {
            // Descriptor entries 0 means 65536 (PS3.3 §C.7.6.3.1.5); each table is 128 KiB of OW.
            Attributes ds = image(1, 3, 1, 16, 16, false, "PALETTE COLOR", 1);
            ds.setBytes(Tags.PixelData, VR.OW, le16(0, 40000, 65535));
            int[] ramp = new int[65536];
            for (int i = 0; i < ramp.length; i++) {
                ramp[i] = i;
            }
            for (int tag : new int[] {Tags.RedPaletteColorLookupTableDescriptor, Tags.GreenPaletteColorLookupTableDescriptor,
                Tags.BluePaletteColorLookupTableDescriptor}) {
                ds.setInt(tag, VR.US, 0, 0, 16);
            }
            for (int tag : new int[] {Tags.RedPaletteColorLookupTableData, Tags.GreenPaletteColorLookupTableData,
                Tags.BluePaletteColorLookupTableData}) {
                ds.setBytes(tag, VR.OW, le16(ramp));
            }

            BufferedImage img = decode(renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null)).bytes());

            assertArrayEquals(new int[] {0, 0, 0}, rgb(img, 0, 0));
            assertArrayEquals(new int[] {156, 156, 156}, rgb(img, 1, 0));
            assertArrayEquals(new int[] {255, 255, 255}, rgb(img, 2, 0));
        }
    }

    @Nested
    class JpegBaseline {
        private BufferedImage grayGradient() {
            BufferedImage src = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    src.getRaster().setSample(x, y, 0, 20 + x * 3);
                }
            }
            return src;
        }

        @Test
        void decodesAndWindowsMonochrome() throws Exception {
            byte[] jpeg = TestImages.jpeg(grayGradient(), 1.0f);
            Attributes ds = image(48, 64, 1, 8, 8, false, "MONOCHROME2", 1);
            TestImages.encapsulate(ds, new byte[0], List.of(jpeg));
            BufferedImage reference = decode(jpeg);

            BufferedImage full = decode(renderer.render(stream(part10(ds, TestImages.JPEG_BASELINE)),
                    png("128,256", null)).bytes());
            BufferedImage narrow = decode(renderer.render(stream(part10(ds, TestImages.JPEG_BASELINE)),
                    png("100,51", null)).bytes());

            for (int x = 0; x < 64; x += 7) {
                assertEquals(gray(reference, x, 20), gray(full, x, 20), "column " + x);
                int v = gray(reference, x, 20);
                int expected = (int) Math.round(VoiFunction.LINEAR.apply(v, 100, 51, 0, 255));
                assertEquals(expected, gray(narrow, x, 20), "column " + x + " stored " + v);
            }
        }

        @Test
        void decodesColourAsThePhotometricInterpretationSays() throws Exception {
            BufferedImage src = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 16; y++) {
                for (int x = 0; x < 32; x++) {
                    src.setRGB(x, y, x < 16 ? 0xC02010 : 0x2040E0);
                }
            }
            byte[] jpeg = TestImages.jpeg(src, 1.0f);
            Attributes ds = image(16, 32, 3, 8, 8, false, "YBR_FULL_422", 1);
            TestImages.encapsulate(ds, new byte[0], List.of(jpeg));

            BufferedImage img = decode(renderer.render(stream(part10(ds, TestImages.JPEG_BASELINE)), png(null, null)).bytes());

            assertClose(new int[] {0xC0, 0x20, 0x10}, rgb(img, 4, 8), 6);
            assertClose(new int[] {0x20, 0x40, 0xE0}, rgb(img, 28, 8), 6);
        }

        @Test
        void refusesTwelveBitJpeg() throws Exception {
            Attributes ds = image(48, 64, 1, 16, 12, false, "MONOCHROME2", 1);
            TestImages.encapsulate(ds, new byte[0], List.of(new byte[] {(byte) 0xFF, (byte) 0xD8}));

            assertThrows(CannotRenderException.class, () -> renderer.render(
                    stream(part10(ds, "1.2.840.10008.1.2.4.51")), png(null, null)));
        }

        @Test
        void refusesAJpegWhoseHeaderClaimsAnotherSizeBeforeDecodingIt() throws Exception {
            // The JPEG says 64×48; the instance says 16×16: nothing of the JPEG's size is allocated.
            Attributes ds = image(16, 16, 1, 8, 8, false, "MONOCHROME2", 1);
            TestImages.encapsulate(ds, new byte[0], List.of(TestImages.jpeg(grayGradient(), 0.9f)));

            CannotRenderException e = assertThrows(CannotRenderException.class, () -> renderer.render(
                    stream(part10(ds, TestImages.JPEG_BASELINE)), png(null, null)));
            assertTrue(e.getMessage().contains("64×48"), e.getMessage());
        }

        @Test
        void refusesACorruptFrameAsNotRenderable() throws Exception {
            Attributes ds = image(48, 64, 1, 8, 8, false, "MONOCHROME2", 1);
            TestImages.encapsulate(ds, new byte[0], List.of(new byte[] {1, 2, 3, 4}));

            assertThrows(CannotRenderException.class, () -> renderer.render(
                    stream(part10(ds, TestImages.JPEG_BASELINE)), png(null, null)));
        }
    }

    @Nested
    class ViewportAndFrames {
        private Attributes ramp(int rows, int columns, int frames) {
            Attributes ds = image(rows, columns, 1, 8, 8, false, "MONOCHROME2", frames);
            byte[] data = new byte[rows * columns * frames];
            for (int f = 0; f < frames; f++) {
                for (int y = 0; y < rows; y++) {
                    for (int x = 0; x < columns; x++) {
                        data[(f * rows + y) * columns + x] = (byte) (f * 50 + x);
                    }
                }
            }
            ds.setBytes(Tags.PixelData, VR.OB, data);
            return ds;
        }

        @ParameterizedTest
        @CsvSource({"64,64,64,32", "64,,64,32", ",10,20,10", "1000,50,100,50", "400,400,400,200"})
        void fitsTheImageInTheViewportKeepingItsAspect(String vw, String vh, int width, int height) throws Exception {
            String viewport = (vw == null ? "" : vw) + "," + (vh == null ? "" : vh);
            Rendered r = renderer.render(stream(part10(ramp(100, 200, 1), TestImages.EXPLICIT_LE)),
                    png("128,256", viewport));

            BufferedImage img = decode(r.bytes());
            assertEquals(width, img.getWidth());
            assertEquals(height, img.getHeight());
            assertEquals(width, r.width());
        }

        @Test
        void averagesWhenShrinking() throws Exception {
            // Halving columns 0..199: output x averages x·2 and x·2+1 → 2x + 0.5 → rounds to 2x+1 (or 2x).
            BufferedImage img = decode(renderer.render(stream(part10(ramp(100, 200, 1), TestImages.EXPLICIT_LE)),
                    png("128,256", "100,50")).bytes());

            for (int x = 0; x < 100; x += 9) {
                assertTrue(Math.abs(gray(img, x, 10) - (2 * x + 0.5)) <= 0.5, "x " + x + ": " + gray(img, x, 10));
            }
        }

        @Test
        void cropsAndFlipsTheSourceRegion() throws Exception {
            // Region columns 10..19 of rows 0..4, at its own size: exact pixels.
            BufferedImage crop = decode(renderer.render(stream(part10(ramp(20, 40, 1), TestImages.EXPLICIT_LE)),
                    png("128,256", "10,5,10,0,10,5")).bytes());
            BufferedImage flipped = decode(renderer.render(stream(part10(ramp(20, 40, 1), TestImages.EXPLICIT_LE)),
                    png("128,256", "10,5,20,0,-10,5")).bytes());

            assertEquals(10, crop.getWidth());
            assertEquals(5, crop.getHeight());
            for (int x = 0; x < 10; x++) {
                assertEquals(10 + x, gray(crop, x, 2));
                assertEquals(19 - x, gray(flipped, x, 2));
            }
        }

        @Test
        void rejectsARegionOutsideTheImage() {
            assertThrows(InvalidRenderParameterException.class, () -> renderer.render(
                    stream(part10(ramp(20, 40, 1), TestImages.EXPLICIT_LE)), png(null, "10,10,35,0,10,10")));
        }

        @Test
        void rendersFrameOneForTheInstanceAndTheAskedFrameOtherwise() throws Exception {
            Attributes ds = ramp(4, 4, 3);
            RenderParameters p = png("128,256", null);

            Rendered instance = renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)), p);
            Rendered third = renderer.renderFrame(stream(part10(ds, TestImages.EXPLICIT_LE)), 3, p);

            assertEquals(1, instance.frameNumber());
            assertEquals(1, gray(decode(instance.bytes()), 1, 0));
            assertEquals(101, gray(decode(third.bytes()), 1, 0));
        }

        @Test
        void readsNoFurtherThanTheRenderedFrame() throws Exception {
            byte[] file = part10(ramp(10, 10, 5), TestImages.EXPLICIT_LE);
            // Cut inside frame 4: the thumbnail (frame 3 of 5) is still made.
            java.io.InputStream cut = new java.io.SequenceInputStream(
                    new java.io.ByteArrayInputStream(java.util.Arrays.copyOf(file, file.length - 150)),
                    new java.io.InputStream() {
                        @Override
                        public int read() throws java.io.IOException {
                            throw new java.io.IOException("read past the frame the thumbnail needs");
                        }
                    });

            Rendered t = renderer.thumbnail(cut, RenderParameters.parse("128,256", null, null, RenderedMediaType.PNG));

            assertEquals(3, t.frameNumber());
            assertEquals(100, gray(decode(t.bytes()), 0, 0));
        }

        @Test
        void rendersOneBitPixelsBlackAndWhite() throws Exception {
            Attributes ds = image(1, 8, 1, 1, 1, false, "MONOCHROME2", 1);
            ds.setBytes(Tags.PixelData, VR.OB, new byte[] {(byte) 0b1010_0101, 0});

            assertArrayEquals(new int[] {255, 0, 255, 0, 0, 255, 0, 255}, grayRow(renderer.render(
                    stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null))));
        }

        @Test
        void rejectsAFrameBeyondNumberOfFrames() {
            assertThrows(FrameNotFoundException.class, () -> renderer.renderFrame(
                    stream(part10(ramp(4, 4, 3), TestImages.EXPLICIT_LE)), 4, png(null, null)));
        }

        @Test
        void thumbnailsTheMiddleFrameWithinTheDefaultBox() throws Exception {
            Rendered t = renderer.thumbnail(stream(part10(ramp(100, 200, 3), TestImages.EXPLICIT_LE)),
                    RenderParameters.defaults(RenderedMediaType.JPEG));

            assertEquals(2, t.frameNumber());
            assertEquals(RenderedMediaType.JPEG, t.mediaType());
            BufferedImage img = decode(t.bytes());
            assertEquals(128, img.getWidth());
            assertEquals(64, img.getHeight());
        }

        @Test
        void encodesJpegCloseToTheRenderedValues() throws Exception {
            Attributes ds = ramp(64, 64, 1);
            Rendered r = renderer.render(stream(part10(ds, TestImages.EXPLICIT_LE)),
                    RenderParameters.parse("128,256", null, "95", RenderedMediaType.JPEG));

            assertEquals(0xFF, r.bytes()[0] & 0xFF);
            assertEquals(0xD8, r.bytes()[1] & 0xFF);
            BufferedImage img = decode(r.bytes());
            for (int x = 0; x < 64; x += 5) {
                assertTrue(Math.abs(gray(img, x, 30) - x) <= 3, "x " + x + ": " + gray(img, x, 30));
            }
        }
    }

    @Nested
    class Refusals {
        @Test
        void refusesJpeg2000() throws Exception {
            Attributes ds = image(8, 8, 1, 16, 16, false, "MONOCHROME2", 1);
            TestImages.encapsulate(ds, new byte[0], List.of(new byte[] {(byte) 0xFF, 0x4F}));

            CannotRenderException e = assertThrows(CannotRenderException.class, () -> renderer.render(
                    stream(part10(ds, "1.2.840.10008.1.2.4.90")), png(null, null)));
            assertTrue(e.getMessage().contains("1.2.840.10008.1.2.4.90"), e.getMessage());
        }

        @Test
        void refusesFloatPixelData() throws Exception {
            Attributes ds = image(1, 2, 1, 32, 32, false, "MONOCHROME2", 1);
            ds.setBytes(Tags.FloatPixelData, VR.OF, new byte[8]);

            assertThrows(CannotRenderException.class, () -> renderer.render(
                    stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null)));
        }

        @Test
        void refuses32BitIntegerPixels() throws Exception {
            Attributes ds = image(1, 2, 1, 32, 32, false, "MONOCHROME2", 1);
            ds.setBytes(Tags.PixelData, VR.OB, new byte[8]);

            assertThrows(CannotRenderException.class, () -> renderer.render(
                    stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null)));
        }

        @Test
        void refusesPaletteColorWithoutItsTables() throws Exception {
            Attributes ds = image(1, 2, 1, 8, 8, false, "PALETTE COLOR", 1);
            ds.setBytes(Tags.PixelData, VR.OB, new byte[2]);

            assertThrows(CannotRenderException.class, () -> renderer.render(
                    stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null)));
        }

        @Test
        void refusesAnImageAboveThePixelLimit() throws Exception {
            Attributes ds = image(100, 100, 1, 8, 8, false, "MONOCHROME2", 1);
            ds.setBytes(Tags.PixelData, VR.OB, new byte[10_000]);

            assertThrows(PixelDataTooLargeException.class, () -> new Renderer(1 << 20, 5_000).render(
                    stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null)));
        }

        @Test
        void saysSoWhenThereIsNoImage() throws Exception {
            Attributes ds = new Attributes();
            ds.setString(Tags.SOPInstanceUID, VR.UI, "2.25.42");

            assertThrows(NoPixelDataException.class, () -> renderer.render(
                    stream(part10(ds, TestImages.EXPLICIT_LE)), png(null, null)));
        }
    }

    private static void assertClose(int[] expected, int[] actual, int tolerance) {
        for (int i = 0; i < expected.length; i++) {
            assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance,
                    "channel " + i + ": expected " + expected[i] + " ± " + tolerance + ", was " + actual[i]);
        }
    }
}
