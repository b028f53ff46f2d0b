// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.ByteArrayInputStream;

/**
 * A buffered input that counts its position, reads numbers in the transfer syntax's byte order, can
 * peek ahead, and turns every premature end into a {@link DicomException} with the offset.
 */
final class DicomInput {
    private final InputStream in;
    private final byte[] buf;
    private int bpos;
    private int blen;
    private long pos;
    private final long end;
    private boolean bigEndian;

    /**
     * @param start the offset of the first byte of {@code in} (for messages and file references)
     * @param end the offset just past the last byte, or {@link Long#MAX_VALUE} if unknown
     */
    DicomInput(InputStream in, long start, long end) {
        this.in = in;
        this.buf = new byte[64 * 1024];
        this.pos = start;
        this.end = end;
    }

    long position() {
        return pos;
    }

    /** Bytes known to remain, or {@link Long#MAX_VALUE} if the input's length is unknown. */
    long remaining() {
        return end == Long.MAX_VALUE ? Long.MAX_VALUE : end - pos;
    }

    boolean lengthKnown() {
        return end != Long.MAX_VALUE;
    }

    void bigEndian(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /** Makes up to {@code n} bytes (n ≤ buffer size) available; returns how many are. */
    private int fill(int n) throws IOException {
        if (blen - bpos >= n) {
            return blen - bpos;
        }
        if (bpos > 0) {
            System.arraycopy(buf, bpos, buf, 0, blen - bpos);
            blen -= bpos;
            bpos = 0;
        }
        while (blen < n) {
            int r = in.read(buf, blen, buf.length - blen);
            if (r < 0) {
                break;
            }
            blen += r;
        }
        return blen - bpos;
    }

    /** True if no byte is left. */
    boolean atEnd() throws IOException {
        return fill(1) == 0;
    }

    /** Copies up to {@code n} bytes ahead without consuming them; returns how many were copied. */
    int peek(byte[] dst, int n) throws IOException {
        int a = Math.min(fill(n), n);
        System.arraycopy(buf, bpos, dst, 0, a);
        return a;
    }

    int u8() throws IOException {
        need(1);
        pos++;
        return buf[bpos++] & 0xFF;
    }

    int u16() throws IOException {
        need(2);
        int b0 = buf[bpos] & 0xFF;
        int b1 = buf[bpos + 1] & 0xFF;
        bpos += 2;
        pos += 2;
        return bigEndian ? (b0 << 8) | b1 : (b1 << 8) | b0;
    }

    /** Two bytes as written, high byte first: for VR codes, which are not numbers. */
    int u16BigEndian() throws IOException {
        need(2);
        int v = ((buf[bpos] & 0xFF) << 8) | (buf[bpos + 1] & 0xFF);
        bpos += 2;
        pos += 2;
        return v;
    }

    long u32() throws IOException {
        int hi;
        int lo;
        if (bigEndian) {
            hi = u16();
            lo = u16();
        } else {
            lo = u16();
            hi = u16();
        }
        return ((long) hi << 16) | lo;
    }

    int tag() throws IOException {
        int group = u16();
        int element = u16();
        return (group << 16) | element;
    }

    private void need(int n) throws IOException {
        if (fill(n) < n) {
            throw new DicomException(pos, "truncated: needed " + n + " more bytes, input ended");
        }
    }

    void readFully(byte[] dst, int off, int len) throws IOException {
        while (len > 0) {
            int a = blen - bpos;
            if (a == 0) {
                if (len >= buf.length) {
                    int r = in.read(dst, off, len);
                    if (r < 0) {
                        throw new DicomException(pos, "truncated: needed " + len + " more bytes, input ended");
                    }
                    off += r;
                    len -= r;
                    pos += r;
                    continue;
                }
                a = fill(1);
                if (a == 0) {
                    throw new DicomException(pos, "truncated: needed " + len + " more bytes, input ended");
                }
            }
            int n = Math.min(a, len);
            System.arraycopy(buf, bpos, dst, off, n);
            bpos += n;
            pos += n;
            off += n;
            len -= n;
        }
    }

    /** Reads up to {@code len} bytes (at least one unless at end); -1 at end. */
    int readSome(byte[] dst, int off, int len) throws IOException {
        if (blen - bpos == 0 && fill(1) == 0) {
            return -1;
        }
        int n = Math.min(blen - bpos, len);
        System.arraycopy(buf, bpos, dst, off, n);
        bpos += n;
        pos += n;
        return n;
    }

    void skipFully(long n) throws IOException {
        long left = n;
        int a = Math.min(blen - bpos, (int) Math.min(left, Integer.MAX_VALUE));
        bpos += a;
        pos += a;
        left -= a;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) {
                    throw new DicomException(pos, "truncated: needed " + left + " more bytes, input ended");
                }
                s = 1;
            }
            left -= s;
            pos += s;
        }
    }

    /** The unread bytes (buffered ones first) as one stream, for switching to an inflating reader. */
    InputStream remainder() {
        byte[] rest = java.util.Arrays.copyOfRange(buf, bpos, blen);
        bpos = blen;
        return new SequenceInputStream(new ByteArrayInputStream(rest), in);
    }
}
