// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.uri;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.regex.Pattern;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.dicomweb.http.Caller;
import org.pacs.dicomweb.http.HttpProblem;
import org.pacs.dicomweb.http.MediaType;
import org.pacs.dicomweb.wado.TransferSyntaxOffer;
import org.pacs.dicomweb.wado.WadoResource;

/**
 * WADO-URI (PS3.18 §9): {@code requestType=WADO&studyUID=..&seriesUID=..&objectUID=..} with
 * {@code contentType=application/dicom} answers the instance as a PS3.10 file, through the same
 * retrieve path and scope as WADO-RS. Without {@code transferSyntax} the instance comes in Explicit
 * VR Little Endian when it is stored uncompressed, else as stored (the archive never decompresses).
 * Rendered content types ({@code image/jpeg}, the default) are answered 406 until rendering is
 * available.
 */
public final class WadoUriResource {
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final WadoResource wado;

    public WadoUriResource(WadoResource wado) {
        this.wado = wado;
    }

    public void get(Caller caller, AccessScope scope, HttpServletRequest req, HttpServletResponse rsp)
            throws IOException {
        if (!"WADO".equals(req.getParameter("requestType"))) {
            throw HttpProblem.badRequest("requestType=WADO is required (PS3.18 9.1.2.1.1)");
        }
        String study = uid(req, "studyUID");
        String series = uid(req, "seriesUID");
        String object = uid(req, "objectUID");
        String contentType = req.getParameter("contentType");
        List<String> wanted = contentType == null ? List.of("image/jpeg") : List.of(contentType.split(","));
        boolean dicom = wanted.stream().map(String::strip).anyMatch(t -> MediaType.parse(t).is(MediaType.DICOM));
        if (!dicom) {
            throw HttpProblem.notAcceptable("this archive answers WADO-URI with contentType=application/dicom;"
                    + " rendered images are not available");
        }
        String ts = req.getParameter("transferSyntax");
        TransferSyntaxOffer offer = ts == null
                ? new TransferSyntaxOffer(List.of(TransferSyntaxOffer.DEFAULT, TransferSyntaxOffer.ANY))
                : new TransferSyntaxOffer(List.of(ts.strip()));
        wado.retrieveSingle(caller, scope, new WadoResource.Target(study, series, object), offer, rsp, "WADO-URI");
    }

    private static String uid(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        if (v == null || v.length() > 64 || !UID.matcher(v).matches()) {
            throw HttpProblem.badRequest(name + " is required and must be a UID (PS3.18 9.1.2.1)");
        }
        return v;
    }
}
