// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.pacs.dicomweb.render.TestImages.decode;
import static org.pacs.dicomweb.render.TestImages.image;
import static org.pacs.dicomweb.render.TestImages.part10;
import static org.pacs.dicomweb.render.TestImages.stream;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/** RLE Lossless (PS3.5 Annex G) renders exactly like the same pixels stored natively. */
class RleFrameDecoderTest {
    private static final String RLE = "1.2.840.10008.1.2.5";

    /** PackBits with both run kinds (PS3.5 §G.3.1): replicate runs for repeats, literal runs otherwise. */
    static byte[] packBits(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < in.length) {
            int run = 1;
            while (i + run < in.length && run < 128 && in[i + run] == in[i]) {
                run++;
            }
            if (run >= 3) {
                out.write(1 - run);
                out.write(in[i]);
                i += run;
            } else {
                int start = i;
                int len = 0;
                while (i < in.length && len < 128 && !(i + 2 < in.length && in[i] == in[i + 1] && in[i] == in[i + 2])) {
                    i++;
                    len++;
                }
                out.write(len - 1);
                out.write(in, start, len);
            }
        }
        if (out.size() % 2 != 0) {
            out.write(-128); // the no-op run pads a segment to even length
        }
        return out.toByteArray();
    }

    /** An RLE frame from segments (PS3.5 §G.4 header: count and offsets). */
    static byte[] rleFrame(byte[]... segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] header = new byte[64];
        int offset = 64;
        put32(header, 0, segments.length);
        for (int s = 0; s < segments.length; s++) {
            put32(header, 4 + 4 * s, offset);
            offset += segments[s].length;
        }
        out.writeBytes(header);
        for (byte[] s : segments) {
            out.writeBytes(s);
        }
        return out.toByteArray();
    }

    private static void put32(byte[] b, int p, int v) {
        for (int k = 0; k < 4; k++) {
            b[p + k] = (byte) (v >>> (8 * k));
        }
    }

    @Test
    void rendersSixteenBitMonochromeLikeItsNativeTwin() throws Exception {
        int rows = 8;
        int cols = 16;
        int[] values = new int[rows * cols];
        byte[] high = new byte[values.length];
        byte[] low = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = i < 40 ? 1000 : 37 * i;
            high[i] = (byte) (values[i] >> 8);
            low[i] = (byte) values[i];
        }
        Attributes nat = image(rows, cols, 1, 16, 16, false, "MONOCHROME2", 1);
        nat.setBytes(Tags.PixelData, VR.OW, TestImages.le16(values));
        Attributes rle = image(rows, cols, 1, 16, 16, false, "MONOCHROME2", 1);
        TestImages.encapsulate(rle, new byte[0], List.of(rleFrame(packBits(high), packBits(low))));
        RenderParameters png = RenderParameters.parse("2000,4000", null, null, RenderedMediaType.PNG);

        byte[] expected = pixels(new Renderer().render(stream(part10(nat, TestImages.EXPLICIT_LE)), png));
        byte[] actual = pixels(new Renderer().render(stream(part10(rle, RLE)), png));

        assertArrayEquals(expected, actual);
    }

    @Test
    void rendersRgbFromItsThreeSegments() throws Exception {
        byte[] r = {(byte) 255, (byte) 255, (byte) 255, 0};
        byte[] g = {0, 0, 0, (byte) 128};
        byte[] b = {1, 2, 3, 4};
        Attributes rle = image(2, 2, 3, 8, 8, false, "RGB", 1);
        TestImages.encapsulate(rle, new byte[0], List.of(rleFrame(packBits(r), packBits(g), packBits(b))));

        var img = decode(new Renderer().render(stream(part10(rle, RLE)),
                RenderParameters.defaults(RenderedMediaType.PNG)).bytes());

        assertArrayEquals(new int[] {255, 0, 1}, TestImages.rgb(img, 0, 0));
        assertArrayEquals(new int[] {0, 128, 4}, TestImages.rgb(img, 1, 1));
    }

    @Test
    void refusesASegmentCountThatDoesNotMatchThePixels() throws Exception {
        Attributes rle = image(2, 2, 1, 16, 16, false, "MONOCHROME2", 1);
        TestImages.encapsulate(rle, new byte[0], List.of(rleFrame(packBits(new byte[4]))));

        assertThrows(CannotRenderException.class, () -> new Renderer().render(stream(part10(rle, RLE)),
                RenderParameters.defaults(RenderedMediaType.PNG)));
    }

    @Test
    void refusesASegmentThatDecodesShort() throws Exception {
        Attributes rle = image(2, 2, 1, 8, 8, false, "MONOCHROME2", 1);
        TestImages.encapsulate(rle, new byte[0], List.of(rleFrame(packBits(new byte[3]))));

        assertThrows(CannotRenderException.class, () -> new Renderer().render(stream(part10(rle, RLE)),
                RenderParameters.defaults(RenderedMediaType.PNG)));
    }

    private static byte[] pixels(Rendered r) throws Exception {
        var img = decode(r.bytes());
        byte[] out = new byte[img.getWidth() * img.getHeight()];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                out[y * img.getWidth() + x] = (byte) TestImages.gray(img, x, y);
            }
        }
        return out;
    }
}
