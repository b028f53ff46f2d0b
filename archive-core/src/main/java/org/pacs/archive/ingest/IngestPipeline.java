// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.ingest;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pacs.archive.catalog.BlobLocation;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogException;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.archive.catalog.RecordResult;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.storage.blob.BlobIdentity;
import org.pacs.storage.blob.BlobRef;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.BlobStoreException;
import org.pacs.storage.blob.StorageFullException;

/**
 * The one ingest path of the archive (C-STORE, STOW-RS and import all come here). The data set streams
 * once, behind a Part 10 header made from the request, into the encrypted blob store; its header is
 * parsed from the first bytes kept on the way; the catalog row is committed only after the blob is
 * durable; and only then does the caller answer success. A crash at any point leaves either no
 * visible object or a complete one.
 *
 * <pre>{@code
 * IngestOutcome o = pipeline.ingest(new IngestRequest(cuid, iuid, tsuid, source), dataSetStream);
 * return o.status();   // the C-STORE-RSP status
 * }</pre>
 */
public final class IngestPipeline {
    private static final Logger LOG = Logger.getLogger(IngestPipeline.class.getName());
    /** Headers are rarely above a few kilobytes; larger ones are re-read from the stored blob. */
    private static final int HEADER_CAPTURE_CAP = 1 << 20;
    private static final int MAX_COMMENT = 64;

    private final BlobStore blobs;
    private final Catalog catalog;
    private final DuplicatePolicy duplicates;
    private final IngestListener listener;
    private final IngestJournal journal;

    /** Without a journal: for tests and tools whose catalog makes every commit durable. */
    public IngestPipeline(BlobStore blobs, Catalog catalog, DuplicatePolicy duplicates, IngestListener listener) {
        this(blobs, catalog, duplicates, listener, null);
    }

