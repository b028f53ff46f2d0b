// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.dimse;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Fragments a command or data set into PDVs no larger than the peer accepts (PS3.8 §9.3.5,
 * Annex E.2): each full buffer is sent as it fills; {@link #close()} sends the last fragment. The
 * buffer is the only copy held, so a data set of any size streams through in bounded memory.
 */
public final class PDataOutputStream extends OutputStream {

    private final PDataSink sink;
    private final int contextId;
    private final boolean command;
    private final byte[] buf;
    private int count;
    private boolean closed;

    /**
     * @param maxFragment the most data one PDV may carry: the peer's maximum PDU length less the
     *                    6-byte PDV item header
     */
    public PDataOutputStream(PDataSink sink, int contextId, boolean command, int maxFragment) {
        if (maxFragment < 2) {
            throw new IllegalArgumentException("fragment size " + maxFragment);
        }
        this.sink = sink;
        this.contextId = contextId;
        this.command = command;
        this.buf = new byte[maxFragment];
    }

    @Override
    public void write(int b) throws IOException {
        if (count == buf.length) {
            sendFull();
        }
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (count == buf.length) {
                sendFull();
            }
            int n = Math.min(len, buf.length - count);
            System.arraycopy(b, off, buf, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    private void sendFull() throws IOException {
        // Only sent once more data follows, so the last fragment is never an empty PDV.
        sink.sendPdv(contextId, command, false, buf, 0, count);
        count = 0;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            sink.sendPdv(contextId, command, true, buf, 0, count);
        }
    }
}
