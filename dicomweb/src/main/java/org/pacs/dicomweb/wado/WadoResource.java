// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.wado;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.retrieve.Retrieval;
import org.pacs.archive.retrieve.RetrieveKeys;
import org.pacs.archive.retrieve.Retriever;
import org.pacs.dicom.json.JsonDataSetHandler;
import org.pacs.dicom.json.JsonWriter;
import org.pacs.dicomweb.http.Caller;
import org.pacs.dicomweb.http.WebAudit;
import org.pacs.dicomweb.http.HttpProblem;
import org.pacs.dicomweb.http.MediaType;
import org.pacs.dicomweb.http.MultipartWriter;
import org.pacs.storage.blob.BlobStore;

/**
 * WADO-RS (PS3.18 §10.4): instances of a study, series or single instance as
 * {@code multipart/related; type="application/dicom"} (transfer syntax negotiated with
 * {@link TransferSyntaxOffer}), their metadata as {@code application/dicom+json} with BulkDataURIs, and
 * bulk data. Instances are resolved by the archive's one retrieve path inside the caller's scope; a
 * study the caller may not see is indistinguishable from one that does not exist (404). Every
 * instance streams from the blob store into its part; nothing is held whole.
 */
public final class WadoResource {
    /** Binary values longer than this become BulkDataURIs in metadata. */
    static final long BULK_DATA_THRESHOLD = 1024;

    private final BlobStore blobs;
    private final Retriever retriever;
    private final WebAudit audit;

    public WadoResource(BlobStore blobs, Retriever retriever, WebAudit audit) {
        this.blobs = blobs;
        this.retriever = retriever;
        this.audit = audit;
    }

    /** The study, series or instance a WADO path names. */
    public record Target(String study, String series, String instance) {
        QueryRetrieveLevel level() {
            return instance != null ? QueryRetrieveLevel.IMAGE
                    : series != null ? QueryRetrieveLevel.SERIES : QueryRetrieveLevel.STUDY;
        }

        String uid() {
            return instance != null ? instance : series != null ? series : study;
        }

        RetrieveKeys keys() {
            return switch (level()) {
                case STUDY -> new RetrieveKeys(QueryRetrieveLevel.STUDY, List.of(study), null, null, null);
                case SERIES -> new RetrieveKeys(QueryRetrieveLevel.SERIES, List.of(series), null, study, null);
                default -> new RetrieveKeys(QueryRetrieveLevel.IMAGE, List.of(instance), null, study, series);
            };
        }
    }

    /**
     * The instances {@code target} names inside {@code scope}, or 404 (audited as a denial when the
     * target exists outside the scope).
     */
    public Retrieval resolve(Caller caller, AccessScope scope, Target target, String what) {
        Retrieval r = retriever.resolve(target.keys(), scope);
        if (r.isEmpty()) {
            if (!scope.isAll() && !retriever.resolve(target.keys(), AccessScope.all()).isEmpty()) {
                audit.denied(caller, what, "study outside the caller's scope");
            }
            throw HttpProblem.notFound();
        }
        return r;
    }

    /** Retrieve Study, Series or Instance (PS3.18 §10.4.1.1.1). */
    public void retrieve(Caller caller, AccessScope scope, Target target, HttpServletRequest req,
            HttpServletResponse rsp) throws IOException {
        Negotiated n = negotiateInstances(req.getHeader("Accept"), target.level() == QueryRetrieveLevel.IMAGE);
        Retrieval r = resolve(caller, scope, target, "WADO-RS retrieve");
        List<String> chosen = new ArrayList<>(r.size());
        for (InstanceLocation i : r.instances()) {
            Optional<String> ts = n.offer().choose(i.transferSyntaxUid());
            if (ts.isEmpty()) {
                throw HttpProblem.notAcceptable("an instance is stored in transfer syntax " + i.transferSyntaxUid()
                        + ", which is neither accepted nor convertible to an accepted one without decompression");
            }
            chosen.add(ts.get());
        }
        audit.retrieved(caller, r.studiesByPatient(), "WADO-RS retrieve");
        rsp.setStatus(200);
        if (!n.multipart()) {
            rsp.setContentType("application/dicom; transfer-syntax=" + chosen.getFirst());
            send(r.instances().getFirst(), chosen.getFirst(), rsp.getOutputStream());
            return;
        }
        MultipartWriter mp = new MultipartWriter(rsp.getOutputStream());
        rsp.setContentType(MediaType.MULTIPART_RELATED.withParam("type", "application/dicom")
                .withParam("boundary", mp.boundary()).toString());
        for (int k = 0; k < r.size(); k++) {
            send(r.instances().get(k), chosen.get(k), mp.part("application/dicom; transfer-syntax=" + chosen.get(k),
                    null));
        }
        mp.finish();
    }