    /** With the journal that keeps acknowledged objects across a crash (see {@link IngestJournal}). */
    public IngestPipeline(BlobStore blobs, Catalog catalog, DuplicatePolicy duplicates, IngestListener listener,
            IngestJournal journal) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.duplicates = Objects.requireNonNull(duplicates, "duplicates");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.journal = journal;
    }

    /**
     * Records again every journaled object the catalog lost (a crash within the catalog's write delay),
     * then checkpoints. Run at start, before serving. Returns how many were recovered.
     */
    public int recover() throws IOException {
        if (journal == null) {
            return 0;
        }
        int recovered = 0;
        for (IngestJournal.Entry e : journal.entries()) {
            BlobRef ref = e.blob().toBlobRef();
            if (catalog.referencesBlob(e.blob().blobId()) || !blobs.exists(ref.id())) {
                continue;
            }
            Attributes header;
            try (InputStream stored = blobs.open(ref)) {
                header = parse(stored, ReadOptions.defaults().withBulkData(BulkDataPolicy.spool(),
                        ReadOptions.DEFAULT_BULK_DATA_THRESHOLD).withStopTag(Tag.PIXEL_DATA));
            }
            catalog.writer().record(header, e.transferSyntaxUid(), e.blob(), duplicates)
                    .blobToDelete().ifPresent(b -> discard(b.toBlobRef()));
            recovered++;
            LOG.info("recovered SOP Instance " + e.blob().identity() + " from the ingest journal");
        }
        checkpoint();
        return recovered;
    }

    /** Makes the catalog durable and forgets the journal entries it now holds; call every few seconds. */
    public void checkpoint() throws IOException {
        if (journal != null) {
            journal.checkpoint(catalog::checkpoint);
        }
    }

    /**
     * Stores one data set (without File Meta Information, encoded in the request's transfer syntax).
     * Reads {@code dataSet} to its end. Never throws for bad data: the outcome says why it failed.
     *
     * @throws IOException only when reading {@code dataSet} fails (the peer went away): nothing is stored
     */
    public IngestOutcome ingest(IngestRequest request, InputStream dataSet) throws IOException {
        byte[] part10Header = part10Header(request);
        HeaderCapture capture = new HeaderCapture(dataSet, HEADER_CAPTURE_CAP);
        BlobRef ref;
        try {
            ref = blobs.put(new SequenceInputStream(new ByteArrayInputStream(part10Header), capture),
                    BlobIdentity.of(request.sopInstanceUid()));
        } catch (StorageFullException e) {
            return done(request, IngestOutcome.failure(IngestOutcome.OUT_OF_RESOURCES, "Out of resources: storage full"), null);
        } catch (BlobStoreException e) {
            LOG.log(Level.WARNING, "blob store refused SOP Instance " + request.sopInstanceUid(), e);
            return done(request, IngestOutcome.failure(IngestOutcome.OUT_OF_RESOURCES, "Out of resources: storage error"), null);
        }
        Attributes header;
        try {
            header = parseHeader(part10Header, capture, ref);
        } catch (DicomException e) {
            discard(ref);
            return done(request, IngestOutcome.failure(IngestOutcome.CANNOT_UNDERSTAND, "Cannot understand: " + e.getMessage()), null);
        }
        IngestOutcome mismatch = checkIdentity(request, header);
        if (mismatch != null) {
            discard(ref);
            return done(request, mismatch, header);
        }
        RecordResult result;
        try {
            result = catalog.writer().record(header, request.transferSyntaxUid(), BlobLocation.of(ref), duplicates);
        } catch (IllegalArgumentException e) {
            discard(ref);
            return done(request, IngestOutcome.failure(IngestOutcome.CANNOT_UNDERSTAND, "Cannot understand: " + e.getMessage()), header);
        } catch (CatalogException e) {
            LOG.log(Level.WARNING, "catalog refused SOP Instance " + request.sopInstanceUid(), e);
            discard(ref);
            return done(request, IngestOutcome.failure(IngestOutcome.OUT_OF_RESOURCES, "Out of resources: catalog unavailable"), header);
        }
        String study = header.getString(Tags.StudyInstanceUID);
        String series = header.getString(Tags.SeriesInstanceUID);
        if (result.outcome() == RecordResult.Outcome.DUPLICATE_KEPT) {
            result.blobToDelete().ifPresent(b -> discard(b.toBlobRef()));
            return done(request, new IngestOutcome(IngestOutcome.ELEMENTS_DISCARDED,
                    "Duplicate SOP Instance UID: the stored copy was kept", study, series), header);
        }
        IngestOutcome stored = new IngestOutcome(IngestOutcome.SUCCESS, null, study, series);
        IngestOutcome outcome;
        if (journal == null) {
            outcome = done(request, stored, header);
        } else {
            // The journal's fsync and the listener's (the audit record's) go to different files: run them
            // side by side, and answer once both are done.
            IngestOutcome[] told = new IngestOutcome[1];
            Thread listening = Thread.ofVirtual().name("ingest-listener").start(() -> told[0] = done(request, stored,
                    header));
            try {
                journal.append(BlobLocation.of(ref), request.transferSyntaxUid());
            } finally {
                joinUninterruptibly(listening);
            }
            outcome = told[0];
        }
        result.blobToDelete().ifPresent(b -> discard(b.toBlobRef()));
        return outcome;
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] part10Header(IngestRequest request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        Part10Writer.writeHeader(out, Part10Writer.fileMetaInformation(request.sopClassUid(),
                request.sopInstanceUid(), request.transferSyntaxUid()));
        return out.toByteArray();
    }

    /** Parses the header up to Pixel Data from the kept bytes, or from the stored blob when they fall short. */
    private Attributes parseHeader(byte[] part10Header, HeaderCapture capture, BlobRef ref) throws IOException {
        ReadOptions options = ReadOptions.defaults()
                .withBulkData(BulkDataPolicy.inMemory(), Long.MAX_VALUE)
                .withStopTag(Tag.PIXEL_DATA);
        try {
            return parse(new SequenceInputStream(new ByteArrayInputStream(part10Header),
                    new ByteArrayInputStream(capture.captured())), options);
        } catch (DicomException e) {
            if (!capture.overflowed()) {
                throw e;
            }
        }
        try (InputStream stored = blobs.open(ref)) {
            return parse(stored, options.withBulkData(BulkDataPolicy.spool(), ReadOptions.DEFAULT_BULK_DATA_THRESHOLD));
        }
    }

    private static Attributes parse(InputStream in, ReadOptions options) throws IOException {
        try (Part10Reader reader = new Part10Reader(in, options)) {
            return withoutBulkData(reader.readDataSet());
        }
    }

    /** The catalog keeps everything but bulk data (PS3.18 would call the rest "metadata"). */
    private static Attributes withoutBulkData(Attributes ds) {
        for (int i = ds.size() - 1; i >= 0; i--) {
            Object v = ds.valueAt(i);
            if (v instanceof BulkData) {
                ds.remove(ds.tagAt(i));
            } else if (v instanceof Sequence seq) {
                seq.forEach(IngestPipeline::withoutBulkData);
            }
        }
        return ds;
    }

    /** PS3.4 §B.2.3: the data set must be the instance the request names. */
    private static IngestOutcome checkIdentity(IngestRequest request, Attributes header) {
        String iuid = header.getString(Tags.SOPInstanceUID);
        String cuid = header.getString(Tags.SOPClassUID);
        if (!request.sopInstanceUid().equals(iuid)) {
            return IngestOutcome.failure(IngestOutcome.CANNOT_UNDERSTAND,
                    "SOP Instance UID in data set differs from request");
        }
        if (!request.sopClassUid().equals(cuid)) {
            return IngestOutcome.failure(IngestOutcome.DATA_SET_DOES_NOT_MATCH_SOP_CLASS,
                    "SOP Class UID in data set differs from request");
        }
        if (header.getString(Tags.StudyInstanceUID) == null || header.getString(Tags.SeriesInstanceUID) == null) {
            return IngestOutcome.failure(IngestOutcome.CANNOT_UNDERSTAND, "Study or Series Instance UID missing");
        }
        return null;
    }

    private void discard(BlobRef ref) {
        try {
            blobs.delete(ref.id());
        } catch (IOException e) {
            // An unreferenced blob is invisible; ./pacs verify reports it.
            LOG.log(Level.WARNING, "could not delete unreferenced blob " + ref.id().value(), e);
        }
    }

    private IngestOutcome done(IngestRequest request, IngestOutcome outcome, Attributes header) {
        IngestOutcome shown = outcome.errorComment() != null && outcome.errorComment().length() > MAX_COMMENT
                ? new IngestOutcome(outcome.status(), outcome.errorComment().substring(0, MAX_COMMENT),
                        outcome.studyInstanceUid(), outcome.seriesInstanceUid())
                : outcome;
        IngestOutcome heard = shown.studyInstanceUid() == null && header != null
                ? new IngestOutcome(shown.status(), shown.errorComment(), header.getString(Tags.StudyInstanceUID),
                        header.getString(Tags.SeriesInstanceUID))
                : shown;
        try {
            listener.ingested(request, heard, header == null ? null : header.getString(Tags.PatientID));
        } catch (RuntimeException e) {
            // A listener (the audit trail) must never change what the sender is told.
            LOG.log(Level.SEVERE, "ingest listener failed for SOP Instance " + request.sopInstanceUid(), e);
        }
        return shown;
    }
}
