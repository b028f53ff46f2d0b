// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Logger;
import org.pacs.auth.identity.AuthenticationException;
import org.pacs.auth.identity.Authenticator;
import org.pacs.auth.identity.Principal;

/**
 * Requires {@code Authorization: Bearer <token>} (RFC 6750 §2.1) on every request it guards and puts
 * the verified {@link Caller} on the request. Without a token: 401 with {@code WWW-Authenticate: Bearer};
 * with a refused one: 401 with {@code error="invalid_token"} (§3.1), audited. The reason a token was
 * refused goes to the log and the audit trail, never to the client.
 */
public final class BearerAuthFilter extends HttpFilter {
    private static final Logger LOG = Logger.getLogger(BearerAuthFilter.class.getName());
    private static final String REALM = "Bearer realm=\"pacs\"";

    private final Authenticator authenticator;
    private final WebAudit audit;

    public BearerAuthFilter(Authenticator authenticator, WebAudit audit) {
        this.authenticator = authenticator;
        this.audit = audit;
    }

    @Override
    protected void doFilter(HttpServletRequest req, HttpServletResponse rsp, FilterChain chain)
            throws IOException, ServletException {
        String header = req.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.substring(7).isBlank()) {
            challenge(rsp, REALM);
            return;
        }
        String token = header.substring(7).strip();
        Principal principal;
        try {
            principal = authenticator.authenticate(token);
        } catch (AuthenticationException e) {
            LOG.info("bearer token from " + req.getRemoteAddr() + " refused: " + e.getMessage());
            audit.authenticationFailed(req.getRemoteAddr(), e.getMessage());
            challenge(rsp, REALM + ", error=\"invalid_token\"");
            return;
        }
        req.setAttribute(Caller.ATTRIBUTE, new Caller(principal, req.getRemoteAddr()));
        chain.doFilter(req, rsp);
    }

    private static void challenge(HttpServletResponse rsp, String value) throws IOException {
        rsp.setHeader("WWW-Authenticate", value);
        rsp.setStatus(401);
        rsp.setContentType("text/plain;charset=utf-8");
        rsp.getWriter().write("Authentication required\n");
    }
}
