// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.backup;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.pacs.archive.catalog.CatalogSecrets;
import org.pacs.storage.crypto.BlobCipher;
import org.pacs.storage.crypto.KeyRing;

/**
 * Writes a consistent, encrypted backup of a data directory (see {@link BackupFormat}), online or not.
 *
 * <p>Consistency: blobs are immutable once written (docs/storage.md: written to a temporary name, then
 * renamed) and the catalog commits a row only after its blob is durable. So the blobs present are
 * copied first; then a catalog snapshot is taken and read back, and the blobs it references that
 * appeared since are copied. A blob written after the first pass and deleted before it could be copied
 * (an instance stored and then replaced during the backup) makes that snapshot useless: it is dropped
 * and another taken, which no longer references it. The backup therefore holds a catalog whose every
 * row has its blob; {@code ./pacs restore} checks that again. The ingest journal is left out: the snapshot
 * follows a forced checkpoint, so every acknowledged object is in it. The audit trail's head marker is
 * copied before its segments, so the copy is at worst a trail with a cut-off last record, which the
 * trail repairs when opened.
 *
 * <pre>{@code
 * BackupWriter.Summary s = new BackupWriter(dataDir, keys).write(snapshot, Path.of("/mnt/usb/pacs.bak"), progress);
 * }</pre>
 */
public final class BackupWriter {
    /** Told the number of files to copy when known, and each one copied. */
    public interface Progress {
        void total(long files);

        void done(long files);
    }

    /** What a backup holds. */
    public record Summary(long blobs, long files, long bytes, Instant catalogSnapshot) {
    }

    private static final int SNAPSHOT_ATTEMPTS = 5;

    private final Path dataDir;
    private final KeyRing keys;
    private final CatalogSecrets secrets;

    /** @param secrets the catalog's passwords, to read the snapshot back before keeping it */
    public BackupWriter(Path dataDir, KeyRing keys, CatalogSecrets secrets) {
        this.dataDir = dataDir;
        this.keys = keys;
        this.secrets = secrets;
    }

