// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Cross-origin access (the Fetch standard's CORS protocol) for the configured viewer origins only: their
 * requests get {@code Access-Control-Allow-Origin} naming them, their preflights are answered here; any
 * other origin gets no CORS header, so browsers keep its pages away from the data. Credentials travel
 * as bearer tokens, never cookies, so credentialed CORS is not offered.
 */
public final class CorsFilter extends HttpFilter {
    private static final String METHODS = "GET, POST, OPTIONS";
    private static final String HEADERS = "Authorization, Accept, Content-Type";
    private static final String EXPOSED = "Content-Type, Content-Location, Content-Length, Warning";

    private final Set<String> origins;

    public CorsFilter(List<String> viewerOrigins) {
        this.origins = viewerOrigins.stream().map(o -> o.strip().toLowerCase(Locale.ROOT))
                .map(o -> o.endsWith("/") ? o.substring(0, o.length() - 1) : o).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain)
            throws IOException, ServletException {
        String origin = req.getHeader("Origin");
        boolean preflight = "OPTIONS".equals(req.getMethod()) && origin != null
                && req.getHeader("Access-Control-Request-Method") != null;
        boolean allowed = origin != null && origins.contains(origin.toLowerCase(Locale.ROOT));
        if (origin != null) {
            rsp.addHeader("Vary", "Origin");
        }
        if (preflight) {
            if (!allowed) {
                rsp.setStatus(403);
                return;
            }
            rsp.setHeader("Access-Control-Allow-Origin", origin);
            rsp.setHeader("Access-Control-Allow-Methods", METHODS);
            rsp.setHeader("Access-Control-Allow-Headers", HEADERS);
            rsp.setHeader("Access-Control-Max-Age", "600");
            rsp.setStatus(204);
            return;
        }
        if (allowed) {
            rsp.setHeader("Access-Control-Allow-Origin", origin);
            rsp.setHeader("Access-Control-Expose-Headers", EXPOSED);
        }
        chain.doFilter(req, rsp);
    }
}
