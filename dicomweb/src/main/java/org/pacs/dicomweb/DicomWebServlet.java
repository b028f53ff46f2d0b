// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.CatalogException;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.auth.identity.Role;
import org.pacs.dicomweb.http.BodyLimitFilter;
import org.pacs.dicomweb.http.Caller;
import org.pacs.dicomweb.http.HttpProblem;
import org.pacs.dicomweb.http.MediaType;
import org.pacs.dicomweb.http.WebAudit;
import org.pacs.dicomweb.qido.QidoResource;
import org.pacs.dicomweb.stow.StowResource;
import org.pacs.dicomweb.uri.WadoUriResource;
import org.pacs.dicomweb.wado.PixelResource;
import org.pacs.dicomweb.wado.WadoResource;
import org.pacs.dicomweb.wado.WadoResource.Target;

/**
 * The DICOMweb service root (PS3.18 §10): routes each request by method and path to QIDO-RS, WADO-RS,
 * STOW-RS, WADO-URI or the capabilities, after the role check: {@code admin}, {@code radiologist} and
 * {@code referring-physician} read (inside their scope), {@code admin}, {@code radiologist} and
 * {@code uploader} store, {@code auditor} has no DICOMweb access. Problems become their HTTP status
 * with a short plain-text reason; a failure after the answer began aborts the connection, so a client
 * never takes a truncated answer for a whole one.
 */
