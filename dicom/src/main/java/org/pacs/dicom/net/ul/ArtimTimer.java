// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.ul;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Association Request/Reject/Release Timer (PS3.8 §9.1.5): bounds how long a peer may take to
 * send its A-ASSOCIATE-RQ and how long a closing association waits for the transport to close.
 * On expiry it raises Evt18 through the callback.
 */
public final class ArtimTimer {

    private final ScheduledExecutorService scheduler;
    private final Duration timeout;
    private final Runnable onExpiry;
    private final ReentrantLock lock = new ReentrantLock();
    private ScheduledFuture<?> pending;

    public ArtimTimer(ScheduledExecutorService scheduler, Duration timeout, Runnable onExpiry) {
        this.scheduler = scheduler;
        this.timeout = timeout;
        this.onExpiry = onExpiry;
    }

    /** Starts the timer, or restarts it if already running. */
    public void start() {
        lock.lock();
        try {
            cancel();
            pending = scheduler.schedule(() -> Thread.ofVirtual().start(onExpiry), timeout.toNanos(),
                    TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
    }

    public void stop() {
        lock.lock();
        try {
            cancel();
        } finally {
            lock.unlock();
        }
    }

    public boolean isRunning() {
        lock.lock();
        try {
            return pending != null && !pending.isDone();
        } finally {
            lock.unlock();
        }
    }

    private void cancel() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
