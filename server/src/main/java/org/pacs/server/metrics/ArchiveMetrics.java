// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import org.pacs.archive.ingest.IngestListener;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.dicom.net.RequestHandler;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.storage.blob.BlobStore;

/**
 * The archive's metrics, fed from the hooks the running archive already has: the ingest listener, the
 * ingest path's blob store, the DIMSE request handler, the association policy, the TLS handshake
 * listener; gauges read the data directory's file store, the catalog (at most once a minute), the
 * audit trail and the web listener when scraped. Every label value comes from a fixed vocabulary.
 */
public final class ArchiveMetrics {
    /** Seconds from the first byte of an object to its outcome: a DICOM modality's usual range. */
    private static final double[] INGEST_BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
    private static final List<String> PROTOCOLS = List.of("dicom", "dicomweb", "import", "other");
    private static final List<String> OUTCOMES = List.of("stored", "duplicate", "warning", "out_of_resources",
            "invalid");

    private final MetricRegistry registry = new MetricRegistry();
    private final Counter ingested = registry.counter("pacs_ingest_instances_total",
            "Instances received for storage, by protocol and outcome (stored, duplicate, warning,"
                    + " out_of_resources, invalid)", "protocol", "outcome");
    private final Counter ingestedBytes = registry.counter("pacs_ingest_bytes_total",
            "Bytes of received instances that reached the blob store (Part 10 encoded, before encryption)",
            "protocol");
    private final Histogram ingestDuration = registry.histogram("pacs_ingest_duration_seconds",
            "Seconds from an instance's first byte to its outcome (includes the transfer)", INGEST_BUCKETS,
            "protocol");
    private final Counter associations = registry.counter("pacs_dicom_associations_total",
            "DICOM association requests decided by the access policy, by result", "result");
    private final Counter handshakeFailures = registry.counter("pacs_tls_handshake_failures_total",
            "TLS handshakes refused on the DICOM listeners (no or untrusted client certificate, old protocol)");
    private final Counter dimseRequests = registry.counter("pacs_dimse_requests_total",
            "DIMSE requests received, by command", "command");

    public ArchiveMetrics() {
        for (String p : PROTOCOLS) {
            for (String o : OUTCOMES) {
                ingested.initialize(p, o);
            }
            ingestedBytes.initialize(p);
        }
        associations.initialize("accepted").initialize("rejected");
        handshakeFailures.initialize();
    }

    public MetricRegistry registry() {
        return registry;
    }

    /** The ingest path's blob store: pass the result to the IngestPipeline, with {@link #counting}. */
    public MeteredBlobStore metering(BlobStore blobs) {
        return new MeteredBlobStore(blobs);
    }

    /** Counts and times each ingest seen by the pipeline's listener, then tells {@code next}. */
    public IngestListener counting(MeteredBlobStore blobs, IngestListener next) {
        return (request, outcome, patientId) -> {
            String protocol = protocol(request.source().protocol());
            MeteredBlobStore.Put put = blobs.claim(request.sopInstanceUid());
            ingested.inc(protocol, outcome(outcome.status()));
            if (put != null) {
                ingestDuration.observe((System.nanoTime() - put.startNanos()) / 1e9, protocol);
                if (put.size() >= 0) {
                    ingestedBytes.add(put.size(), protocol);
                }
            }
            next.ingested(request, outcome, patientId);
        };
    }

    /** Counts each DIMSE request by its command, then serves it with {@code next}. */
    public RequestHandler counting(RequestHandler next) {
        return (association, request) -> {
            dimseRequests.inc(command(request.command().commandField()));
            next.onRequest(association, request);
        };
    }

    public void associationDecided(boolean accepted) {
        associations.inc(accepted ? "accepted" : "rejected");
    }

    public void handshakeFailed() {
        handshakeFailures.inc();
    }

    /** {@code pacs_dicom_associations_active}: the sum over {@code listeners} (e.g. the acceptors' counts). */
    public void watchAssociations(List<IntSupplier> listeners) {
        registry.gauge("pacs_dicom_associations_active", "DICOM associations being served now",
                () -> listeners.stream().mapToInt(IntSupplier::getAsInt).sum());
    }