final class DicomWebServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(DicomWebServlet.class.getName());
    private static final Set<Role> READERS = Set.of(Role.ADMIN, Role.RADIOLOGIST, Role.REFERRING_PHYSICIAN);
    private static final Set<Role> STORERS = Set.of(Role.ADMIN, Role.RADIOLOGIST, Role.UPLOADER);
    private static final String NOT_IMPLEMENTED = "rendered study and series resources are not offered; ask for"
            + " an instance's rendered resource or a thumbnail";

    private final ScopeResolver scopes;
    private final WebAudit audit;
    private final QidoResource qido;
    private final WadoResource wado;
    private final StowResource stow;
    private final PixelResource pixels;
    private final WadoUriResource wadoUri;

    DicomWebServlet(ArchiveServices archive, ScopeResolver scopes, WebAudit audit) {
        this.scopes = scopes;
        this.audit = audit;
        this.qido = new QidoResource(archive.engine(), archive.queryOptions(), audit);
        this.wado = new WadoResource(archive.blobs(), archive.retriever(), audit);
        this.stow = new StowResource(archive.ingest());
        this.pixels = new PixelResource(archive.blobs(), wado, audit);
        this.wadoUri = new WadoUriResource(wado, pixels);
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        try {
            route(req, rsp);
        } catch (HttpProblem p) {
            fail(rsp, p.status(), p.getMessage());
        } catch (BodyLimitFilter.BodyTooLargeException e) {
            rsp.setHeader("Connection", "close");
            fail(rsp, 413, "Request body too large");
        } catch (CatalogException e) {
            LOG.log(Level.WARNING, "DICOMweb request failed in the catalog: " + e.getMessage());
            failOrAbort(rsp, 503, "Service unavailable", e);
        } catch (IOException e) {
            failOrAbort(rsp, 500, "Internal error", e);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "DICOMweb request failed", e);
            failOrAbort(rsp, 500, "Internal error", e);
        }
    }

    private void route(HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        String method = req.getMethod();
        String path = req.getPathInfo() == null ? "" : req.getPathInfo();
        if (req.getServletPath().equals("/wado")) {
            Caller caller = requireRole(req, READERS, "WADO-URI");
            require(method, "GET");
            wadoUri.get(caller, scopes.scopeOf(caller.principal()), req, rsp);
            return;
        }
        List<String> s = segments(path);
        String root = serviceRoot(req);
        if (s.isEmpty()) {
            requireRole(req, union(), "capabilities");
            if (!method.equals("GET") && !method.equals("OPTIONS")) {
                throw methodNotAllowed("GET, OPTIONS");
            }
            capabilities(req, rsp, root);
            return;
        }
        if (!s.getFirst().equals("studies") && !s.getFirst().equals("series") && !s.getFirst().equals("instances")) {
            throw HttpProblem.notFound();
        }
        if (method.equals("POST")) {
            if (!s.getFirst().equals("studies") || s.size() > 2) {
                throw methodNotAllowed("GET");
            }
            Caller caller = requireRole(req, STORERS, "STOW-RS");
            stow.store(caller, s.size() == 2 ? uid(s.get(1)) : null, req, rsp, root);
            return;
        }
        require(method, "GET");
        Caller caller = requireRole(req, READERS, "DICOMweb read");
        AccessScope scope = scopes.scopeOf(caller.principal());
        get(caller, scope, s, req, rsp, root);
    }

    private void get(Caller caller, AccessScope scope, List<String> s, HttpServletRequest req,
            HttpServletResponse rsp, String root) throws IOException {
        int n = s.size();
        String first = s.getFirst();
        if (n == 1) {
            QueryRetrieveLevel level = switch (first) {
                case "studies" -> QueryRetrieveLevel.STUDY;
                case "series" -> QueryRetrieveLevel.SERIES;
                default -> QueryRetrieveLevel.IMAGE;
            };
            qido.search(caller, scope, level, null, null, req, rsp, root);
            return;
        }
        if (!first.equals("studies")) {
            throw HttpProblem.notFound();
        }
        String study = uid(s.get(1));
        Target studyTarget = new Target(study, null, null);
        if (n == 2) {
            wado.retrieve(caller, scope, studyTarget, req, rsp);
            return;
        }
        String third = s.get(2);
        if (n == 3) {
            switch (third) {
                case "metadata" -> wado.metadata(caller, scope, studyTarget, req, rsp, root);
                case "series" -> qido.search(caller, scope, QueryRetrieveLevel.SERIES, study, null, req, rsp, root);
                case "instances" -> qido.search(caller, scope, QueryRetrieveLevel.IMAGE, study, null, req, rsp, root);
                case "rendered" -> notImplemented(caller, scope, studyTarget);
                case "thumbnail" -> pixels.rendered(caller, scope, studyTarget, 0, true, req, rsp);
                default -> throw HttpProblem.notFound();
            }
            return;
        }
        if (!third.equals("series")) {
            throw HttpProblem.notFound();
        }
        String series = uid(s.get(3));
        Target seriesTarget = new Target(study, series, null);
        if (n == 4) {
            wado.retrieve(caller, scope, seriesTarget, req, rsp);
            return;
        }
        String fifth = s.get(4);
        if (n == 5) {
            switch (fifth) {
                case "metadata" -> wado.metadata(caller, scope, seriesTarget, req, rsp, root);
                case "instances" -> qido.search(caller, scope, QueryRetrieveLevel.IMAGE, study, series, req, rsp, root);
                case "rendered" -> notImplemented(caller, scope, seriesTarget);
                case "thumbnail" -> pixels.rendered(caller, scope, seriesTarget, 0, true, req, rsp);
                default -> throw HttpProblem.notFound();
            }
            return;
        }
        if (!fifth.equals("instances")) {
            throw HttpProblem.notFound();
        }
        Target instance = new Target(study, series, uid(s.get(5)));
        if (n == 6) {
            wado.retrieve(caller, scope, instance, req, rsp);
            return;
        }
        String seventh = s.get(6);
        switch (seventh) {
            case "metadata" -> {
                if (n != 7) {
                    throw HttpProblem.notFound();
                }
                wado.metadata(caller, scope, instance, req, rsp, root);
            }
            case "bulkdata" -> {
                if (n < 8) {
                    throw HttpProblem.notFound();
                }
                wado.bulkData(caller, scope, instance, String.join("/", s.subList(7, n)), req, rsp);
            }
            case "rendered", "thumbnail" -> {
                if (n != 7) {
                    throw HttpProblem.notFound();
                }
                pixels.rendered(caller, scope, instance, 0, seventh.equals("thumbnail"), req, rsp);
            }
            case "frames" -> frames(caller, scope, instance, s, req, rsp);
            default -> throw HttpProblem.notFound();
        }
    }

    /** {@code frames/{list}}, {@code frames/{n}/rendered}, {@code frames/{list}/thumbnail}. */
    private void frames(Caller caller, AccessScope scope, Target instance, List<String> s, HttpServletRequest req,
            HttpServletResponse rsp) throws IOException {
        int n = s.size();
        if (n == 8) {
            pixels.frames(caller, scope, instance, s.get(7), req, rsp);
        } else if (n == 9 && s.get(8).equals("rendered")) {
            if (!s.get(7).matches("[1-9][0-9]{0,8}")) {
                throw HttpProblem.badRequest("a rendered frame names one frame number");
            }
            pixels.rendered(caller, scope, instance, Integer.parseInt(s.get(7)), false, req, rsp);
        } else if (n == 9 && s.get(8).equals("thumbnail")) {
            pixels.rendered(caller, scope, instance, 0, true, req, rsp);
        } else {
            throw HttpProblem.notFound();
        }
    }

    /** Visibility first (a study out of scope is 404 here too), then 501 Not Implemented. */
    private void notImplemented(Caller caller, AccessScope scope, Target target) {
        wado.resolve(caller, scope, target, "WADO-RS rendered/frames");
        throw new HttpProblem(501, NOT_IMPLEMENTED);
    }

    private void capabilities(HttpServletRequest req, HttpServletResponse rsp, String root) throws IOException {
        Boolean json = null;
        for (MediaType m : MediaType.parseAccept(req.getHeader("Accept"))) {
            if (m.is(MediaType.JSON)) {
                json = true;
                break;
            }
            if (m.covers("application", "vnd.sun.wadl+xml")) {
                json = false;
                break;
            }
        }
        if (json == null) {
            throw HttpProblem.notAcceptable("capabilities are answered as application/vnd.sun.wadl+xml or"
                    + " application/json");
        }
        rsp.setStatus(200);
        rsp.setHeader("Allow", "GET, POST, OPTIONS");
        rsp.setContentType(json ? "application/json" : "application/vnd.sun.wadl+xml");
        rsp.getOutputStream().write((json ? Capabilities.json(root) : Capabilities.wadl(root))
                .getBytes(StandardCharsets.UTF_8));
    }

    private Caller requireRole(HttpServletRequest req, Set<Role> allowed, String what) {
        Caller caller = (Caller) req.getAttribute(Caller.ATTRIBUTE);
        if (caller == null) {
            throw new HttpProblem(401, "Authentication required");
        }
        if (caller.principal().roles().stream().noneMatch(allowed::contains)) {
            audit.denied(caller, what, "roles " + caller.principal().roles() + " do not allow it");
            throw HttpProblem.forbidden();
        }
        return caller;
    }

    private static Set<Role> union() {
        return Set.of(Role.ADMIN, Role.RADIOLOGIST, Role.REFERRING_PHYSICIAN, Role.UPLOADER);
    }

    private static void require(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw methodNotAllowed(allowed);
        }
    }

    private static HttpProblem methodNotAllowed(String allow) {
        return new HttpProblem(405, "Method not allowed; allowed: " + allow);
    }

    private static List<String> segments(String path) {
        return Arrays.stream(path.split("/")).filter(x -> !x.isEmpty()).toList();
    }

    private static String uid(String s) {
        if (s.length() > 64 || !s.matches("[0-9]+(\\.[0-9]+)*")) {
            throw HttpProblem.badRequest("malformed UID in the path");
        }
        return s;
    }

    /** The absolute URL of the service root, for Retrieve URLs and BulkDataURIs. */
    private static String serviceRoot(HttpServletRequest req) {
        String url = req.getRequestURL().toString();
        String info = req.getPathInfo();
        return info == null ? url : url.substring(0, url.length() - info.length());
    }

    private static void fail(HttpServletResponse rsp, int status, String reason) throws IOException {
        if (rsp.isCommitted()) {
            throw new IOException("response already begun: " + reason);
        }
        rsp.resetBuffer();
        rsp.setStatus(status);
        if (status == 405) {
            rsp.setHeader("Allow", reason.substring(reason.indexOf(": ") + 2));
        }
        rsp.setContentType("text/plain;charset=utf-8");
        rsp.getOutputStream().write((reason + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void failOrAbort(HttpServletResponse rsp, int status, String reason, Exception cause)
            throws IOException {
        if (rsp.isCommitted()) {
            // Abort the connection: the client must not see a truncated answer as complete.
            throw cause instanceof IOException io ? io : new IOException(cause);
        }
        fail(rsp, status, reason);
    }
}
