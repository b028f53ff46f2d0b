// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The snapshot of a running archive's catalog, asked of the archive itself (see {@link BackupResponder}):
 * a request file in {@code <data>/run/}, then a bounded wait for the answer.
 */
public final class ServerCatalogSnapshot implements CatalogSnapshot {
    private final Path run;
    private final Duration pickUp;
    private final Duration finish;

    /**
     * @param pickUp how long the archive may take to notice the request
     * @param finish how long the copy may take once started
     */
    public ServerCatalogSnapshot(Path dataDir, Duration pickUp, Duration finish) {
        this.run = dataDir.resolve("run");
        this.pickUp = pickUp;
        this.finish = finish;
    }

    @Override
    public Path take() throws IOException {
        String id = HexFormat.of().formatHex(OfflineCatalogSnapshot.random(16));
        Files.createDirectories(run);
        Path tmp = run.resolve(".backup.request.tmp");
        Files.writeString(tmp, id, StandardCharsets.US_ASCII);
        Files.move(tmp, run.resolve(BackupResponder.REQUEST), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        Path started = run.resolve("backup-" + id + ".started");
        Path done = run.resolve("backup-" + id + ".done");
        Path failed = run.resolve("backup-" + id + ".failed");
        try {
            long deadline = System.nanoTime() + pickUp.toNanos();
            while (!Files.exists(started) && !Files.exists(done)) {
                if (System.nanoTime() > deadline) {
                    Files.deleteIfExists(run.resolve(BackupResponder.REQUEST));
                    throw new IOException("the running archive did not take up the backup request within "
                            + pickUp.toSeconds() + " s (a version without online backup?): stop the archive and"
                            + " run the backup again");
                }
                pause();
            }
            deadline = System.nanoTime() + finish.toNanos();
            while (!Files.exists(done)) {
                if (Files.exists(failed)) {
                    throw new IOException("the running archive could not copy its catalog ("
                            + Files.readString(failed, StandardCharsets.US_ASCII) + "); see its log");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("the running archive did not finish copying its catalog within "
                            + finish.toMinutes() + " min");
                }
                pause();
            }
            return run.resolve("backup-" + id + ".zip");
        } finally {
            Files.deleteIfExists(started);
            Files.deleteIfExists(done);
            Files.deleteIfExists(failed);
        }
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for the archive");
        }
    }
}