    /** Writes the backup to {@code out} (replaced atomically once complete and on the disk). */
    public Summary write(CatalogSnapshot snapshot, Path out, Progress progress) throws IOException {
        byte[] keystore = Files.readAllBytes(keys.keystorePath());
        BlobCipher cipher = keys.newBlobCipher();
        BackupFormat.Header header = BackupFormat.header(keystore,
                keys.seal(cipher, BackupFormat.CONTEXT.getBytes(StandardCharsets.US_ASCII)));
        Path tmp = out.resolveSibling("." + out.getFileName() + ".tmp");
        Counter counter = new Counter(progress);
        Instant snapshotAt;
        Files.deleteIfExists(tmp);
        // Owner-only like the data directory: ciphertext, but nobody else's business.
        Files.createFile(tmp, org.pacs.auth.secrets.AtomicFile.ownerOnlyFile(tmp));
        try (OutputStream file = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            OutputStream buffered = new BufferedOutputStream(file, 1 << 20);
            BackupFormat.write(buffered, header);
            try (OutputStream sealed = cipher.encrypt(nonClosing(buffered), header.associatedData());
                 ZipOutputStream zip = new ZipOutputStream(sealed)) {
                zip.setLevel(Deflater.NO_COMPRESSION); // ciphertext does not compress
                List<Path> others = otherFiles();
                List<Path> blobs = blobFiles();
                progress.total(others.size() + blobs.size() + 1);
                for (Path f : others) {
                    counter.copied(copy(zip, f));
                }
                Set<String> copied = new HashSet<>();
                for (Path b : blobs) {
                    if (counter.blob(copy(zip, b))) {
                        copied.add(idOf(b));
                    }
                }
                snapshotAt = takeConsistentSnapshot(zip, snapshot, copied, counter);
                Properties manifest = new Properties();
                manifest.setProperty("format", "1");
                manifest.setProperty("created", Instant.now().toString());
                manifest.setProperty("catalogSnapshot", snapshotAt.toString());
                manifest.setProperty("blobs", Long.toString(counter.blobs));
                manifest.setProperty("files", Long.toString(counter.files));
                zip.putNextEntry(new ZipEntry(BackupFormat.MANIFEST));
                manifest.store(zip, "./pacs backup");
                zip.closeEntry();
            }
            buffered.flush();
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        recordLastBackup(Instant.now());
        return new Summary(counter.blobs, counter.files, Files.size(out), snapshotAt);
    }

    /**
     * Takes catalog snapshots until one references only blobs the backup holds (copying those that
     * appeared since the first pass), then adds it. A snapshot naming a blob that is gone already (its
     * instance was replaced meanwhile) is dropped and another taken, which no longer names it.
     */
    private Instant takeConsistentSnapshot(ZipOutputStream zip, CatalogSnapshot snapshot, Set<String> copied,
            Counter counter) throws IOException {
        for (int attempt = 1; attempt <= SNAPSHOT_ATTEMPTS; attempt++) {
            Instant at = Instant.now();
            Path snap = snapshot.take();
            try {
                Set<String> referenced = SnapshotContents.referencedBlobIds(snap,
                        dataDir.resolve("run").resolve(snap.getFileName() + ".check"), secrets);
                boolean complete = true;
                for (String id : referenced) {
                    if (!copied.contains(id)) {
                        if (counter.blob(copy(zip, blobPath(id)))) {
                            copied.add(id);
                        } else {
                            complete = false;
                        }
                    }
                }
                if (complete) {
                    counter.copied(copyCatalog(zip, snap));
                    return at;
                }
            } finally {
                Files.deleteIfExists(snap);
            }
        }
        throw new IOException("the catalog kept naming blobs deleted meanwhile in " + SNAPSHOT_ATTEMPTS
                + " snapshots; try again when the archive is quieter");
    }

    /** {@code blobs/ab/cd/<id>.blob} (docs/storage.md). */
    private Path blobPath(String id) {
        return dataDir.resolve("blobs").resolve(id.substring(0, 2)).resolve(id.substring(2, 4)).resolve(id + ".blob");
    }

    private static String idOf(Path blob) {
        String name = blob.getFileName().toString();
        return name.substring(0, name.length() - ".blob".length());
    }

    /** {@code <data>/run/last-backup}: when the last backup completed (ISO-8601), for {@code ./pacs doctor}. */
    private void recordLastBackup(Instant when) throws IOException {
        Path run = dataDir.resolve("run");
        Files.createDirectories(run);
        Path tmp = run.resolve(".last-backup.tmp");
        Files.writeString(tmp, when.toString() + "\n", StandardCharsets.US_ASCII);
        Files.move(tmp, run.resolve("last-backup"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Returns the bytes copied, or -1 if the file went away meanwhile (a deleted blob, a rotated file). */
    private long copy(ZipOutputStream zip, Path f) throws IOException {
        InputStream in;
        try {
            in = Files.newInputStream(f);
        } catch (NoSuchFileException gone) {
            return -1;
        }
        try (in) {
            zip.putNextEntry(new ZipEntry(entryName(f)));
            long n = in.transferTo(zip);
            zip.closeEntry();
            return n;
        }
    }

    /** The database file out of H2's snapshot zip, as {@code catalog/catalog.mv.db}. */
    private long copyCatalog(ZipOutputStream zip, Path snapshot) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(snapshot))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (e.getName().equals("catalog.mv.db")) {
                    zip.putNextEntry(new ZipEntry("catalog/catalog.mv.db"));
                    long n = in.transferTo(zip);
                    zip.closeEntry();
                    return n;
                }
            }
        }
        throw new IOException("the catalog snapshot holds no database file");
    }

    private String entryName(Path f) {
        return dataDir.relativize(f).toString().replace('\\', '/');
    }

    private List<Path> blobFiles() throws IOException {
        Path blobs = dataDir.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(blobs)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".blob") && Files.isRegularFile(p)).sorted()
                    .toList();
        }
    }

    /**
     * Everything else worth restoring: configuration, PKI, AE registry, sealed secrets, the audit trail
     * (its head marker first), the import record. Left out: locks, temporary files, runtime state
     * ({@code run/}), the keystore (in the header), the catalog's live files (the snapshot replaces
     * them) and its journal.
     */
    private List<Path> otherFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dataDir)) {
            s.filter(Files::isRegularFile).filter(this::worthKeeping).forEach(files::add);
        }
        files.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals("head"))
                .thenComparing(Comparator.naturalOrder()));
        return files;
    }

    private boolean worthKeeping(Path p) {
        Path rel = dataDir.relativize(p);
        String top = rel.getName(0).toString();
        String name = p.getFileName().toString();
        if (top.equals("run") || top.equals("blobs")) {
            return false;
        }
        if (name.endsWith(".lock") || name.endsWith(".tmp") || name.startsWith(".")) {
            return false;
        }
        if (top.equals("keys")) {
            return false; // the keystore travels in the header; the rest is a lock
        }
        if (top.equals("catalog")) {
            return name.equals("catalog.secrets");
        }
        return true;
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    private static final class Counter {
        private final Progress progress;
        long files;
        long blobs;

        Counter(Progress progress) {
            this.progress = progress;
        }

        void copied(long bytes) {
            if (bytes >= 0) {
                files++;
            }
            progress.done(files);
        }

        boolean blob(long bytes) {
            copied(bytes);
            if (bytes >= 0) {
                blobs++;
            }
            return bytes >= 0;
        }
    }
}
