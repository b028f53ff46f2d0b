// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * While the archive runs it holds the audit trail, so {@code ./pacs metrics token} cannot record a new
 * scrape token itself: this watch reads the token's hash file now and then and tells {@code changed}
 * (which records the audit event) when it differs from what it saw last.
 */
public final class ScrapeTokenWatch implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ScrapeTokenWatch.class.getName());
    private final Thread thread;

    private ScrapeTokenWatch(Thread thread) {
        this.thread = thread;
    }

    public static ScrapeTokenWatch start(Path dataDir, Duration period, Runnable changed) {
        Path file = ScrapeToken.location(dataDir);
        byte[] initial = readAtStart(file);
        Thread t = Thread.ofVirtual().name("pacs-metrics-token-watch").start(() -> {
            byte[] seen = initial;
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(period.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                byte[] now;
                try {
                    now = read(file);
                } catch (IOException e) {
                    // Unreadable for a moment: compare again next time rather than report a change.
                    LOG.log(Level.FINE, "metrics token file unreadable", e);
                    continue;
                }
                if (!Arrays.equals(seen, now)) {
                    seen = now;
                    if (now != null) {
                        changed.run();
                    }
                }
            }
        });
        return new ScrapeTokenWatch(t);
    }

    private static byte[] readAtStart(Path file) {
        try {
            return read(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** The file's bytes, or null when there is no token. */
    private static byte[] read(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
