// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.stow;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.logging.Logger;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.archive.ingest.IngestRequest;
import org.pacs.archive.ingest.IngestSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UidRegistry;
import org.pacs.dicom.io.AttributesBuilder;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.DataSetReader;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.TransferSyntax;
import org.pacs.dicom.json.JsonWriter;
import org.pacs.dicom.xml.NativeXmlWriter;
import org.pacs.dicomweb.http.Caller;
import org.pacs.dicomweb.http.HttpProblem;
import org.pacs.dicomweb.http.MediaType;
import org.pacs.dicomweb.http.MultipartReader;

/**
 * STOW-RS (PS3.18 §10.5): {@code multipart/related; type="application/dicom"} requests, each part a
 * PS3.10 file streamed from the network through the archive's one ingest path (the same checks and
 * audit as C-STORE), never held whole; or {@code type="application/dicom+json"} metadata with bulk
 * data parts ({@link JsonStow}). The response lists each instance as stored or failed with its
 * reason; to {@code /studies/{study}} an instance of another study fails.
 */
public final class StowResource {
    private static final Logger LOG = Logger.getLogger(StowResource.class.getName());
    /** Enough for any plausible data set header before the Study Instance UID. */
    private static final int PEEK_LIMIT = 1 << 20;
    private static final UidRegistry UIDS = UidRegistry.standard();

    private final IngestPipeline ingest;

    public StowResource(IngestPipeline ingest) {
        this.ingest = ingest;
    }

    public void store(Caller caller, String studyUid, HttpServletRequest req, HttpServletResponse rsp,
            String serviceRoot) throws IOException {
        boolean xml = negotiateResponse(req.getHeader("Accept"));
        String contentType = req.getContentType();
        if (contentType == null) {
            throw HttpProblem.unsupportedMediaType("STOW-RS needs multipart/related; type=\"application/dicom\"");
        }
        MediaType ct = MediaType.parse(contentType);
        String type = ct.param("type");
        MediaType rootType = type == null ? null : MediaType.parse(type);
        if (!ct.is(MediaType.MULTIPART_RELATED) || rootType == null
                || !(rootType.is(MediaType.DICOM) || rootType.is(MediaType.DICOM_JSON))) {
            throw HttpProblem.unsupportedMediaType("STOW-RS accepts multipart/related; type=\"application/dicom\""
                    + " or type=\"application/dicom+json\" with bulk data parts");
        }
        MultipartReader parts = new MultipartReader(req.getInputStream(), ct.param("boundary"));
        StowResponse response = new StowResponse(serviceRoot);
        IngestSource source = new IngestSource("DICOMweb", caller.name(), caller.address());
        if (rootType.is(MediaType.DICOM_JSON)) {
            new JsonStow(ingest).store(parts, studyUid, source, response);
        } else {
            for (MultipartReader.Part part; (part = parts.next()) != null; ) {
                String partType = part.header("content-type");
                if (partType != null && !MediaType.parse(partType).is(MediaType.DICOM)) {
                    response.failed(null, null, StowResponse.CANNOT_UNDERSTAND);
                    continue;
                }
                storeOne(part.body(), studyUid, source, response);
            }
        }
        if (response.count() == 0) {
            throw HttpProblem.badRequest("no application/dicom part in the request");
        }
        rsp.setStatus(response.status());
        if (xml) {
            rsp.setContentType("application/dicom+xml; charset=utf-8");
            NativeXmlWriter.create().write(response.body(), rsp.getOutputStream());
        } else {
            rsp.setContentType("application/dicom+json");
            JsonWriter.create().write(response.body(), rsp.getOutputStream());
        }
    }

    private void storeOne(InputStream body, String studyUid, IngestSource source, StowResponse response)
            throws IOException {
        Part10Header header;
        try {
            header = Part10Header.read(body);
        } catch (DicomException e) {
            response.failed(null, null, StowResponse.CANNOT_UNDERSTAND);
            return;
        }
        String cuid = header.sopClassUid();
        String iuid = header.sopInstanceUid();
        if (!UIDS.isStorageSopClass(cuid)) {
            response.failed(cuid, iuid, StowResponse.SOP_CLASS_NOT_SUPPORTED);
            return;
        }
        if (!UIDS.isTransferSyntax(header.transferSyntaxUid())) {
            response.failed(cuid, iuid, StowResponse.CANNOT_UNDERSTAND);
            return;
        }
        BufferedInputStream dataSet = new BufferedInputStream(body, 64 * 1024);
        if (studyUid != null) {
            String study;
            try {
                study = peekStudy(dataSet, header.transferSyntaxUid());
            } catch (IOException e) {
                if (e instanceof org.pacs.dicomweb.http.BodyLimitFilter.BodyTooLargeException) {
                    throw e;
                }
                response.failed(cuid, iuid, StowResponse.CANNOT_UNDERSTAND);
                return;
            }
            if (!studyUid.equals(study)) {
                response.failed(cuid, iuid, StowResponse.DOES_NOT_MATCH);
                return;
            }
        }
        IngestOutcome o = ingest.ingest(new IngestRequest(cuid, iuid, header.transferSyntaxUid(), source), dataSet);
        if (o.stored()) {
            response.stored(cuid, iuid, o.studyInstanceUid(), o.seriesInstanceUid(),
                    o.status() == IngestOutcome.SUCCESS ? 0 : o.status());
        } else {
            LOG.info("STOW-RS of SOP Instance " + iuid + " by " + source.principal() + " failed "
                    + Integer.toHexString(o.status()) + ": " + o.errorComment());
            response.failed(cuid, iuid, o.status());
        }
    }

    /** Reads the data set up to its Study Instance UID, then rewinds so the ingest path sees all of it. */
    private static String peekStudy(BufferedInputStream in, String tsUid) throws IOException {
        in.mark(PEEK_LIMIT);
        TransferSyntax ts = TransferSyntax.of(tsUid);
        ReadOptions options = ReadOptions.defaults().withStopTag(Tags.StudyInstanceUID + 1)
                .withBulkData(BulkDataPolicy.inMemory(), Long.MAX_VALUE)
                .withLimits(PEEK_LIMIT, ReadOptions.DEFAULT_MAX_DEPTH, 100_000);
        InputStream guarded = new FilterInputStream(in) {
            @Override
            public void close() {
                // the part's stream stays open for the ingest
            }
        };
        Attributes head;
        Inflater inflater = ts.deflated() ? new Inflater(true) : null;
        try {
            InputStream source = inflater == null ? guarded : new InflaterInputStream(guarded, inflater, 8192);
            AttributesBuilder b = new AttributesBuilder(new Attributes(), options);
            new DataSetReader(source, ts, options).read(b);
            head = b.result();
        } finally {
            if (inflater != null) {
                inflater.end();
            }
        }
        in.reset();
        String study = head.getString(Tags.StudyInstanceUID);
        return study == null ? null : study.strip();
    }

    /** True for XML; the response is application/dicom+json by default (PS3.18 §10.5.3). */
    static boolean negotiateResponse(String accept) {
        for (MediaType m : MediaType.parseAccept(accept)) {
            if (m.is(MediaType.DICOM_JSON) || m.is(MediaType.JSON) || m.covers("application", "dicom+json")) {
                return false;
            }
            if (m.is(MediaType.DICOM_XML)) {
                return true;
            }
        }
        throw HttpProblem.notAcceptable("STOW-RS answers application/dicom+json or application/dicom+xml");
    }
}
