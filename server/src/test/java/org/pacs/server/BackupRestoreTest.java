// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.BlobLocation;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.archive.ingest.IngestJournal;
import org.pacs.archive.ingest.IngestListener;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.archive.ingest.IngestRequest;
import org.pacs.archive.ingest.IngestSource;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.io.DataSetWriter;
import org.pacs.dicom.io.TransferSyntax;
import org.pacs.server.backup.BackupResponder;
import org.pacs.server.backup.BackupWriter;
import org.pacs.server.backup.ServerCatalogSnapshot;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KeyRing;

class BackupRestoreTest {
    @TempDir
    Path tmp;
    TestArchive archive;
    Path backup;

    @BeforeEach
    void archiveWithAStudy() throws IOException {
        archive = new TestArchive(tmp.resolve("data"));
        for (int i = 1; i <= 3; i++) {
            TestArchive.write(tmp.resolve("in/" + i + ".dcm"), TestArchive.ct("PID-BK", "Backup^Betty", "1.2.7.1",
                    "1.2.7.1.1", "1.2.7.1.1." + i, i));
        }
        assertEquals(0, archive.run("import", tmp.resolve("in").toString()).status());
        backup = tmp.resolve("offsite/pacs.bak");
        Files.createDirectories(backup.getParent());
    }

    private Path secretFile() {
        return ArchiveKeyRing.defaultSecretFile(archive.data);
    }

    /** Restores into {@code dir} with the original's secret, and gives it that secret beside it. */
    private TestArchive.Run restore(Path dir) throws IOException {
        TestArchive restored = new TestArchive(dir, false);
        Files.deleteIfExists(dir); // an empty directory is fine too; start from none
        TestArchive.Run run = restored.run("restore", backup.toString(), "--kek-secret-file", secretFile().toString());
        if (run.status() == 0) {
            Files.copy(secretFile(), ArchiveKeyRing.defaultSecretFile(dir));
        }
        return run;
    }

    /** SOP Instance UID to the stored object's bytes. */
    static Map<String, byte[]> storedObjects(TestArchive a) throws IOException {
        Config config = a.config();
        Map<String, byte[]> out = new HashMap<>();
        try (KeyRing keys = ArchiveKeyRing.open(config).keyRing();
             BlobStore blobs = EncryptedBlobStore.open(a.data, keys);
             Catalog catalog = Catalog.open(CatalogConfig.h2(a.data, ArchiveServer.catalogSecrets(a.data, keys)).build())) {
            List<BlobLocation> all = catalog.read(s -> s.createSelectionQuery("select i.blob from Instance i",
                    BlobLocation.class).getResultList());
            for (BlobLocation b : all) {
                try (InputStream in = blobs.open(b.toBlobRef())) {
                    out.put(b.identity(), in.readAllBytes());
                }
            }
        }
        return out;
    }

    @Nested
    class OfStoppedArchive {
        @Test
        void restoresTheSameObjectsIntoANewDirectory() throws IOException {
            TestArchive.Run made = archive.run("backup", "--out", backup.toString());
            assertEquals(0, made.status(), made::toString);
            assertTrue(made.out().contains("NOT the KEK secret"), made::toString);

            TestArchive.Run run = restore(tmp.resolve("restored"));

            assertEquals(0, run.status(), run::toString);
            assertTrue(run.out().contains("1 patients, 1 studies, 3 instances"), run::toString);
            assertTrue(run.out().contains("every instance's blob decrypts"), run::toString);
            Map<String, byte[]> original = storedObjects(archive);
            Map<String, byte[]> restored = storedObjects(new TestArchive(tmp.resolve("restored")));
            assertEquals(original.keySet(), restored.keySet());
            for (String uid : original.keySet()) {
                assertArrayEquals(original.get(uid), restored.get(uid), uid);
            }
        }

        @Test
        void holdsOnlyCiphertextAndNotTheSecret() throws IOException {
            archive.run("backup", "--out", backup.toString());

            String bytes = new String(Files.readAllBytes(backup), StandardCharsets.ISO_8859_1);
            String secret = Files.readString(secretFile()).strip();
            for (String plain : List.of("Backup^Betty", "PID-BK", "1.2.7.1", "catalog.mv.db", "pacs.yaml", "DICM",
                    "ae-registry", "dicomTlsPort", secret)) {
                assertFalse(bytes.contains(plain), "the backup shows " + plain);
            }
        }

        @Test
        void recordsWhenTheLastBackupWasTakenForDoctor() throws IOException {
            Instant before = Instant.now().minusSeconds(1);
            archive.run("backup", "--out", backup.toString());

            Instant last = Instant.parse(Files.readString(archive.data.resolve("run/last-backup")).strip());
            assertTrue(!last.isBefore(before), last::toString);
        }
    }

    @Nested
    class RestoreRefuses {
        @BeforeEach
        void makeBackup() {
            assertEquals(0, archive.run("backup", "--out", backup.toString()).status());
        }

