// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A deflated data set as it must travel (PS3.5 §A.5): a deflated bit stream of odd length gets a single
 * trailing NUL byte. Files may hold it unpadded; C-STORE senders pad it (as DCMTK's storescu does), so
 * an imported object is stored exactly as it would have been received.
 */
final class PadToEven extends FilterInputStream {
    private long count;
    private boolean padded;

    PadToEven(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (padded) {
            return -1;
        }
        int n = super.read(b, off, len);
        if (n > 0) {
            count += n;
            return n;
        }
        if (n < 0 && (count & 1) == 1) {
            padded = true;
            b[off] = 0;
            return 1;
        }
        return n;
    }

    /** Skips by reading, so that the count (and so the pad) stays right. */
    @Override
    public long skip(long n) throws IOException {
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 0))];
        long skipped = 0;
        while (skipped < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public int available() throws IOException {
        return padded ? 0 : super.available();
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}
