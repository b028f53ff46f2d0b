// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.stow;

import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.archive.ingest.IngestRequest;
import org.pacs.archive.ingest.IngestSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.dict.UidRegistry;
import org.pacs.dicom.io.DataSetWriter;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.EncryptedSpool;
import org.pacs.dicom.io.TransferSyntax;
import org.pacs.dicom.json.JsonLimits;
import org.pacs.dicom.json.JsonParser;
import org.pacs.dicom.json.JsonReader;
import org.pacs.dicom.json.JsonValue;
import org.pacs.dicomweb.http.BodyLimitFilter;
import org.pacs.dicomweb.http.MediaType;
import org.pacs.dicomweb.http.MultipartReader;

/**
 * STOW-RS with metadata and bulk data (PS3.18 §10.5.1.2.2): {@code application/dicom+json} parts hold
 * the data sets (the DICOM JSON Model, PS3.18 Annex F) whose BulkDataURIs name the other parts by their
 * Content-Location. Bulk data parts are spooled encrypted until the metadata is read; each data set is
 * then encoded in Explicit VR Little Endian and streamed through the one ingest path. Bulk data must be
 * uncompressed ({@code application/octet-stream}): compressed pixel data parts are refused.
 */
final class JsonStow {
    private static final Logger LOG = Logger.getLogger(JsonStow.class.getName());
    private static final int MAX_BULK_PARTS = 100_000;
    private static final UidRegistry UIDS = UidRegistry.standard();

    private final IngestPipeline ingest;

    JsonStow(IngestPipeline ingest) {
        this.ingest = ingest;
    }

    void store(MultipartReader parts, String studyUid, IngestSource source, StowResponse response) throws IOException {
        List<JsonValue> dataSets = new ArrayList<>();
        Map<String, EncryptedSpool> bulk = new HashMap<>();
        try {
            for (MultipartReader.Part part; (part = parts.next()) != null; ) {
                String header = part.header("content-type");
                MediaType type = header == null ? MediaType.OCTET_STREAM : MediaType.parse(header);
                if (type.is(MediaType.DICOM_JSON)) {
                    JsonValue doc = JsonParser.parse(part.body(), JsonLimits.defaults());
                    if (doc instanceof JsonValue.JsonArray a) {
                        dataSets.addAll(a.elements());
                    } else {
                        dataSets.add(doc);
                    }
                    continue;
                }
                String location = part.header("content-location");
                if (location == null || !type.is(MediaType.OCTET_STREAM) || bulk.size() >= MAX_BULK_PARTS) {
                    // Unreferenced, compressed or too many: a data set naming it then fails to resolve.
                    continue;
                }
                EncryptedSpool previous = bulk.put(location, EncryptedSpool.spool(part.body()));
                if (previous != null) {
                    previous.delete();
                }
            }
            for (JsonValue json : dataSets) {
                storeOne(json, bulk, studyUid, source, response);
            }
        } finally {
            bulk.values().forEach(EncryptedSpool::delete);
        }
    }

    private void storeOne(JsonValue json, Map<String, EncryptedSpool> bulk, String studyUid, IngestSource source,
            StowResponse response) throws IOException {
        Attributes ds;
        try {
            ds = JsonReader.create().withBulkDataResolver((uri, tag, vr) -> bulk.get(uri)).toAttributes(json);
        } catch (DicomException e) {
            response.failed(null, null, StowResponse.CANNOT_UNDERSTAND);
            return;
        }
        String cuid = ds.getString(Tags.SOPClassUID);
        String iuid = ds.getString(Tags.SOPInstanceUID);
        if (cuid == null || iuid == null || ds.getString(Tags.StudyInstanceUID) == null) {
            response.failed(cuid, iuid, StowResponse.CANNOT_UNDERSTAND);
            return;
        }
        if (!UIDS.isStorageSopClass(cuid)) {
            response.failed(cuid, iuid, StowResponse.SOP_CLASS_NOT_SUPPORTED);
            return;
        }
        if (studyUid != null && !studyUid.equals(ds.getString(Tags.StudyInstanceUID))) {
            response.failed(cuid, iuid, StowResponse.DOES_NOT_MATCH);
            return;
        }
        for (int i = ds.size() - 1; i >= 0; i--) {
            if (Tag.group(ds.tagAt(i)) == 0x0002) {
                ds.remove(ds.tagAt(i));
            }
        }
        if (!ds.contains(Tags.SpecificCharacterSet)) {
            // JSON text is Unicode: keep every character when it is encoded.
            ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        }
        IngestOutcome o;
        // Closing the stream after the ingest also releases the encoder if the ingest stopped reading.
        try (java.io.InputStream in = encoded(ds)) {
            o = ingest.ingest(new IngestRequest(cuid, iuid, UID.ExplicitVRLittleEndian, source), in);
        } catch (BodyLimitFilter.BodyTooLargeException e) {
            throw e;
        } catch (IOException e) {
            LOG.info("STOW-RS (JSON) of SOP Instance " + iuid + " could not be encoded: " + e.getMessage());
            response.failed(cuid, iuid, StowResponse.CANNOT_UNDERSTAND);
            return;
        }
        if (o.stored()) {
            response.stored(cuid, iuid, o.studyInstanceUid(), o.seriesInstanceUid(),
                    o.status() == IngestOutcome.SUCCESS ? 0 : o.status());
        } else {
            response.failed(cuid, iuid, o.status());
        }
    }

    /**
     * The data set encoded in Explicit VR Little Endian as a stream, written by a virtual thread (bulk
     * values stream from their spools). A failed encoding fails the read, never ends it early: the
     * ingest path must not take a truncated data set for a whole one.
     */
    private static java.io.InputStream encoded(Attributes ds) throws IOException {
        PipedInputStream in = new PipedInputStream(64 * 1024);
        PipedOutputStream out = new PipedOutputStream(in);
        IOException[] failure = new IOException[1];
        Object lock = new Object();
        Thread.ofVirtual().name("pacs-stow-encode").start(() -> {
            try {
                BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
                new DataSetWriter(buffered, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(ds);
                buffered.flush();
            } catch (IOException | RuntimeException e) {
                synchronized (lock) {
                    failure[0] = e instanceof IOException io ? io : new IOException(e);
                }
            } finally {
                try {
                    out.close();
                } catch (IOException ignored) {
                    // the reader sees the end or the failure
                }
            }
        });
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                return b < 0 ? end() : b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                return n < 0 ? end() : n;
            }

            private int end() throws IOException {
                synchronized (lock) {
                    if (failure[0] != null) {
                        throw failure[0];
                    }
                }
                return -1;
            }
        };
    }
}
