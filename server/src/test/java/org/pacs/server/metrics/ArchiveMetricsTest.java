// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.archive.ingest.IngestRequest;
import org.pacs.archive.ingest.IngestSource;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.storage.blob.BlobId;
import org.pacs.storage.blob.BlobIdentity;
import org.pacs.storage.blob.BlobRef;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.RewrapListener;
import org.pacs.storage.blob.RewrapReport;
import org.pacs.storage.crypto.KekVersion;

class ArchiveMetricsTest {
    private static final String UID = "1.2.3.4.5";
    private final ArchiveMetrics metrics = new ArchiveMetrics();

    private Exposition scrape() {
        return Exposition.parse(metrics.registry().scrape());
    }

    @Nested
    class Ingest {
        @Test
        void countsTimesAndSizesAStoredInstanceThenTellsTheNextListener() throws IOException {
            MeteredBlobStore blobs = metrics.metering(new ReadingStore());
            List<String> told = new ArrayList<>();
            var listener = metrics.counting(blobs, (request, outcome, patientId) -> told.add(patientId));
            blobs.put(new ByteArrayInputStream(new byte[1234]), BlobIdentity.of(UID));
            listener.ingested(request("DICOM"), new IngestOutcome(0, null, "1.2", "1.2.3"), "PID-1");

            Exposition e = scrape();
            assertEquals(1, e.value("pacs_ingest_instances_total", Map.of("protocol", "dicom", "outcome", "stored")));
            assertEquals(1234, e.value("pacs_ingest_bytes_total", Map.of("protocol", "dicom")));
            assertEquals(1, e.value("pacs_ingest_duration_seconds_count", Map.of("protocol", "dicom")));
            assertEquals(List.of("PID-1"), told);
            assertNull(blobs.claim(UID), "the listener claimed the put");
        }

        @Test
        void namesOutcomesFromTheStatusClassOnly() {
            assertEquals("stored", ArchiveMetrics.outcome(IngestOutcome.SUCCESS));
            assertEquals("duplicate", ArchiveMetrics.outcome(IngestOutcome.ELEMENTS_DISCARDED));
            assertEquals("warning", ArchiveMetrics.outcome(0xB000));
            assertEquals("out_of_resources", ArchiveMetrics.outcome(IngestOutcome.OUT_OF_RESOURCES));
            assertEquals("invalid", ArchiveMetrics.outcome(IngestOutcome.CANNOT_UNDERSTAND));
            assertEquals("invalid", ArchiveMetrics.outcome(IngestOutcome.DATA_SET_DOES_NOT_MATCH_SOP_CLASS));
        }

        @Test
        void mapsUnknownProtocolsToOther() {
            assertEquals("dicomweb", ArchiveMetrics.protocol("DICOMweb"));
            assertEquals("import", ArchiveMetrics.protocol("IMPORT"));
            assertEquals("other", ArchiveMetrics.protocol("Robert'); DROP TABLE"));
        }

        @Test
        void aFailureBeforeTheBlobStoreIsCountedWithoutDuration() {
            var listener = metrics.counting(metrics.metering(new ReadingStore()), (r, o, p) -> { });
            listener.ingested(request("DICOMweb"), new IngestOutcome(IngestOutcome.OUT_OF_RESOURCES, "full", null,
                    null), null);
            Exposition e = scrape();
            assertEquals(1, e.value("pacs_ingest_instances_total",
                    Map.of("protocol", "dicomweb", "outcome", "out_of_resources")));
            assertEquals(0, e.value("pacs_ingest_duration_seconds_count", Map.of("protocol", "dicomweb")));
        }

        @Test
        void forgetsAPutWhoseSenderWentAway() {
            MeteredBlobStore blobs = metrics.metering(new ReadingStore());
            InputStream broken = new InputStream() {
                @Override
                public int read() throws IOException {
                    throw new IOException("peer gone");
                }
            };
            assertThrows(IOException.class, () -> blobs.put(broken, BlobIdentity.of(UID)));
            assertNull(blobs.claim(UID));
        }

