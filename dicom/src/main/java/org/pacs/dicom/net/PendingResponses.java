// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.pacs.dicom.net.dimse.DimseMessage;

/**
 * The responses to one request an association sent as SCU, queued by the reader thread. The queue
 * is bounded: a requestor that stops taking C-FIND matches stops the reader, and TCP pushes back.
 */
final class PendingResponses implements Responses {

    private static final int CAPACITY = 64;
    private static final DimseMessage ENDED = new DimseMessage(0, null, null, null);

    private final BlockingQueue<DimseMessage> queue = new ArrayBlockingQueue<>(CAPACITY);
    private volatile IOException failure;

    void offer(DimseMessage m) {
        try {
            queue.put(m);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The association ended: the waiting requestor gets {@code cause}. */
    void fail(IOException cause) {
        failure = cause;
        if (!queue.offer(ENDED)) {
            queue.clear(); // the association is gone; unread responses no longer matter
            queue.offer(ENDED);
        }
    }

    @Override
    public DimseMessage next(Duration timeout) throws IOException {
        DimseMessage m;
        try {
            m = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
        if (m == null) {
            throw new SocketTimeoutException("no DIMSE response within " + timeout);
        }
        if (m == ENDED) {
            throw failure;
        }
        return m;
    }
}
