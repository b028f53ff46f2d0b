// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigException;
import org.pacs.conf.Settings;

/**
 * The OIDC provider the archive trusts ({@code identity.mode: oidc}), checked once: the issuer is
 * required, the JWKS URL defaults to Keycloak's {@code <issuer>/protocol/openid-connect/certs}, and
 * neither may be plain {@code http://} to a host other than loopback unless
 * {@code identity.oidc.allowPlaintext} is set (a key set fetched in the clear could be replaced on the
 * way, and every token with it).
 *
 * @param rolesClient the client whose client roles count besides realm roles (the audience if unset)
 * @param caCert PEM file of the CA(s) that issued the provider's HTTPS certificate, or null for the JDK's
 */
public record OidcSettings(String issuer, String audience, URI jwksUrl, String rolesClient, Path caCert,
        boolean allowPlaintext) {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    public OidcSettings {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("an OIDC issuer is required");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("an OIDC audience is required");
        }
        rolesClient = rolesClient == null || rolesClient.isBlank() ? audience : rolesClient;
        checkTransport(uri(issuer), allowPlaintext);
        checkTransport(jwksUrl, allowPlaintext);
    }

    /** @throws ConfigException naming the setting and the fix */
    public static OidcSettings of(Config config) {
        String issuer = config.string(Settings.OIDC_ISSUER).strip();
        if (issuer.isEmpty()) {
            throw new ConfigException(Settings.OIDC_ISSUER.key(), "is required when identity.mode is oidc",
                    "set it to the realm's issuer, e.g. https://keycloak.example/realms/pacs");
        }
        String jwks = config.string(Settings.OIDC_JWKS_URL).strip();
        try {
            URI jwksUri = jwks.isEmpty() ? defaultJwksUrl(issuer) : uri(jwks);
            return new OidcSettings(issuer, config.string(Settings.OIDC_AUDIENCE).strip(), jwksUri,
                    config.string(Settings.OIDC_ROLES_CLIENT).strip(), config.path(Settings.OIDC_CA_CERT),
                    config.bool(Settings.OIDC_ALLOW_PLAINTEXT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(jwks.isEmpty() ? Settings.OIDC_ISSUER.key() : Settings.OIDC_JWKS_URL.key(),
                    e.getMessage(), "use an https:// URL, or set identity.oidc.allowPlaintext on a trusted network");
        }
    }

    /** Keycloak's key set endpoint for {@code issuer}. */
    public static URI defaultJwksUrl(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        return uri(base + "/protocol/openid-connect/certs");
    }

    static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        return host != null && (LOOPBACK.contains(host.toLowerCase(Locale.ROOT)) || host.startsWith("127."));
    }

    private static void checkTransport(URI uri, boolean allowPlaintext) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException(uri + " is not an http(s) URL with a host");
        }
        if (scheme.equals("http") && !allowPlaintext && !isLoopback(uri)) {
            throw new IllegalArgumentException(uri + " is plain http to a host other than loopback");
        }
    }

    private static URI uri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a URL: " + e.getMessage(), e);
        }
    }
}
