// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every API response carries: a Content Security Policy that allows nothing (API responses
 * are data, never documents), no MIME sniffing, no referrer, no framing, and no caching of patient
 * data. HSTS is added by the HTTPS connector for every response, errors included.
 */
public final class SecurityHeadersFilter extends HttpFilter {
    public static final String CSP = "default-src 'none'; frame-ancestors 'none'";

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain)
            throws IOException, ServletException {
        rsp.setHeader("Content-Security-Policy", CSP);
        rsp.setHeader("X-Content-Type-Options", "nosniff");
        rsp.setHeader("Referrer-Policy", "no-referrer");
        rsp.setHeader("X-Frame-Options", "DENY");
        rsp.setHeader("Cache-Control", "no-store");
        chain.doFilter(req, rsp);
    }
}
