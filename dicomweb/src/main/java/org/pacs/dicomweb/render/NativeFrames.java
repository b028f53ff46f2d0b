// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/** Byte-level helpers for frames of native Pixel Data (PS3.5 §8.1.1, §8.2, Annex D). */
final class NativeFrames {
    private NativeFrames() {
    }

    /**
     * Moves a run of {@code bits} bits that starts {@code shift} bits into {@code covering} to the start
     * of a new array. With Bits Allocated 1 the first pixel is the least significant bit of a byte
     * (PS3.5 §8.1.1), so a frame that starts mid-byte is shifted right; the unused high bits of the last
     * byte are zero.
     */
    static byte[] shiftBits(byte[] covering, int shift, long bits) {
        byte[] out = new byte[(int) ((bits + 7) / 8)];
        for (int i = 0; i < out.length; i++) {
            int lo = (covering[i] & 0xFF) >>> shift;
            int hi = i + 1 < covering.length ? (covering[i + 1] & 0xFF) << (8 - shift) : 0;
            out[i] = (byte) (lo | hi);
        }
        int tail = (int) (bits % 8);
        if (tail != 0) {
            out[out.length - 1] &= (byte) ((1 << tail) - 1);
        }
        return out;
    }

    /** Swaps the bytes of each 16-bit word: OW read from Explicit VR Big Endian to little endian. */
    static void swapWords(byte[] b) {
        for (int i = 0; i + 1 < b.length; i += 2) {
            byte t = b[i];
            b[i] = b[i + 1];
            b[i + 1] = t;
        }
    }
}
