// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * The grayscale pipeline of PS3.4 §N.2 for one frame: stored values → Modality LUT (Rescale
 * Slope/Intercept or a LUT) → VOI (window or LUT) → 8-bit output, inverted for MONOCHROME1 (its minimum
 * is white, PS3.3 §C.7.6.3.1.2). Done through a table indexed by stored value, at most 2^16 entries.
 */
final class GrayscaleRendering {
    private GrayscaleRendering() {
    }

    /**
     * Stored pixel values of a native monochrome frame, sign-extended when Pixel Representation is 1.
     * Bits outside Bits Stored (below High Bit − Bits Stored + 1 and above High Bit) are ignored
     * (PS3.5 §8.1.1), as overlays may once have lived there.
     */
    static int[] storedValues(byte[] frame, ImageHeader h) throws CannotRenderException {
        int n = h.rows() * h.columns();
        int ba = h.bitsAllocated();
        if ((long) n * ba > (long) frame.length * 8) {
            throw new CannotRenderException("the frame holds " + frame.length + " bytes, fewer than its "
                    + h.rows() + "×" + h.columns() + " pixels need");
        }
        int shift = h.highBit() + 1 - h.bitsStored();
        int bs = h.bitsStored();
        int mask = bs >= 32 ? -1 : (1 << bs) - 1;
        int sign = 1 << (bs - 1);
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            int raw = switch (ba) {
                case 1 -> (frame[i >>> 3] >>> (i & 7)) & 1;
                case 8 -> frame[i] & 0xFF;
                case 16 -> (frame[2 * i] & 0xFF) | (frame[2 * i + 1] & 0xFF) << 8;
                default -> throw new CannotRenderException("monochrome pixels of " + ba + " bits allocated are not rendered");
            };
            int s = (raw >>> shift) & mask;
            v[i] = h.signed() && (s & sign) != 0 ? s - (sign << 1) : s;
        }
        return v;
    }

    /**
     * Renders stored values to 8-bit gray.
     *
     * @param requested the request's window, or null for the object's window, else its VOI LUT, else the
     *     frame's full range
     */
    static byte[] render(int[] stored, int bitsStored, boolean signed, PresentationValues pv, Window requested,
            boolean monochrome1) {
        int minStored = signed ? -(1 << (bitsStored - 1)) : 0;
        int size = 1 << bitsStored;
        Window w = requested != null ? requested : pv.window();
        LookupTable voiLut = w == null ? pv.voiLut() : null;
        if (w == null && voiLut == null) {
            w = fullRange(stored, pv);
        }
        byte[] lut = new byte[size];
        for (int i = 0; i < size; i++) {
            double x = pv.modality(i + minStored);
            int y = voiLut != null ? voiLut.apply8(x) : w.apply(x);
            lut[i] = (byte) (monochrome1 ? 255 - y : y);
        }
        byte[] out = new byte[stored.length];
        for (int i = 0; i < stored.length; i++) {
            out[i] = lut[stored[i] - minStored];
        }
        return out;
    }

    /**
     * A LINEAR window whose edges are the frame's smallest and largest modality values: center
     * (min + max + 1) / 2 and width max − min + 1 put min at the bottom edge and max at the top edge of
     * the formula of PS3.3 §C.11.2.1.2.1, so they render as 0 and 255.
     */
    static Window fullRange(int[] stored, PresentationValues pv) {
        int min = Integer.MAX_VALUE;
        int max = Integer.MIN_VALUE;
        for (int s : stored) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        double a = pv.modality(min);
        double b = pv.modality(max);
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);
        return new Window((lo + hi + 1) / 2, hi - lo + 1, VoiFunction.LINEAR);
    }
}
