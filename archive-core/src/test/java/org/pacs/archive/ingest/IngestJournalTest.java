// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.CatalogSecrets;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KdfParameters;
import org.pacs.storage.crypto.KekSecret;
import org.pacs.storage.crypto.KekSecretSource;
import org.pacs.storage.crypto.KeyRing;

/** An acknowledged object survives a catalog that lost its last commits (a crash within H2's write delay). */
class IngestJournalTest {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";

    @TempDir
    Path dir;
    private KeyRing keyRing;
    private BlobStore blobs;

    @BeforeEach
    void open() throws IOException {
        KekSecret secret = KekSecret.of("a test secret that is long enough");
        keyRing = KeyRing.open(dir, new KekSecretSource() {
            @Override
            public Optional<KekSecret> read(Path dataDirectory) {
                return Optional.of(secret);
            }

            @Override
            public String description() {
                return "test secret";
            }
        }, new KdfParameters(1024, 1, 1)).keyRing();
        blobs = EncryptedBlobStore.open(dir, keyRing);
    }

    @AfterEach
    void close() throws IOException {
        blobs.close();
        keyRing.close();
    }

    private Catalog catalog(String name) {
        return Catalog.open(CatalogConfig.h2(dir.resolve(name), CatalogSecrets.generate(new SecureRandom())).build());
    }

    private static IngestOutcome store(IngestPipeline p, String iuid) throws IOException {
        return p.ingest(new IngestRequest(CT, iuid, "1.2.840.10008.1.2.1", IngestSource.dicom("CT1", "127.0.0.1")),
                new ByteArrayInputStream(IngestPipelineTest.encode(IngestPipelineTest.ct(iuid, 4096))));
    }

    @Test
    void objectsTheCatalogLostAreRecordedAgainFromTheJournal() throws IOException {
        try (IngestJournal journal = IngestJournal.open(dir.resolve("journal"));
             Catalog before = catalog("first")) {
            IngestPipeline p = new IngestPipeline(blobs, before, DuplicatePolicy.KEEP_EXISTING, IngestListener.none(),
                    journal);
            assertEquals(IngestOutcome.SUCCESS, store(p, "1.2.3.100.1.1").status());
            assertEquals(IngestOutcome.SUCCESS, store(p, "1.2.3.100.1.2").status());
        }
        // A catalog without those commits stands for one whose file never received them.
        try (IngestJournal journal = IngestJournal.open(dir.resolve("journal"));
             Catalog after = catalog("second")) {
            IngestPipeline p = new IngestPipeline(blobs, after, DuplicatePolicy.KEEP_EXISTING, IngestListener.none(),
                    journal);
            assertEquals(0, after.countInstances());
            assertEquals(2, p.recover());
            assertEquals(2, after.findInstances(QueryRetrieveLevel.STUDY, "1.2.3.100").size());
            assertTrue(journal.entries().isEmpty(), "the checkpoint after recovery forgets what the catalog holds");
            assertEquals(0, p.recover());
        }
    }

    @Test
    void aCheckpointForgetsOnlyWhatTheCatalogHolds() throws IOException {
        try (IngestJournal journal = IngestJournal.open(dir.resolve("journal")); Catalog c = catalog("c")) {
            IngestPipeline p = new IngestPipeline(blobs, c, DuplicatePolicy.KEEP_EXISTING, IngestListener.none(),
                    journal);
            store(p, "1.2.3.100.1.3");
            assertEquals(1, journal.entries().size());
            p.checkpoint();
            assertTrue(journal.entries().isEmpty());
            store(p, "1.2.3.100.1.4");
            assertEquals(1, journal.entries().size());
        }
    }

    @Test
    void aLineTornByACrashIsIgnored() throws IOException {
        try (IngestJournal journal = IngestJournal.open(dir.resolve("journal")); Catalog c = catalog("c")) {
            IngestPipeline p = new IngestPipeline(blobs, c, DuplicatePolicy.KEEP_EXISTING, IngestListener.none(),
                    journal);
            store(p, "1.2.3.100.1.5");
            Files.writeString(dir.resolve("journal").resolve(IngestJournal.FILE), "0123abcd 1.2.3 12",
                    StandardCharsets.US_ASCII, StandardOpenOption.APPEND);
            assertEquals(1, journal.entries().size());
        }
    }
}
