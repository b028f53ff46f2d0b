// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.wado;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.archive.retrieve.Retrieval;
import org.pacs.dicomweb.http.Caller;
import org.pacs.dicomweb.http.HttpProblem;
import org.pacs.dicomweb.http.MediaType;
import org.pacs.dicomweb.http.MultipartWriter;
import org.pacs.dicomweb.http.WebAudit;
import org.pacs.dicomweb.render.CannotRenderException;
import org.pacs.dicomweb.render.Frame;
import org.pacs.dicomweb.render.FrameMediaType;
import org.pacs.dicomweb.render.FrameNotFoundException;
import org.pacs.dicomweb.render.FrameRetriever;
import org.pacs.dicomweb.render.InvalidRenderParameterException;
import org.pacs.dicomweb.render.NoPixelDataException;
import org.pacs.dicomweb.render.PixelDataException;
import org.pacs.dicomweb.render.PixelDataTooLargeException;
import org.pacs.dicomweb.render.RenderParameters;
import org.pacs.dicomweb.render.Rendered;
import org.pacs.dicomweb.render.RenderedMediaType;
import org.pacs.dicomweb.render.Renderer;
import org.pacs.dicomweb.render.RetrievedFrames;
import org.pacs.dicomweb.render.UnsupportedPixelDataException;
import org.pacs.dicomweb.render.Viewport;
import org.pacs.dicomweb.render.Window;
import org.pacs.storage.blob.BlobStore;

/**
 * The pixel resources of WADO-RS (PS3.18 §10.4.1.1.3): frames (native frames uncompressed, compressed
 * ones passed through in their stored syntax, §8.7.3), rendered and thumbnail images (JPEG or PNG,
 * §8.7.4), and rendered images for WADO-URI. The instance is resolved inside the caller's scope first,
 * then read once from the blob store by the render library.
 */
public final class PixelResource {
    private final BlobStore blobs;
    private final WadoResource wado;
    private final WebAudit audit;
    private final FrameRetriever frames = new FrameRetriever();
    private final Renderer renderer = new Renderer();

    public PixelResource(BlobStore blobs, WadoResource wado, WebAudit audit) {
        this.blobs = blobs;
        this.wado = wado;
        this.audit = audit;
    }

    /** Retrieve Frames: {@code multipart/related} with one part per frame asked for. */
    public void frames(Caller caller, AccessScope scope, WadoResource.Target target, String frameList,
            HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        List<Integer> numbers = checked(() -> FrameRetriever.parseFrameList(frameList));
        Retrieval r = wado.resolve(caller, scope, target, "WADO-RS frames");
        InstanceLocation i = r.instances().getFirst();
        FrameMediaType type = checked(() -> FrameMediaType.forTransferSyntax(i.transferSyntaxUid()));
        if (!acceptsFrames(req.getHeader("Accept"), type)) {
            throw HttpProblem.notAcceptable("the frames of this instance are available as multipart/related; type=\""
                    + type.type() + "\"; transfer-syntax=" + type.transferSyntaxUid() + " only (never decompressed)");
        }
        RetrievedFrames got;
        try (InputStream in = blobs.open(i.blob().toBlobRef())) {
            got = checked(() -> frames.retrieve(in, numbers));
        }
        audit.retrieved(caller, r.studiesByPatient(), "WADO-RS frames");
        MultipartWriter mp = new MultipartWriter(rsp.getOutputStream());
        rsp.setStatus(200);
        rsp.setContentType(MediaType.MULTIPART_RELATED.withParam("type", got.mediaType().type())
                .withParam("boundary", mp.boundary()).toString());
        for (Frame f : got.frames()) {
            mp.part(got.mediaType().toString(), null).write(f.bytes());
        }
        mp.finish();
    }

    /**
     * PS3.18 §8.7.3.5: a multipart/related range with {@code transfer-syntax=*} takes the frames as stored
     * whatever its type parameter names (viewers ask {@code type="application/octet-stream";
     * transfer-syntax=*} and decode JPEG 2000 parts from it); otherwise its type must cover the frame
     * media type and its transfer-syntax, when given, be the frames' syntax. A wild card accepts too.
     */
    static boolean acceptsFrames(String accept, FrameMediaType type) {
        String[] t = type.type().split("/");
        for (MediaType m : MediaType.parseAccept(accept)) {
            if (m.is(MediaType.MULTIPART_RELATED)) {
                String inner = m.param("type");
                MediaType innerType = inner == null ? null : MediaType.parse(inner);
                String ts = m.param("transfer-syntax");
                if (ts == null && innerType != null) {
                    ts = innerType.param("transfer-syntax");
                }
                if ("*".equals(ts)) {
                    return true;
                }
                if (innerType != null && !innerType.covers(t[0], t[1])) {
                    continue;
                }
                if (ts == null || ts.equals(type.transferSyntaxUid())) {
                    return true;
                }
            } else if (m.covers("multipart", "related") && m.isWildcard()) {
                return true;
            }
        }
        return false;
    }

