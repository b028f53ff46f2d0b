// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pacs.auth.identity.AuthenticationException;
import org.pacs.auth.identity.EmbeddedSignIn;
import org.pacs.auth.identity.SignInTokens;

/**
 * The embedded identity provider's token endpoint over HTTPS, in the shape of OAuth 2.0 (RFC 6749):
 * {@code POST /auth/token} with a form body, {@code grant_type=password} (username, password, §4.3) or
 * {@code grant_type=refresh_token} (§6), answering the §5.1 JSON token response or a §5.2 error with
 * one message for every refusal; {@code POST /auth/logout} with the refresh token ends the session.
 * Lockout, auditing and token rotation are the sign-in service's.
 *
 * <pre>{@code
 * curl -d grant_type=password -d username=dr-smith --data-urlencode password@pw https://pacs:8443/auth/token
 * }</pre>
 */
public final class TokenServlet extends HttpServlet {
    private static final Logger LOG = Logger.getLogger(TokenServlet.class.getName());

    private final EmbeddedSignIn signIn;

    public TokenServlet(EmbeddedSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse rsp) throws IOException {
        String type = req.getContentType();
        if (type == null || !MediaType.parse(type).is(MediaType.parse("application/x-www-form-urlencoded"))) {
            error(rsp, 400, "invalid_request", "send the parameters as application/x-www-form-urlencoded");
            return;
        }
        String address = req.getRemoteAddr();
        try {
            if (req.getServletPath().endsWith("/logout")) {
                String refresh = req.getParameter("refresh_token");
                if (refresh != null) {
                    signIn.logout(refresh, address);
                }
                rsp.setStatus(204);
                return;
            }
            String grant = req.getParameter("grant_type");
            SignInTokens tokens;
            if ("password".equals(grant)) {
                String user = req.getParameter("username");
                String password = req.getParameter("password");
                if (user == null || password == null) {
                    error(rsp, 400, "invalid_request", "username and password are required");
                    return;
                }
                tokens = signIn.login(user, password.toCharArray(), address);
            } else if ("refresh_token".equals(grant)) {
                String refresh = req.getParameter("refresh_token");
                if (refresh == null) {
                    error(rsp, 400, "invalid_request", "refresh_token is required");
                    return;
                }
                tokens = signIn.refresh(refresh, address);
            } else {
                error(rsp, 400, "unsupported_grant_type", "grant_type must be password or refresh_token");
                return;
            }
            long expiresIn = Math.max(0, Duration.between(Instant.now(), tokens.accessExpiresAt()).toSeconds());
            rsp.setStatus(200);
            rsp.setHeader("Pragma", "no-cache");
            rsp.setContentType("application/json");
            rsp.getOutputStream().write(("{\"access_token\":\"" + tokens.accessToken() + "\",\"token_type\":\"Bearer\","
                    + "\"expires_in\":" + expiresIn + ",\"refresh_token\":\"" + tokens.refreshToken() + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (AuthenticationException e) {
            error(rsp, 400, "invalid_grant", "sign-in refused");
        } catch (IOException e) {
            LOG.log(Level.WARNING, "sign-in failed in the identity store", e);
            error(rsp, 503, "temporarily_unavailable", "sign-in is unavailable");
        }
    }

    private static void error(HttpServletResponse rsp, int status, String code, String description) throws IOException {
        rsp.setStatus(status);
        rsp.setContentType("application/json");
        rsp.getOutputStream().write(("{\"error\":\"" + code + "\",\"error_description\":\"" + description + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