        @Test
        void labelsHoldNoUidOrPatientData() throws IOException {
            MeteredBlobStore blobs = metrics.metering(new ReadingStore());
            blobs.put(new ByteArrayInputStream(new byte[10]), BlobIdentity.of(UID));
            metrics.counting(blobs, (r, o, p) -> { }).ingested(request("DICOM"),
                    new IngestOutcome(0, null, "9.8.7", "9.8.7.6"), "DOE^JOHN");
            String text = metrics.registry().scrape();
            assertFalse(text.contains(UID) || text.contains("9.8.7") || text.contains("DOE") || text.contains("MOD1"),
                    text);
        }
    }

    @Nested
    class Dimse {
        @Test
        void countsRequestsByTheStandardsCommandNameAndNothingElse() {
            assertEquals("C-STORE-RQ", ArchiveMetrics.command(org.pacs.dicom.net.dimse.Dimse.C_STORE_RQ));
            assertEquals("N-ACTION-RQ", ArchiveMetrics.command(org.pacs.dicom.net.dimse.Dimse.N_ACTION_RQ));
            assertEquals("other", ArchiveMetrics.command(0x7777));
            assertEquals("other", ArchiveMetrics.command(org.pacs.dicom.net.dimse.Dimse.C_STORE_RSP));
        }
    }

    @Nested
    class Gauges {
        @TempDir
        Path data;

        @Test
        void catalogCountsAreReadAtMostOncePerMaximumAge() {
            AtomicLong reads = new AtomicLong();
            metrics.watchCatalog(() -> reads.incrementAndGet() * 10, () -> 5, Duration.ofMinutes(1));
            scrape();
            Exposition e = scrape();
            assertEquals(1, reads.get());
            assertEquals(10, e.value("pacs_catalog_studies", Map.of()));
            assertEquals(5, e.value("pacs_catalog_instances", Map.of()));
        }

        @Test
        void storageOfTheDataDirectorysFileStore() {
            metrics.watchStorage(data);
            Exposition e = scrape();
            assertTrue(e.value("pacs_storage_free_bytes", Map.of()) > 0);
            assertTrue(e.value("pacs_storage_used_bytes", Map.of()) > 0);
            assertTrue(e.value("pacs_storage_capacity_bytes", Map.of()) >= e.value("pacs_storage_free_bytes", Map.of()));
        }

        @Test
        void httpResponsesByStatusClassAndAssociationsAndAuditAsCounters() {
            metrics.watchHttp(c -> c * 100L);
            metrics.watchAssociations(List.of(() -> 2, () -> 3));
            metrics.watchAuditTrail(() -> 77);
            metrics.associationDecided(true);
            metrics.associationDecided(false);
            metrics.associationDecided(false);
            Exposition e = scrape();
            assertEquals(400, e.value("pacs_http_requests_total", Map.of("status_class", "4xx")));
            assertEquals("counter", e.type.get("pacs_http_requests_total"));
            assertEquals(5, e.value("pacs_dicom_associations_active", Map.of()));
            assertEquals(1, e.value("pacs_dicom_associations_total", Map.of("result", "accepted")));
            assertEquals(2, e.value("pacs_dicom_associations_total", Map.of("result", "rejected")));
            assertEquals(77, e.value("pacs_audit_records_total", Map.of()));
            assertEquals("counter", e.type.get("pacs_audit_records_total"));
        }
    }

    private static IngestRequest request(String protocol) {
        return new IngestRequest("1.2.840.10008.5.1.4.1.1.2", UID, "1.2.840.10008.1.2.1",
                new IngestSource(protocol, "MOD1", "127.0.0.1"));
    }

    /** Reads what it is given and answers a reference to it; nothing else. */
    private static final class ReadingStore implements BlobStore {
        @Override
        public BlobRef put(InputStream content, BlobIdentity identity) throws IOException {
            long n = content.transferTo(java.io.OutputStream.nullOutputStream());
            return new BlobRef(BlobId.random(new SecureRandom()), identity, n, n, "0".repeat(64));
        }

        @Override
        public InputStream open(BlobRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public SeekableByteChannel openChannel(BlobRef ref) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean exists(BlobId id) {
            return false;
        }

        @Override
        public boolean delete(BlobId id) {
            return false;
        }

        @Override
        public void verify(BlobRef ref) {
        }

        @Override
        public RewrapReport rewrapAll(RewrapListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void retireKek(KekVersion version, RewrapListener listener) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
