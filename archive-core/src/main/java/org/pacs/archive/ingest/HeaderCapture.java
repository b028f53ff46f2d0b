// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Passes a stream through while keeping a copy of its first bytes, up to a cap: the data set's header
 * is parsed from that copy after the whole object has streamed into the blob store, so the object is
 * read from the network once and never held whole in memory.
 */
final class HeaderCapture extends FilterInputStream {
    private byte[] captured = new byte[8192];
    private int length;
    private final int cap;
    private boolean overflowed;

    HeaderCapture(InputStream in, int cap) {
        super(in);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            keep(new byte[] {(byte) b}, 0, 1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            keep(b, off, n);
        }
        return n;
    }

    private void keep(byte[] b, int off, int n) {
        int room = cap - length;
        if (room <= 0) {
            overflowed = true;
            return;
        }
        int take = Math.min(room, n);
        if (take < n) {
            overflowed = true;
        }
        if (length + take > captured.length) {
            captured = Arrays.copyOf(captured, Math.min(cap, Math.max(captured.length * 2, length + take)));
        }
        System.arraycopy(b, off, captured, length, take);
        length += take;
    }

    /** The first bytes seen (all of them if the stream was shorter than the cap). */
    byte[] captured() {
        return Arrays.copyOf(captured, length);
    }

    /** True if the stream was longer than the cap. */
    boolean overflowed() {
        return overflowed;
    }
}
