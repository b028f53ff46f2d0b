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
import org.pacs.dicomweb.render.RenderedMediaType;
import org.pacs.dicomweb.wado.PixelResource;
import org.pacs.dicomweb.wado.TransferSyntaxOffer;
import org.pacs.dicomweb.wado.WadoResource;

/**
 * WADO-URI (PS3.18 §9): {@code requestType=WADO&studyUID=..&seriesUID=..&objectUID=..} with
 * {@code contentType=application/dicom} answers the instance as a PS3.10 file, through the same
 * retrieve path and scope as WADO-RS. Without {@code transferSyntax} the instance comes in Explicit
 * VR Little Endian when it is stored uncompressed, else as stored (the archive never decompresses).
 * {@code image/jpeg} (the default) and {@code image/png} answer the rendered image, with
 * {@code windowCenter}/{@code windowWidth}, {@code rows}/{@code columns}, {@code frameNumber} and
 * {@code imageQuality}.
 */
public final class WadoUriResource {
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");

    private final WadoResource wado;
    private final PixelResource pixels;

    public WadoUriResource(WadoResource wado, PixelResource pixels) {
        this.wado = wado;
        this.pixels = pixels;
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
        WadoResource.Target target = new WadoResource.Target(study, series, object);
        for (String t : wanted) {
            MediaType type = MediaType.parse(t.strip());
            if (type.is(MediaType.DICOM)) {
                dicom(caller, scope, target, req, rsp);
                return;
            }
            RenderedMediaType rendered = RenderedMediaType.of(type.type() + "/" + type.subtype());
            if (rendered != null) {
                pixels.renderedUri(caller, scope, target, rendered, req, rsp);
                return;
            }
        }
        throw HttpProblem.notAcceptable("WADO-URI answers contentType application/dicom, image/jpeg or image/png");
    }

    private void dicom(Caller caller, AccessScope scope, WadoResource.Target target, HttpServletRequest req,
            HttpServletResponse rsp) throws IOException {
        String ts = req.getParameter("transferSyntax");
        TransferSyntaxOffer offer = ts == null
                ? new TransferSyntaxOffer(List.of(TransferSyntaxOffer.DEFAULT, TransferSyntaxOffer.ANY))
                : new TransferSyntaxOffer(List.of(ts.strip()));
        wado.retrieveSingle(caller, scope, target, offer, rsp, "WADO-URI");
    }

    private static String uid(HttpServletRequest req, String name) {
        String v = req.getParameter(name);
        if (v == null || v.length() > 64 || !UID.matcher(v).matches()) {
            throw HttpProblem.badRequest(name + " is required and must be a UID (PS3.18 9.1.2.1)");
        }
        return v;
    }
}