    /**
     * One instance as a bare {@code application/dicom} body (WADO-URI, PS3.18 §9.1.2.1.2), in the syntax
     * {@code offer} picks for it.
     */
    public void retrieveSingle(Caller caller, AccessScope scope, Target target, TransferSyntaxOffer offer,
            HttpServletResponse rsp, String what) throws IOException {
        Retrieval r = resolve(caller, scope, target, what);
        InstanceLocation i = r.instances().getFirst();
        String ts = offer.choose(i.transferSyntaxUid()).orElseThrow(() -> HttpProblem.notAcceptable(
                "the instance is stored in transfer syntax " + i.transferSyntaxUid()
                        + ", which is neither the one asked for nor convertible to it without decompression"));
        audit.retrieved(caller, r.studiesByPatient(), what);
        rsp.setStatus(200);
        rsp.setContentType("application/dicom");
        send(i, ts, rsp.getOutputStream());
    }

    private void send(InstanceLocation i, String ts, OutputStream out) throws IOException {
        StoredInstance stored = new StoredInstance(blobs, i);
        if (ts.equals(i.transferSyntaxUid())) {
            stored.copyTo(out);
        } else {
            stored.writeExplicitLittleEndian(out);
        }
    }

    /** Retrieve Metadata (PS3.18 §10.4.1.1.2): one JSON array of the instances' data sets. */
    public void metadata(Caller caller, AccessScope scope, Target target, HttpServletRequest req,
            HttpServletResponse rsp, String serviceRoot) throws IOException {
        negotiateMetadata(req.getHeader("Accept"));
        Retrieval r = resolve(caller, scope, target, "WADO-RS metadata");
        audit.retrieved(caller, r.studiesByPatient(), "WADO-RS metadata");
        rsp.setStatus(200);
        rsp.setContentType("application/dicom+json");
        Writer w = new BufferedWriter(new OutputStreamWriter(rsp.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
        w.write('[');
        boolean first = true;
        for (InstanceLocation i : r.instances()) {
            if (!first) {
                w.write(',');
            }
            first = false;
            String instanceUrl = serviceRoot + "/studies/" + i.studyInstanceUid() + "/series/" + i.seriesInstanceUid()
                    + "/instances/" + i.sopInstanceUid();
            JsonDataSetHandler h = JsonWriter.create()
                    .withBulkData(BULK_DATA_THRESHOLD, v -> instanceUrl + "/bulkdata/" + v.path())
                    .handler(w);
            new StoredInstance(blobs, i).readUpToNativePixelData(h);
            h.finish();
        }
        w.write(']');
        w.flush();
    }

    /** Retrieve Bulkdata (PS3.18 §10.4.1.1.5) at a path the metadata named. */
    public void bulkData(Caller caller, AccessScope scope, Target target, String path, HttpServletRequest req,
            HttpServletResponse rsp) throws IOException {
        if (!path.matches("[0-9A-F]{8}(/[0-9]{1,6}/[0-9A-F]{8})*")) {
            throw HttpProblem.notFound();
        }
        boolean multipart = negotiateBulk(req.getHeader("Accept"));
        Retrieval r = resolve(caller, scope, target, "WADO-RS bulk data");
        audit.retrieved(caller, r.studiesByPatient(), "WADO-RS bulk data");
        MultipartWriter mp = multipart ? new MultipartWriter(rsp.getOutputStream()) : null;
        OutputStream lazy = new OutputStream() {
            private OutputStream part;

            private OutputStream part() throws IOException {
                if (part == null) {
                    rsp.setStatus(200);
                    if (mp == null) {
                        rsp.setContentType("application/octet-stream");
                        part = rsp.getOutputStream();
                    } else {
                        rsp.setContentType(MediaType.MULTIPART_RELATED.withParam("type", "application/octet-stream")
                                .withParam("boundary", mp.boundary()).toString());
                        part = mp.part("application/octet-stream", null);
                    }
                }
                return part;
            }

            @Override
            public void write(int b) throws IOException {
                part().write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                part().write(b, off, len);
            }
        };
        BulkDataFinder finder = new BulkDataFinder(path, lazy);
        new StoredInstance(blobs, r.instances().getFirst()).read(finder);
        if (!finder.found()) {
            throw HttpProblem.notFound();
        }
        lazy.write(new byte[0]);
        if (mp != null) {
            mp.finish();
        }
    }

    /** What the client accepts for instances: one part or many, and the transfer syntaxes. */
    record Negotiated(boolean multipart, TransferSyntaxOffer offer) {
    }

    /**
     * PS3.18 §8.7.3.5 and §10.4.1.2: {@code multipart/related; type="application/dicom"} with an optional
     * transfer-syntax parameter ({@code *} for any); {@code application/dicom} alone for one instance;
     * a wild card takes the stored syntax.
     */
    static Negotiated negotiateInstances(String accept, boolean singleInstance) {
        List<String> multi = new ArrayList<>();
        List<String> single = new ArrayList<>();
        boolean multipartFirst = true;
        boolean any = false;
        for (MediaType m : MediaType.parseAccept(accept)) {
            if (m.is(MediaType.MULTIPART_RELATED)) {
                String type = m.param("type");
                MediaType inner = type == null ? MediaType.DICOM : MediaType.parse(type);
                if (!inner.is(MediaType.DICOM)) {
                    continue;
                }
                String ts = m.param("transfer-syntax");
                if (ts == null) {
                    ts = inner.param("transfer-syntax");
                }
                multi.add(ts == null ? TransferSyntaxOffer.DEFAULT : ts);
                any = true;
            } else if (m.is(MediaType.DICOM) && singleInstance) {
                String ts = m.param("transfer-syntax");
                if (!any && single.isEmpty()) {
                    multipartFirst = false;
                }
                single.add(ts == null ? TransferSyntaxOffer.DEFAULT : ts);
            } else if (m.covers("multipart", "related") || m.covers("application", "dicom")) {
                multi.add(TransferSyntaxOffer.ANY);
                any = true;
            }
        }
        if (!multipartFirst) {
            return new Negotiated(false, new TransferSyntaxOffer(single));
        }
        if (!multi.isEmpty()) {
            return new Negotiated(true, new TransferSyntaxOffer(multi));
        }
        throw HttpProblem.notAcceptable("WADO-RS retrieve answers multipart/related; type=\"application/dicom\""
                + " (or application/dicom for one instance)");
    }

    static void negotiateMetadata(String accept) {
        for (MediaType m : MediaType.parseAccept(accept)) {
            if (m.is(MediaType.DICOM_JSON) || m.is(MediaType.JSON) || m.covers("application", "dicom+json")) {
                return;
            }
        }
        throw HttpProblem.notAcceptable("WADO-RS metadata answers application/dicom+json");
    }

    /** True for multipart (the standard's form), false for a bare octet stream. */
    static boolean negotiateBulk(String accept) {
        for (MediaType m : MediaType.parseAccept(accept)) {
            if (m.is(MediaType.MULTIPART_RELATED)) {
                String type = m.param("type");
                if (type == null || MediaType.parse(type).is(MediaType.OCTET_STREAM)) {
                    return true;
                }
            } else if (m.is(MediaType.OCTET_STREAM)) {
                return false;
            } else if (m.covers("multipart", "related")) {
                return true;
            }
        }
        throw HttpProblem.notAcceptable("WADO-RS bulk data answers multipart/related; type=\"application/octet-stream\"");
    }
}