    /** Rendered instance or frame ({@code frameNumber} 0 for the instance), or a thumbnail. */
    public void rendered(Caller caller, AccessScope scope, WadoResource.Target target, int frameNumber,
            boolean thumbnail, HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        RenderedMediaType mediaType = renderedType(req.getHeader("Accept"));
        RenderParameters params = checked(() -> RenderParameters.parse(req.getParameter("window"),
                req.getParameter("viewport"), req.getParameter("quality"), mediaType));
        Retrieval r = wado.resolve(caller, scope, target, thumbnail ? "WADO-RS thumbnail" : "WADO-RS rendered");
        // A study or series thumbnail shows its middle instance (PS3.18 leaves the choice to the server).
        InstanceLocation i = r.instances().get(target.instance() == null ? r.size() / 2 : 0);
        Rendered image;
        try (InputStream in = blobs.open(i.blob().toBlobRef())) {
            image = checked(() -> thumbnail ? renderer.thumbnail(in, params)
                    : frameNumber > 0 ? renderer.renderFrame(in, frameNumber, params) : renderer.render(in, params));
        }
        audit.retrieved(caller, r.studiesByPatient(), thumbnail ? "WADO-RS thumbnail" : "WADO-RS rendered");
        rsp.setStatus(200);
        rsp.setContentType(image.mediaType().mediaType());
        rsp.setContentLength(image.bytes().length);
        rsp.getOutputStream().write(image.bytes());
    }

    /**
     * A WADO-URI rendered image (PS3.18 §9.1.2.1): {@code windowCenter}/{@code windowWidth},
     * {@code rows}/{@code columns} as the viewport, {@code frameNumber}, {@code imageQuality}.
     */
    public void renderedUri(Caller caller, AccessScope scope, WadoResource.Target target, RenderedMediaType type,
            HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        RenderParameters params = checked(() -> {
            String center = req.getParameter("windowCenter");
            String width = req.getParameter("windowWidth");
            Window w = center != null && width != null ? Window.parse(center + "," + width + ",LINEAR") : null;
            String rows = req.getParameter("rows");
            String columns = req.getParameter("columns");
            Viewport v = rows != null || columns != null
                    ? Viewport.parse((columns == null ? "0" : columns) + "," + (rows == null ? "0" : rows)) : null;
            RenderParameters p = RenderParameters.parse(null, null, req.getParameter("imageQuality"), type);
            return new RenderParameters(w, v, p.quality(), type);
        });
        String frame = req.getParameter("frameNumber");
        int frameNumber = frame == null ? 0 : checked(() -> FrameRetriever.parseFrameList(frame)).getFirst();
        Retrieval r = wado.resolve(caller, scope, target, "WADO-URI rendered");
        Rendered image;
        try (InputStream in = blobs.open(r.instances().getFirst().blob().toBlobRef())) {
            image = checked(() -> frameNumber > 0 ? renderer.renderFrame(in, frameNumber, params)
                    : renderer.render(in, params));
        }
        audit.retrieved(caller, r.studiesByPatient(), "WADO-URI rendered");
        rsp.setStatus(200);
        rsp.setContentType(image.mediaType().mediaType());
        rsp.setContentLength(image.bytes().length);
        rsp.getOutputStream().write(image.bytes());
    }

    /** image/jpeg (the default) or image/png (PS3.18 §8.7.4). */
    static RenderedMediaType renderedType(String accept) {
        for (MediaType m : MediaType.parseAccept(accept)) {
            if (m.covers("image", "jpeg")) {
                return RenderedMediaType.JPEG;
            }
            if (m.covers("image", "png")) {
                return RenderedMediaType.PNG;
            }
        }
        throw HttpProblem.notAcceptable("rendered resources are answered as image/jpeg or image/png");
    }

    @FunctionalInterface
    private interface PixelWork<T> {
        T run() throws IOException, PixelDataException;
    }

    /** The render library's answers as HTTP statuses, with its message (it names no patient data). */
    private static <T> T checked(PixelWork<T> work) throws IOException {
        try {
            return work.run();
        } catch (FrameNotFoundException | NoPixelDataException e) {
            throw new HttpProblem(404, e.getMessage());
        } catch (InvalidRenderParameterException | PixelDataTooLargeException e) {
            throw HttpProblem.badRequest(e.getMessage());
        } catch (CannotRenderException e) {
            throw HttpProblem.notAcceptable(e.getMessage());
        } catch (UnsupportedPixelDataException e) {
            throw HttpProblem.notAcceptable(e.getMessage());
        } catch (PixelDataException e) {
            throw HttpProblem.badRequest(e.getMessage());
        }
    }
}
