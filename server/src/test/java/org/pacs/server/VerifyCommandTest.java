// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.BlobLocation;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.server.backup.BackupResponder;
import org.pacs.storage.blob.BlobIdentity;
import org.pacs.storage.blob.BlobRef;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KeyRing;

class VerifyCommandTest {
    @TempDir
    Path tmp;

    Path data;
    /** Blob ids of the catalogued instances, in the order stored. */
    List<String> blobs = new ArrayList<>();

    @BeforeEach
    void archiveWithFourInstances() throws IOException {
        data = tmp.resolve("data");
        Files.createDirectories(data);
        Config config = ConfigLoader.load(data, Map.of());
        try (KeyRing keys = ArchiveKeyRing.open(config).keyRing();
             BlobStore store = EncryptedBlobStore.open(data, keys);
             Catalog catalog = Catalog.open(CatalogConfig.h2(data, ArchiveServer.catalogSecrets(data, keys)).build())) {
            for (int i = 1; i <= 4; i++) {
                String sop = "1.2.3.1.1." + i;
                BlobRef ref = store.put(new ByteArrayInputStream(content(i)), BlobIdentity.of(sop));
                Attributes h = new Attributes();
                h.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
                h.setString(Tags.SOPInstanceUID, VR.UI, sop);
                h.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3.1");
                h.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.3.1.1");
                h.setString(Tags.PatientID, VR.LO, "PID1");
                catalog.writer().record(h, "1.2.840.10008.1.2.1", BlobLocation.of(ref), DuplicatePolicy.KEEP_EXISTING);
                blobs.add(ref.id().value());
            }
        }
    }

    @Nested
    class OnACleanArchive {
        @Test
        void verifiesEveryBlobAndExitsZero() {
            Run run = verify();
            assertEquals(0, run.status, run.toString());
            assertTrue(run.out.contains("summary: 4 verified, 0 damaged, 0 missing, 0 orphans"), run.toString());
            assertTrue(run.out.contains("verified [##############################] 100% 4/4"), "a progress bar: " + run);
        }
    }

    @Nested
    class OnADamagedArchive {
        @Test
        void reportsAFlippedByteADeletedBlobAndAnOrphan() throws IOException {
            flipOneByte(blobFile(blobs.get(0)));
            Files.delete(blobFile(blobs.get(1)));
            String orphan = storeUncatalogued();

            Run run = verify();

            assertEquals(1, run.status, run.toString());
            assertTrue(run.out.contains("DAMAGED: blob " + blobs.get(0)), run.toString());
            assertTrue(run.out.contains("MISSING: blob " + blobs.get(1)), run.toString());
            assertTrue(run.out.contains("orphan:  blob " + orphan), run.toString());
            assertTrue(run.out.contains("summary: 2 verified, 1 damaged, 1 missing, 1 orphans"), run.toString());
            assertFalse(run.out.contains("1.2.3.1.1."), "no SOP Instance UID in the output: " + run);
        }

        @Test
        void passesWithOnlyAnOrphanButNamesIt() throws IOException {
            String orphan = storeUncatalogued();
            Run run = verify();
            assertEquals(0, run.status, run.toString());
            assertTrue(run.out.contains("orphan:  blob " + orphan), run.toString());
        }
    }

    @Nested
    class WhileTheArchiveRuns {
        @Test
        void checksACatalogSnapshotTheArchiveTakesAndReadsBlobsPastItsLock() throws Exception {
            Config config = ConfigLoader.load(data, Map.of());
            // What the running archive holds: the blob store's lock, the catalog and the snapshot responder.
            // (Its key ring is left closed here: one key ring per data directory and process.)
            BlobStore store;
            Catalog catalog;
            try (KeyRing keys = ArchiveKeyRing.open(config).keyRing()) {
                store = EncryptedBlobStore.open(data, keys);
                catalog = Catalog.open(CatalogConfig.h2(data, ArchiveServer.catalogSecrets(data, keys)).build());
            }
            try (store; catalog; BackupResponder responder = BackupResponder.start(data, catalog)) {
                Properties status = new Properties();
                status.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
                new ServerStatusFile(data).write(status);

                Run clean = verify();
                assertEquals(0, clean.status, clean.toString());
                assertTrue(clean.out.contains("The archive is running"), clean.toString());
                assertTrue(clean.out.contains("summary: 4 verified, 0 damaged, 0 missing, 0 orphans"), clean.toString());

                flipOneByte(blobFile(blobs.get(2)));
                Run damaged = verify();
                assertEquals(1, damaged.status, damaged.toString());
                assertTrue(damaged.out.contains("DAMAGED: blob " + blobs.get(2)), damaged.toString());
                try (Stream<Path> run = Files.list(data.resolve("run"))) {
                    assertEquals(List.of("server.status"), run.map(p -> p.getFileName().toString()).toList(),
                            "no scratch or snapshot left in run/");
                }
            }
        }
    }

    @Test
    void readsOnlyAndLeavesNoScratchBehind() throws IOException {
        Map<String, Long> before = listing(data);
        Run run = verify();
        assertEquals(0, run.status, run.toString());
        Map<String, Long> after = listing(data);
        after.keySet().removeIf(p -> p.startsWith("catalog/")); // the embedded database's own files
        before.keySet().removeIf(p -> p.startsWith("catalog/"));
        assertEquals(before, after, "verify changed files outside the catalog database");
    }

    /** Every file under {@code dir} with its size and modification time, by relative path. */
    private static Map<String, Long> listing(Path dir) throws IOException {
        Map<String, Long> m = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.toList()) {
                m.put(dir.relativize(p).toString(), Files.isDirectory(p) ? -1
                        : Files.size(p) * 31 + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    private Run verify() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new VerifyCommand().run(new String[] {"--data", data.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Run(int status, String out, String err) {
    }

    private String storeUncatalogued() throws IOException {
        Config config = ConfigLoader.load(data, Map.of());
        try (KeyRing keys = ArchiveKeyRing.open(config).keyRing(); BlobStore store = EncryptedBlobStore.open(data, keys)) {
            return store.put(new ByteArrayInputStream(content(99)), BlobIdentity.of("1.2.3.9.9.9")).id().value();
        }
    }

    private Path blobFile(String id) throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve(EncryptedBlobStore.BLOBS_DIRECTORY))) {
            return files.filter(p -> p.getFileName().toString().equals(id + ".blob")).findFirst()
                    .orElseThrow(() -> new AssertionError("no file for blob " + id));
        }
    }

    /** One bit flipped in the middle of the ciphertext. */
    private static void flipOneByte(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = ch.size() / 2;
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x10)).rewind();
            ch.write(b, at);
        }
    }

    private static byte[] content(int seed) {
        byte[] b = new byte[64 * 1024];
        new Random(seed).nextBytes(b);
        return b;
    }
}