        @Test
        void aDirectoryThatIsNotEmpty() throws IOException {
            Path dir = tmp.resolve("busy");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("keep.txt"), "mine");

            TestArchive.Run run = new TestArchive(dir, false).run("restore", backup.toString(), "--kek-secret-file",
                    secretFile().toString());

            assertEquals(1, run.status());
            assertTrue(run.err().contains("not empty"), run::toString);
            assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
        }

        @Test
        void withoutTheRightSecret() throws IOException {
            Path wrong = tmp.resolve("wrong.secret");
            Files.writeString(wrong, "not-the-secret-of-this-archive-at-all");

            TestArchive.Run run = new TestArchive(tmp.resolve("r1"), false).run("restore", backup.toString(),
                    "--kek-secret-file", wrong.toString());

            assertEquals(1, run.status());
            assertTrue(run.err().contains("KEK secret"), run::toString);
        }

        @Test
        void aBackupCutShort() throws IOException {
            byte[] all = Files.readAllBytes(backup);
            Files.write(backup, java.util.Arrays.copyOf(all, all.length - 100));

            assertEquals(1, restore(tmp.resolve("r2")).status());
        }

        @Test
        void aBackupWithOneByteChanged() throws IOException {
            byte[] all = Files.readAllBytes(backup);
            all[all.length / 2] ^= 1;
            Files.write(backup, all);

            assertEquals(1, restore(tmp.resolve("r3")).status());
        }
    }

    /**
     * The online path without a process boundary: the archive's parts open here, its {@link BackupResponder}
     * answering, objects stored through the ingest path throughout the backup.
     */
    @Nested
    class WhileTheArchiveStores {
        @Test
        void everyInstanceInTheSnapshotHasItsBlobInTheBackup() throws Exception {
            Config config = archive.config();
            AtomicInteger stored = new AtomicInteger();
            try (KeyRing keys = ArchiveKeyRing.open(config).keyRing();
                 BlobStore blobs = EncryptedBlobStore.open(archive.data, keys);
                 Catalog catalog = Catalog.open(CatalogConfig.h2(archive.data,
                         ArchiveServer.catalogSecrets(archive.data, keys)).build());
                 IngestJournal journal = IngestJournal.open(archive.data.resolve("catalog"));
                 BackupResponder responder = BackupResponder.start(archive.data, catalog)) {
                IngestPipeline ingest = new IngestPipeline(blobs, catalog, DuplicatePolicy.REPLACE,
                        IngestListener.none(), journal);
                AtomicBoolean stop = new AtomicBoolean();
                List<Throwable> failures = new ArrayList<>();
                Thread modality = Thread.ofVirtual().start(() -> {
                    try {
                        for (int i = 100; !stop.get(); i++) {
                            // New instances, and replacements of the last one: blobs come and go meanwhile.
                            int n = i % 3 == 0 ? i - 1 : i;
                            Attributes ds = TestArchive.ct("PID-ON", "Online^Olli", "1.2.8.1", "1.2.8.1.1",
                                    "1.2.8.1.1." + n, n);
                            ByteArrayOutputStream b = new ByteArrayOutputStream();
                            new DataSetWriter(b, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(ds);
                            IngestOutcome o = ingest.ingest(new IngestRequest(TestArchive.CT, "1.2.8.1.1." + n,
                                    TestArchive.EXPLICIT_LE, new IngestSource("TEST", "MOD", "127.0.0.1")),
                                    new ByteArrayInputStream(b.toByteArray()));
                            assertEquals(IngestOutcome.SUCCESS, o.status(), o::toString);
                            stored.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                });
                try {
                    while (stored.get() < 5) {
                        Thread.sleep(10);
                    }
                    BackupWriter.Summary s = new BackupWriter(archive.data, keys,
                            ArchiveServer.catalogSecrets(archive.data, keys)).write(
                            new ServerCatalogSnapshot(archive.data, Duration.ofSeconds(10), Duration.ofMinutes(2)),
                            backup, new BackupWriter.Progress() {
                                @Override
                                public void total(long files) {
                                }

                                @Override
                                public void done(long files) {
                                }
                            });
                    assertTrue(s.blobs() >= 8, s::toString);
                } finally {
                    stop.set(true);
                    modality.join(30_000);
                }
                assertEquals(List.of(), failures);
            }

            TestArchive.Run run = restore(tmp.resolve("restored"));

            assertEquals(0, run.status(), run::toString);
            assertTrue(run.out().contains("every instance's blob decrypts"), run::toString);
        }

        @Test
        void saysSoWhenTheRunningArchiveDoesNotAnswer() {
            IOException e = assertThrows(IOException.class, () -> new ServerCatalogSnapshot(archive.data,
                    Duration.ofSeconds(1), Duration.ofSeconds(5)).take());

            assertTrue(e.getMessage().contains("did not take up the backup request"), e::getMessage);
            assertFalse(Files.exists(archive.data.resolve("run/backup.request")), "the request is withdrawn");
        }
    }
}
