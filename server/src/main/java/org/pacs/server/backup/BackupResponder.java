// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pacs.archive.catalog.Catalog;

/**
 * The running archive's side of an online backup. {@code ./pacs backup} cannot open the catalog while
 * the archive holds it, so it leaves a request in {@code <data>/run/backup.request} (a random id, no
 * patient data); this watcher, inside the archive, forces the catalog to the disk, runs H2's
 * {@code BACKUP TO run/backup-<id>.zip} (a consistent copy of every committed transaction, still
 * encrypted) and answers with {@code run/backup-<id>.done}, or {@code .failed} holding the reason.
 *
 * <pre>{@code
 * resources.push(BackupResponder.start(dataDir, catalog));   // in the archive, after the catalog opens
 * }</pre>
 */
public final class BackupResponder implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackupResponder.class.getName());
    static final String REQUEST = "backup.request";
    private static final Duration POLL = Duration.ofMillis(250);

    private final Thread watcher;

    private BackupResponder(Thread watcher) {
        this.watcher = watcher;
    }

    /** Starts watching {@code <dataDir>/run} for backup requests; close to stop. */
    public static BackupResponder start(Path dataDir, Catalog catalog) {
        Path run = dataDir.resolve("run");
        Thread t = Thread.ofVirtual().name("pacs-backup-responder").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(POLL);
                    answer(run, catalog);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException | IOException e) {
                    LOG.log(Level.WARNING, "backup request not answered", e);
                }
            }
        });
        return new BackupResponder(t);
    }

    /** Answers a pending request, if any. Package-visible for tests. */
    static void answer(Path run, Catalog catalog) throws IOException {
        Path request = run.resolve(REQUEST);
        if (!Files.exists(request)) {
            return;
        }
        String id = Files.readString(request, StandardCharsets.US_ASCII).strip();
        Files.deleteIfExists(request);
        if (!id.matches("[0-9a-f]{16,64}")) {
            LOG.warning("ignored a backup request with a malformed id");
            return;
        }
        marker(run, id, "started", "");
        Path target = run.resolve("backup-" + id + ".zip");
        try {
            catalog.checkpoint();
            catalog.read(s -> {
                s.doWork(c -> {
                    try (var st = c.createStatement()) {
                        st.execute("BACKUP TO '" + target.toAbsolutePath().toString().replace("'", "''") + "'");
                    }
                });
                return null;
            });
            marker(run, id, "done", "");
            LOG.info("catalog snapshot taken for ./pacs backup");
        } catch (RuntimeException e) {
            Files.deleteIfExists(target);
            marker(run, id, "failed", e.getClass().getSimpleName());
            LOG.log(Level.WARNING, "catalog snapshot for ./pacs backup failed", e);
        }
    }

    private static void marker(Path run, String id, String state, String text) throws IOException {
        Path tmp = run.resolve(".backup-" + id + "." + state + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        Files.move(tmp, run.resolve("backup-" + id + "." + state), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void close() {
        watcher.interrupt();
    }
}
