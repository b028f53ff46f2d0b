// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.pacs.dicom.net.pdu.PresentationDataValue;

/**
 * A data set arriving as PDV fragments, read by a service while the association's reader thread
 * keeps receiving. At most {@code capacity} fragments wait in between: when the consumer is slow
 * the reader stops reading the socket, so TCP pushes back on the peer and memory stays bounded.
 * Closing the stream early discards the rest of the data set.
 */
public final class PDataInputStream extends InputStream {

    private record Chunk(PresentationDataValue pdv, boolean last) {
        int length() {
            return pdv == null ? 0 : pdv.length();
        }
    }

    private static final Chunk FAILED = new Chunk(null, true);

    private final BlockingQueue<Chunk> queue;
    private volatile IOException failure;
    private volatile boolean discarding;
    private Chunk current;
    private int pos;
    private boolean ended;

    public PDataInputStream(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    /** Called by the reader thread for each data fragment; blocks while the queue is full. */
    public void push(PresentationDataValue fragment) throws InterruptedException {
        if (discarding) {
            return;
        }
        queue.put(new Chunk(fragment, fragment.last()));
    }

    /** The association ended before the last fragment: readers get {@code cause}. */
    public void fail(IOException cause) {
        failure = cause;
        queue.clear();
        queue.offer(FAILED);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (current == null || pos == current.length()) {
            if (ended) {
                return -1;
            }
            if (current != null && current.last) {
                ended = true;
                return -1;
            }
            next();
        }
        int n = Math.min(len, current.length() - pos);
        current.pdv().copyTo(pos, b, off, n);
        pos += n;
        return n;
    }

    private void next() throws IOException {
        try {
            current = queue.take();
            pos = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for data");
        }
        if (current == FAILED || failure != null) {
            ended = true;
            throw failure != null ? failure : new IOException("association ended");
        }
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - pos;
    }

    /** Discards what remains, so the reader thread is never left blocked on a full queue. */
    @Override
    public void close() {
        discarding = true;
        queue.clear();
        ended = true;
    }
}
