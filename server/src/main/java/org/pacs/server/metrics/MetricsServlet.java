// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pacs.auth.identity.AuthenticationException;
import org.pacs.auth.identity.Authenticator;
import org.pacs.auth.identity.Principal;
import org.pacs.auth.identity.Role;

/**
 * {@code GET /metrics}: the registry in the text exposition format, to the bearer of the scrape token
 * ({@link ScrapeToken}) or of an access token of an admin. No token: 401 with a Bearer challenge
 * (RFC 6750 §3); a refused one: 401 {@code invalid_token}; a valid one without the admin role: 403.
 * Until the operator has created a scrape token the endpoint does not exist (404) and the log says
 * how to create one. Scrapes are not audited: metrics hold no patient data.
 */
public final class MetricsServlet extends HttpServlet {
    public static final String PATH = "/metrics";
    private static final Logger LOG = Logger.getLogger(MetricsServlet.class.getName());
    private static final String REALM = "Bearer realm=\"pacs-metrics\"";

    private final transient MetricRegistry registry;
    private final transient ScrapeToken scrapeToken;
    private final transient Authenticator authenticator;
    private final AtomicBoolean toldOff = new AtomicBoolean();

    public MetricsServlet(MetricRegistry registry, ScrapeToken scrapeToken, Authenticator authenticator) {
        this.registry = registry;
        this.scrapeToken = scrapeToken;
        this.authenticator = authenticator;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        rsp.setHeader("Cache-Control", "no-store");
        try {
            if (!scrapeToken.configured()) {
                if (toldOff.compareAndSet(false, true)) {
                    LOG.warning("GET /metrics refused (404): no metrics scrape token; create one with"
                            + " './pacs metrics token' to turn the endpoint on");
                }
                plain(rsp, 404, "Not found\n");
                return;
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "GET /metrics refused: the scrape token file is unreadable", e);
            plain(rsp, 503, "Metrics unavailable\n");
            return;
        }
        toldOff.set(false);
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            challenge(rsp, REALM);
            return;
        }
        String token = header.substring(7).strip();
        if (!scrapeToken.matches(token)) {
            Principal principal;
            try {
                principal = authenticator.authenticate(token);
            } catch (AuthenticationException e) {
                LOG.info("GET /metrics from " + req.getRemoteAddr() + ": token refused (" + e.getMessage() + ")");
                challenge(rsp, REALM + ", error=\"invalid_token\"");
                return;
            }
            if (!principal.has(Role.ADMIN)) {
                LOG.info("GET /metrics from " + req.getRemoteAddr() + ": user '" + principal.name()
                        + "' is not an admin");
                plain(rsp, 403, "Forbidden\n");
                return;
            }
        }
        byte[] body = registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        rsp.setStatus(200);
        rsp.setContentType(TextFormat.CONTENT_TYPE);
        rsp.setContentLength(body.length);
        rsp.getOutputStream().write(body);
    }

    private static void challenge(HttpServletResponse rsp, String value) throws IOException {
        rsp.setHeader("WWW-Authenticate", value);
        plain(rsp, 401, "Authentication required\n");
    }

    private static void plain(HttpServletResponse rsp, int status, String text) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("text/plain;charset=utf-8");
        rsp.getWriter().write(text);
    }
}
