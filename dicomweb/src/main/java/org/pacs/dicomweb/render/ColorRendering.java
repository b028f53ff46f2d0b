// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * Native colour frames to 8-bit RGB planes (PS3.3 §C.7.6.3.1.2, §C.7.6.3.1.3): RGB and YBR_FULL with
 * either Planar Configuration, and YBR_FULL_422 (two luminance samples share one chrominance pair).
 * Samples wider than 8 bits keep their 8 most significant stored bits.
 */
final class ColorRendering {
    private ColorRendering() {
    }

    static PixelPlanes planes(byte[] frame, ImageHeader h) throws CannotRenderException {
        int w = h.columns();
        int n = h.rows() * w;
        String pi = h.photometricInterpretation();
        int bytesPerSample = h.bitsAllocated() / 8;
        if (h.frameLength() > frame.length) {
            throw new CannotRenderException("the frame holds " + frame.length + " bytes, fewer than its "
                    + h.rows() + "×" + h.columns() + " pixels need");
        }
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        if ("YBR_FULL_422".equals(pi)) {
            // Per pair of pixels: Y1 Y2 Cb Cr (PS3.3 §C.7.6.3.1.2); an odd last column repeats its chroma pair.
            for (int row = 0; row < h.rows(); row++) {
                for (int col = 0; col < w; col++) {
                    int pair = (row * w + col) / 2 * 4;
                    int y = frame[pair + (col & 1)] & 0xFF;
                    rgb(y, frame[pair + 2] & 0xFF, frame[pair + 3] & 0xFF, row * w + col, r, g, b);
                }
            }
            return new PixelPlanes(w, h.rows(), new byte[][] {r, g, b});
        }
        boolean ybr = "YBR_FULL".equals(pi);
        boolean planar = h.planarConfiguration() == 1;
        for (int i = 0; i < n; i++) {
            int c0 = sample(frame, planar ? i : 3 * i, bytesPerSample, h);
            int c1 = sample(frame, planar ? n + i : 3 * i + 1, bytesPerSample, h);
            int c2 = sample(frame, planar ? 2 * n + i : 3 * i + 2, bytesPerSample, h);
            if (ybr) {
                rgb(c0, c1, c2, i, r, g, b);
            } else {
                r[i] = (byte) c0;
                g[i] = (byte) c1;
                b[i] = (byte) c2;
            }
        }
        return new PixelPlanes(w, h.rows(), new byte[][] {r, g, b});
    }

    private static int sample(byte[] frame, int index, int bytesPerSample, ImageHeader h) {
        if (bytesPerSample == 1) {
            return frame[index] & 0xFF;
        }
        int raw = (frame[2 * index] & 0xFF) | (frame[2 * index + 1] & 0xFF) << 8;
        int stored = (raw >>> (h.highBit() + 1 - h.bitsStored())) & ((1 << h.bitsStored()) - 1);
        return h.bitsStored() > 8 ? stored >>> (h.bitsStored() - 8) : stored;
    }

    /** YCbCr (full range, PS3.3 §C.7.6.3.1.2) to RGB, the inverse of the standard's equations. */
    static void rgb(int y, int cb, int cr, int i, byte[] r, byte[] g, byte[] b) {
        r[i] = clamp(y + 1.402 * (cr - 128));
        g[i] = clamp(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128));
        b[i] = clamp(y + 1.772 * (cb - 128));
    }

    private static byte clamp(double v) {
        long x = Math.round(v);
        return (byte) (x < 0 ? 0 : x > 255 ? 255 : x);
    }
}
