// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.pacs.archive.catalog.BlobLocation;

/**
 * The promise behind every "Success": before an ingest answers, the stored object's blob reference is
 * appended here and forced to the disk. The embedded catalog writes a commit to its file within about
 * half a second, so a process killed in that window would lose a row it had acknowledged; at the next
 * start the entries the catalog lacks are recorded again ({@link IngestPipeline#recover}).
 * {@link #checkpoint} forces the catalog to the disk and then forgets the entries written before it.
 *
 * <p>One line per object: blob id, identity (the SOP Instance UID, no patient data), sizes, digest
 * and transfer syntax, separated by spaces.
 */
public final class IngestJournal implements AutoCloseable {
    static final String FILE = "ingest.journal";
    static final String ROTATED = "ingest.journal.old";

    /** One journaled object. */
    public record Entry(BlobLocation blob, String transferSyntaxUid) {
    }

    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    /** Taken before {@link #lock} when both are needed; serializes fsyncs. */
    private final ReentrantLock forceLock = new ReentrantLock();
    private FileChannel channel;
    private long written;
    /** Entries appended since open (guarded by lock) and forced to the disk (guarded by forceLock). */
    private long appended;
    private long forced;

    private IngestJournal(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        this.channel = appendTo(dir.resolve(FILE));
    }

    /** Opens (creating) the journal in {@code dir}. */
    public static IngestJournal open(Path dir) throws IOException {
        return new IngestJournal(dir);
    }

    private static FileChannel appendTo(Path file) throws IOException {
        return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    }

    /**
     * Appends an entry and forces it to the disk; returns only once it is durable. Appenders that arrive
     * while a force runs share the next one (group commit), so parallel associations do not queue for
     * one fsync each.
     */
    public void append(BlobLocation blob, String transferSyntaxUid) throws IOException {
        String line = String.join(" ", blob.blobId(), blob.identity(), Long.toString(blob.size()),
                Long.toString(blob.storedSize()), blob.sha256(), transferSyntaxUid) + "\n";
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
        long mine;
        lock.lock();
        try {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            written++;
            mine = ++appended;
        } finally {
            lock.unlock();
        }
        forceUpTo(mine);
    }

    private void forceUpTo(long sequence) throws IOException {
        forceLock.lock();
        try {
            if (forced >= sequence) {
                return; // another appender's force covered this entry
            }
            FileChannel target;
            long upTo;
            lock.lock();
            try {
                target = channel;
                upTo = appended;
            } finally {
                lock.unlock();
            }
            try {
                target.force(false);
            } catch (java.nio.channels.ClosedChannelException rotated) {
                // checkpoint() or close() closed the file after this entry was written; both force it
                // before closing, under the lock this entry was written under.
            }
            forced = upTo;
        } finally {
            forceLock.unlock();
        }
    }

    /** Entries written since the last completed checkpoint, oldest first; a torn last line is skipped. */
    public List<Entry> entries() throws IOException {
        List<Entry> out = new ArrayList<>();
        for (Path file : List.of(dir.resolve(ROTATED), dir.resolve(FILE))) {
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                String[] f = line.split(" ");
                if (f.length != 6) {
                    continue;
                }
                try {
                    out.add(new Entry(new BlobLocation(f[0], f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), f[4]),
                            f[5]));
                } catch (IllegalArgumentException torn) {
                    // a line cut by a crash mid-append was never acknowledged
                }
            }
        }
        return out;
    }

    /**
     * Forgets the entries written so far, once {@code syncCatalog} has made the catalog durable: the
     * journal is rotated first, so entries appended meanwhile survive in the new file.
     */
    public void checkpoint(Runnable syncCatalog) throws IOException {
        lock.lock();
        try {
            if (Files.exists(dir.resolve(ROTATED))) {
                // A checkpoint that did not finish: make its entries safe before rotating over them.
                syncCatalog.run();
                Files.delete(dir.resolve(ROTATED));
            }
            if (written == 0 && Files.size(dir.resolve(FILE)) == 0) {
                return;
            }
            channel.force(false);
            channel.close();
            Files.move(dir.resolve(FILE), dir.resolve(ROTATED), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            channel = appendTo(dir.resolve(FILE));
            written = 0;
        } finally {
            lock.unlock();
        }
        syncCatalog.run();
        Files.deleteIfExists(dir.resolve(ROTATED));
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (channel.isOpen()) {
                channel.force(false); // an appender still waiting for its force is covered (see forceUpTo)
            }
            channel.close();
        } finally {
            lock.unlock();
        }
    }
}