    /** Free and used bytes of the file store holding {@code dataDir}. */
    public void watchStorage(Path dataDir) {
        FileStore store;
        try {
            store = Files.getFileStore(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("file store of " + dataDir + " unreadable", e);
        }
        registry.gauge("pacs_storage_free_bytes", "Bytes available to the archive on the data directory's file store",
                () -> space(store::getUsableSpace));
        registry.gauge("pacs_storage_used_bytes", "Bytes in use on the data directory's file store (by anyone)",
                () -> space(() -> store.getTotalSpace() - store.getUnallocatedSpace()));
        registry.gauge("pacs_storage_capacity_bytes", "Size of the data directory's file store",
                () -> space(store::getTotalSpace));
    }

    /** Catalog sizes, counted at most once per {@code maxAge} whatever the scrape interval. */
    public void watchCatalog(LongSupplier studies, LongSupplier instances, Duration maxAge) {
        Cached s = new Cached(studies, maxAge);
        Cached i = new Cached(instances, maxAge);
        registry.gauge("pacs_catalog_studies", "Studies in the catalog (counted at most once a minute)", s::get);
        registry.gauge("pacs_catalog_instances", "Instances in the catalog (counted at most once a minute)", i::get);
    }

    /** {@code pacs_audit_records_total}: the trail's last sequence number (records since it was created). */
    public void watchAuditTrail(LongSupplier lastSequence) {
        registry.sampled("pacs_audit_records_total", "Records appended to the audit trail since it was created",
                MetricFamily.Type.COUNTER, () -> List.of(Sample.of("pacs_audit_records_total",
                        lastSequence.getAsLong())));
    }

    /** {@code pacs_http_requests_total{status_class}} from the web listener's response counts by class. */
    public void watchHttp(java.util.function.IntToLongFunction responsesByClass) {
        registry.sampled("pacs_http_requests_total", "HTTPS requests answered, by status class",
                MetricFamily.Type.COUNTER, () -> {
                    List<Sample> out = new ArrayList<>(5);
                    for (int c = 1; c <= 5; c++) {
                        out.add(new Sample("pacs_http_requests_total", List.of("status_class"), List.of(c + "xx"),
                                responsesByClass.applyAsLong(c)));
                    }
                    return out;
                });
    }

    static String protocol(String source) {
        String p = source == null ? "" : source.toLowerCase(Locale.ROOT);
        return PROTOCOLS.contains(p) ? p : "other";
    }

    /** PS3.4 Table B.2-1 status classes, as the pipeline uses them. */
    static String outcome(int status) {
        if (status == IngestOutcome.SUCCESS) {
            return "stored";
        }
        if (status == IngestOutcome.ELEMENTS_DISCARDED) {
            return "duplicate";
        }
        if ((status & 0xF000) == 0xB000) {
            return "warning";
        }
        if ((status & 0xFF00) == 0xA700) {
            return "out_of_resources";
        }
        return "invalid";
    }

    /** The standard's command name, or "other": a peer cannot invent label values. */
    static String command(int commandField) {
        return switch (commandField) {
            case Dimse.C_STORE_RQ, Dimse.C_GET_RQ, Dimse.C_FIND_RQ, Dimse.C_MOVE_RQ, Dimse.C_ECHO_RQ,
                    Dimse.N_EVENT_REPORT_RQ, Dimse.N_GET_RQ, Dimse.N_SET_RQ, Dimse.N_ACTION_RQ, Dimse.N_CREATE_RQ,
                    Dimse.N_DELETE_RQ, Dimse.C_CANCEL_RQ -> Dimse.name(commandField);
            default -> "other";
        };
    }

    private static double space(IoLong reading) {
        try {
            return reading.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FunctionalInterface
    private interface IoLong {
        long get() throws IOException;
    }

    /** A count re-read only when older than its maximum age. */
    private static final class Cached {
        private final LongSupplier source;
        private final long maxAgeNanos;
        private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        private long value;
        private long readAt;
        private boolean read;

        Cached(LongSupplier source, Duration maxAge) {
            this.source = source;
            this.maxAgeNanos = maxAge.toNanos();
        }

        double get() {
            lock.lock();
            try {
                long now = System.nanoTime();
                if (!read || now - readAt > maxAgeNanos) {
                    value = source.getAsLong();
                    readAt = now;
                    read = true;
                }
                return value;
            } finally {
                lock.unlock();
            }
        }
    }
}
