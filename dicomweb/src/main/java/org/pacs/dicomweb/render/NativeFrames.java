// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.ValueInput;

/**
 * Frames of native Pixel Data (PS3.5 §8.1.1): frame {@code n} is the {@code n}-th run of
 * {@link ImageHeader#frameLengthInBits()} bits, with no padding between frames, so 1-bit frames may start
 * inside a byte. Frames are read in ascending order from the value's stream, skipping what is not wanted.
 */
final class NativeFrames {
    private NativeFrames() {
    }

    /**
     * Reads the collector's frames from the Pixel Data value.
     *
     * @throws FrameNotFoundException a wanted frame lies beyond the value's end
     */
    static void read(ValueInput value, VR vr, ImageHeader header, FrameCollector out) throws IOException, PixelDataException {
        long frameBits = header.frameLengthInBits();
        // OW from Explicit VR Big Endian holds 16-bit words: swap them, counting from the value's start.
        boolean swap = value.bigEndian() && vr == VR.OW;
        if (swap && header.bitsAllocated() == 1) {
            throw new UnsupportedPixelDataException("1-bit pixel data in big-endian OW is not served");
        }
        int[] sorted = out.wanted();
        for (int f : sorted) {
            if (f * frameBits > value.length() * 8) {
                throw new FrameNotFoundException(f, header.numberOfFrames());
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
            out.reserve(to - from);
            byte[] covering = new byte[(int) (to - from)];
            // Consecutive frames may share a byte (1-bit pixels) or a word (odd-length frames in OW).
            int reused = (int) Math.max(0, consumed - from);
            System.arraycopy(last, 2 - reused, covering, 0, reused);
            if (reused == 0) {
                in.skipNBytes(from - consumed);
            }
            if (in.readNBytes(covering, reused, covering.length - reused) != covering.length - reused) {
                throw new FrameNotFoundException(f, header.numberOfFrames());
            }
            consumed = to;
            last[0] = covering.length >= 2 ? covering[covering.length - 2] : last[1];
            last[1] = covering[covering.length - 1];
            if (swap) {
                swapWords(covering);
            }
            int offset = (int) (byteStart - from);
            byte[] frame;
            if (frameBits % 8 == 0 && bitStart % 8 == 0) {
                frame = offset == 0 && covering.length == byteEnd - byteStart
                        ? covering : Arrays.copyOfRange(covering, offset, offset + (int) (byteEnd - byteStart));
            } else {
                frame = shiftBits(covering, (int) (bitStart % 8), frameBits);
            }
            out.accept(f, frame);
        }
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
