// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.qido;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.query.InvalidQueryException;
import org.pacs.archive.query.QueryEngine;
import org.pacs.archive.query.QueryOptions;
import org.pacs.archive.query.QueryRequest;
import org.pacs.archive.query.QueryResults;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.json.JsonWriter;
import org.pacs.dicom.xml.NativeXmlWriter;
import org.pacs.dicomweb.http.Caller;
import org.pacs.dicomweb.http.WebAudit;
import org.pacs.dicomweb.http.HttpProblem;
import org.pacs.dicomweb.http.MediaType;
import org.pacs.dicomweb.http.MultipartWriter;

/**
 * QIDO-RS (PS3.18 §10.6): search for studies, series and instances through the archive's one query
 * engine, inside the caller's scope, so matches, counts, limits and offsets never show a study the
 * caller may not see. Results stream as they are read: a JSON array ({@code application/dicom+json},
 * the default) or {@code multipart/related; type="application/dicom+xml"}, one part per match.
 */
public final class QidoResource {
    private final QueryEngine engine;
    private final QueryOptions baseOptions;
    private final WebAudit audit;

    public QidoResource(QueryEngine engine, QueryOptions baseOptions, WebAudit audit) {
        this.engine = engine;
        this.baseOptions = baseOptions;
        this.audit = audit;
    }

    /**
     * Answers one search.
     *
     * @param serviceRoot the absolute URL of the DICOMweb root, for Retrieve URL (0008,1190)
     */
    public void search(Caller caller, AccessScope scope, QueryRetrieveLevel level, String studyUid, String seriesUid,
            HttpServletRequest req, HttpServletResponse rsp, String serviceRoot) throws IOException {
        boolean xml = negotiate(req.getHeader("Accept"));
        QidoQuery query = QidoQuery.parse(level, studyUid, seriesUid, req.getParameterMap(), scope, baseOptions);
        audit.query(caller, URI.create(serviceRoot + req.getPathInfo()),
                QidoQuery.keysJson(req.getPathInfo(), req.getParameterMap()));
        if (studyUid != null && !visible(studyUid, seriesUid, scope)) {
            audit.denied(caller, "QIDO-RS " + level, "study not found in the caller's scope");
            throw HttpProblem.notFound();
        }
        QueryResults results;
        try {
            results = engine.query(query.request());
        } catch (InvalidQueryException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
        try (results) {
            if (xml) {
                writeXml(results, level, rsp, serviceRoot);
            } else {
                writeJson(results, level, rsp, serviceRoot);
            }
        }
    }

    /** True if the study (and series) named in the path exist inside the scope. */
    private boolean visible(String studyUid, String seriesUid, AccessScope scope) {
        Attributes keys = new Attributes();
        keys.setString(Tags.StudyInstanceUID, VR.UI, QidoQuery.uid(studyUid));
        QueryRetrieveLevel level = QueryRetrieveLevel.STUDY;
        if (seriesUid != null) {
            keys.setString(Tags.SeriesInstanceUID, VR.UI, QidoQuery.uid(seriesUid));
            level = QueryRetrieveLevel.SERIES;
        }
        QueryRequest r = new QueryRequest(level, org.pacs.archive.query.InformationModel.STUDY_ROOT, keys, scope,
                baseOptions.withRelational(true), 0, 1);
        try (QueryResults results = engine.query(r)) {
            return results.hasNext();
        }
    }

    /** True for XML; JSON is the default (PS3.18 §8.7.3, §10.6.1.4). */
    static boolean negotiate(String accept) {
        for (MediaType m : MediaType.parseAccept(accept)) {
            if (m.is(MediaType.DICOM_JSON) || m.is(MediaType.JSON) || m.covers("application", "dicom+json")) {
                return false;
            }
            if (m.is(MediaType.MULTIPART_RELATED)) {
                String type = m.param("type");
                if (type == null || MediaType.parse(type).is(MediaType.DICOM_XML)) {
                    return true;
                }
            }
            if (m.is(MediaType.DICOM_XML)) {
                return true;
            }
        }
        throw HttpProblem.notAcceptable("QIDO-RS answers application/dicom+json or multipart/related; "
                + "type=\"application/dicom+xml\"");
    }

    private static void writeJson(QueryResults results, QueryRetrieveLevel level, HttpServletResponse rsp, String root) throws IOException {
        rsp.setStatus(200);
        rsp.setContentType("application/dicom+json");
        Writer w = new BufferedWriter(new OutputStreamWriter(rsp.getOutputStream(), StandardCharsets.UTF_8), 64 * 1024);
        JsonWriter json = JsonWriter.create();
        w.write('[');
        boolean first = true;
        while (results.hasNext()) {
            if (!first) {
                w.write(',');
            }
            first = false;
            json.write(finish(results.next(), level, root), w);
        }
        w.write(']');
        w.flush();
    }

    private static void writeXml(QueryResults results, QueryRetrieveLevel level, HttpServletResponse rsp, String root) throws IOException {
        OutputStream out = rsp.getOutputStream();
        MultipartWriter mp = new MultipartWriter(out);
        rsp.setStatus(200);
        rsp.setContentType(MediaType.MULTIPART_RELATED.withParam("type", "application/dicom+xml")
                .withParam("boundary", mp.boundary()).toString());
        NativeXmlWriter xml = NativeXmlWriter.create();
        while (results.hasNext()) {
            xml.write(finish(results.next(), level, root), mp.part("application/dicom+xml; charset=utf-8", null));
        }
        mp.finish();
    }

    /** Drops Query/Retrieve Level (it describes the identifier) and adds the Retrieve URL of the match. */
    private static Attributes finish(Attributes match, QueryRetrieveLevel level, String root) {
        match.remove(Tags.QueryRetrieveLevel);
        String study = match.getString(Tags.StudyInstanceUID);
        if (study != null) {
            String url = root + "/studies/" + study;
            String series = match.getString(Tags.SeriesInstanceUID);
            String sop = match.getString(Tags.SOPInstanceUID);
            if (level != QueryRetrieveLevel.STUDY && series != null) {
                url += "/series/" + series;
                if (level == QueryRetrieveLevel.IMAGE && sop != null) {
                    url += "/instances/" + sop;
                }
            }
            match.setString(Tags.RetrieveURL, VR.UR, url);
        }
        return match;
    }
}
