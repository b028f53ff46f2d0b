// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * Decodes an RLE Lossless frame (PS3.5 Annex G, transfer syntax 1.2.840.10008.1.2.5) into native
 * pixel bytes: little-endian samples, colour by plane. The frame starts with the RLE Header (segment
 * count and 15 segment offsets, 32-bit little endian); each segment is one byte of one sample, most
 * significant byte first (§G.2), PackBits-encoded (§G.3.1).
 */
final class RleFrameDecoder {
    private static final int HEADER_LENGTH = 64;

    private RleFrameDecoder() {
    }

    /** The native frame, Planar Configuration 1 for three samples. */
    static byte[] decode(byte[] frame, ImageHeader h) throws CannotRenderException {
        int bytesPerSample = h.bitsAllocated() / 8;
        int segments = h.samplesPerPixel() * bytesPerSample;
        if (frame.length < HEADER_LENGTH) {
            throw new CannotRenderException("the RLE frame is shorter than its 64-byte header");
        }
        int count = (int) u32(frame, 0);
        if (count != segments) {
            throw new CannotRenderException("the RLE frame has " + count + " segments where " + h.samplesPerPixel()
                    + " samples of " + h.bitsAllocated() + " bits need " + segments);
        }
        int pixels = h.rows() * h.columns();
        byte[] out = new byte[pixels * segments];
        for (int s = 0; s < segments; s++) {
            long start = u32(frame, 4 + 4 * s);
            long end = s + 1 < segments ? u32(frame, 8 + 4 * s) : frame.length;
            if (start < HEADER_LENGTH || end > frame.length || start > end) {
                throw new CannotRenderException("RLE segment " + (s + 1) + " lies outside the frame");
            }
            int sample = s / bytesPerSample;
            int significance = bytesPerSample - 1 - s % bytesPerSample; // 0 = least significant byte
            unpack(frame, (int) start, (int) end, out, sample * pixels * bytesPerSample + significance, bytesPerSample,
                    pixels);
        }
        return out;
    }

    /** PackBits (§G.3.1) of one segment into every {@code stride}-th byte of {@code out}; the rest is zero. */
    private static void unpack(byte[] in, int p, int end, byte[] out, int first, int stride, int n)
            throws CannotRenderException {
        int produced = 0;
        while (p < end && produced < n) {
            int header = in[p++];
            if (header >= 0) {
                int len = header + 1;
                if (p + len > end) {
                    throw new CannotRenderException("an RLE literal run passes the end of its segment");
                }
                for (int i = 0; i < len && produced < n; i++) {
                    out[first + stride * produced++] = in[p + i];
                }
                p += len;
            } else if (header != -128) {
                if (p >= end) {
                    throw new CannotRenderException("an RLE replicate run passes the end of its segment");
                }
                byte v = in[p++];
                for (int i = 0; i < 1 - header && produced < n; i++) {
                    out[first + stride * produced++] = v;
                }
            }
        }
        if (produced < n) {
            throw new CannotRenderException("an RLE segment decodes to " + produced + " of " + n + " bytes");
        }
    }

    private static long u32(byte[] b, int p) {
        return (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
    }
}
