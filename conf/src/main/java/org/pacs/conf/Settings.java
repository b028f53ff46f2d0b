// SPDX-License-Identifier: Apache-2.0
package org.pacs.conf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every configuration key the archive knows, with its secure default. A key not listed here is an
 * error in {@code pacs.yaml}, so a typo can never silently leave a default in force.
 */
public final class Settings {
    public static final Setting AE_TITLE = Setting.aeTitle("server.aeTitle", "PACS",
            "the archive's own AE title (called AE title of incoming associations)");
    public static final Setting BIND_ADDRESS = Setting.string("server.bindAddress", "0.0.0.0",
            "address the DICOM-TLS and HTTPS listeners bind to");
    public static final Setting HOSTNAMES = Setting.list("server.hostnames", List.of("localhost"),
            "host names and IP addresses put in the server certificate");
    public static final Setting DICOM_TLS_PORT = Setting.integer("server.dicomTlsPort", 2762, 1, 65535,
            "DICOM over TLS port (2762 is registered for DICOM-TLS)");
    public static final Setting HTTPS_PORT = Setting.integer("server.httpsPort", 8443, 1, 65535,
            "HTTPS port of DICOMweb and the web pages");
    public static final Setting TLS_CLIENT_AUTH = Setting.choice("tls.clientAuth", "required",
            List.of("required", "optional"), "whether DICOM peers must present a client certificate");
    public static final Setting TLS_PROTOCOLS = Setting.list("tls.protocols", List.of("TLSv1.3", "TLSv1.2"),
            "TLS versions offered (TLSv1.3 and/or TLSv1.2 only)");
    public static final Setting LEGACY_ENABLED = Setting.bool("legacy.enabled", false,
            "plaintext DICOM listener for legacy modalities (store only, registered legacy AEs from their IP)");
    public static final Setting LEGACY_PORT = Setting.integer("legacy.port", 11112, 1, 65535,
            "port of the plaintext legacy listener");
    public static final Setting MAX_ASSOCIATIONS = Setting.integer("limits.maxAssociations", 100, 1, 10_000,
            "concurrent DICOM associations in total");
    public static final Setting MAX_ASSOCIATIONS_PER_PEER = Setting.integer("limits.maxAssociationsPerPeer", 10,
            1, 10_000, "concurrent DICOM associations from one peer address");
    public static final Setting IDLE_TIMEOUT = Setting.integer("limits.idleTimeoutSeconds", 60, 1, 86_400,
            "seconds an association may stay idle before it is released");
    public static final Setting ARTIM_TIMEOUT = Setting.integer("limits.artimTimeoutSeconds", 10, 1, 600,
            "seconds the ARTIM timer waits for association setup or release (PS3.8 §9.1.5)");
    public static final Setting MAX_PDU_LENGTH = Setting.integer("limits.maxPduLength", 262_144, 4_096,
            16_777_216, "largest P-DATA-TF PDU the archive receives");
    public static final Setting DUPLICATE_POLICY = Setting.choice("storage.duplicates", "keep",
            List.of("keep", "replace"), "a second object with a known SOP Instance UID: keep the first or replace it");
    public static final Setting KEK_SECRET_FILE = Setting.path("storage.kekSecretPath",
            "file holding the key-encryption-key secret (outside the data directory; e.g. /run/secrets/pacs_kek)");
    public static final Setting KEK_SECRET = Setting.secret("storage.kekSecret",
            "the key-encryption-key secret itself (prefer storage.kekSecretPath or a Docker secret)");
    public static final Setting CATALOG_URL = Setting.string("catalog.url", "",
            "JDBC URL of the catalog; empty for the embedded encrypted H2 database");
    public static final Setting CATALOG_USER = Setting.string("catalog.user", "", "catalog database user");
    public static final Setting CATALOG_PASSWORD = Setting.secret("catalog.password", "catalog database password");
    public static final Setting CATALOG_SSL_ROOT_CERT = Setting.path("catalog.sslRootCert",
            "PEM file with the CA certificate(s) that issued the PostgreSQL server's certificate (verify-full TLS)");
    public static final Setting CATALOG_ALLOW_PLAINTEXT = Setting.bool("catalog.allowPlaintext", false,
            "allow the catalog database on a host other than loopback without TLS that verifies the server"
                    + " (only on a network you trust)");
    public static final Setting SYSLOG_ENABLED = Setting.bool("audit.syslog.enabled", false,
            "forward audit messages to a syslog collector over TLS (RFC 5425)");
    public static final Setting SYSLOG_HOST = Setting.string("audit.syslog.host", "", "syslog collector host");
    public static final Setting SYSLOG_PORT = Setting.integer("audit.syslog.port", 6514, 1, 65535,
            "syslog collector port (6514 is syslog over TLS)");
    public static final Setting QUERY_CASE_INSENSITIVE_NAMES = Setting.bool("query.caseInsensitiveNames", false,
            "match person names in C-FIND and QIDO-RS regardless of case and accents (PS3.4 §C.2.2.2.1 allows it)");
    public static final Setting VIEWER_ORIGINS = Setting.list("web.viewerOrigins", List.of(),
            "origins allowed by CORS (empty: same origin only)");
    public static final Setting HTTPS_ENABLED = Setting.bool("web.enabled", true,
            "serve DICOMweb and the web pages over HTTPS on server.httpsPort");
    public static final Setting HTTP_REDIRECT = Setting.bool("web.httpRedirect", false,
            "plaintext HTTP listener that only redirects to HTTPS (never serves data)");
    public static final Setting HTTP_REDIRECT_PORT = Setting.integer("web.httpRedirectPort", 8080, 1, 65535,
            "port of the redirect-only HTTP listener");
    public static final Setting WEB_MAX_REQUEST_MB = Setting.integer("web.maxRequestMegabytes", 2048, 1, 1_048_576,
            "largest request body (STOW-RS) accepted, in MiB");
    public static final Setting WEB_RATE_LIMIT = Setting.integer("web.requestsPerSecondPerClient", 200, 1, 1_000_000,
            "requests per second one client address may make before being answered 429");
    public static final Setting IDENTITY_MODE = Setting.choice("identity.mode", "embedded",
            List.of("embedded", "oidc"), "who signs users in: the archive's own users, or an OIDC provider (Keycloak)");
    public static final Setting OIDC_ISSUER = Setting.string("identity.oidc.issuer", "",
            "issuer URL of the OIDC realm, e.g. https://keycloak.example/realms/pacs (required in oidc mode)");
    public static final Setting OIDC_AUDIENCE = Setting.string("identity.oidc.audience", "pacs",
            "audience the archive's access tokens must carry");
    public static final Setting OIDC_JWKS_URL = Setting.string("identity.oidc.jwksUrl", "",
            "URL of the realm's signing keys; empty for <issuer>/protocol/openid-connect/certs");
    public static final Setting OIDC_ROLES_CLIENT = Setting.string("identity.oidc.rolesClient", "",
            "client whose client roles count as archive roles besides realm roles; empty for the audience");
    public static final Setting OIDC_CA_CERT = Setting.path("identity.oidc.caCert",
            "PEM file with the CA certificate(s) that issued the OIDC provider's HTTPS certificate");
    public static final Setting OIDC_ALLOW_PLAINTEXT = Setting.bool("identity.oidc.allowPlaintext", false,
            "allow an http:// OIDC provider on a host other than loopback (only on a network you trust)");
    public static final Setting TOKEN_MINUTES = Setting.integer("identity.accessTokenMinutes", 5, 1, 60,
            "lifetime of access tokens the embedded identity provider issues");
    public static final Setting REFRESH_HOURS = Setting.integer("identity.refreshTokenHours", 8, 1, 720,
            "lifetime of refresh tokens (and of a web session at most)");
    public static final Setting LOCKOUT_THRESHOLD = Setting.integer("identity.lockoutThreshold", 5, 1, 100,
            "failed sign-ins after which an account is locked for a growing delay");
    public static final Setting PRIOR_STUDIES = Setting.bool("access.priorStudies", false,
            "referring physicians also see earlier studies of the patients of the studies they may see");

    private static final Map<String, Setting> ALL = new LinkedHashMap<>();

    static {
        for (Setting s : List.of(AE_TITLE, BIND_ADDRESS, HOSTNAMES, DICOM_TLS_PORT, HTTPS_PORT, TLS_CLIENT_AUTH,
                TLS_PROTOCOLS, LEGACY_ENABLED, LEGACY_PORT, MAX_ASSOCIATIONS, MAX_ASSOCIATIONS_PER_PEER,
                IDLE_TIMEOUT, ARTIM_TIMEOUT, MAX_PDU_LENGTH, DUPLICATE_POLICY, KEK_SECRET_FILE, KEK_SECRET,
                CATALOG_URL, CATALOG_USER, CATALOG_PASSWORD, CATALOG_SSL_ROOT_CERT, CATALOG_ALLOW_PLAINTEXT,
                SYSLOG_ENABLED, SYSLOG_HOST, SYSLOG_PORT,
                QUERY_CASE_INSENSITIVE_NAMES, VIEWER_ORIGINS, HTTPS_ENABLED, HTTP_REDIRECT, HTTP_REDIRECT_PORT,
                WEB_MAX_REQUEST_MB, WEB_RATE_LIMIT, IDENTITY_MODE, OIDC_ISSUER, OIDC_AUDIENCE, OIDC_JWKS_URL,
                OIDC_ROLES_CLIENT, OIDC_CA_CERT, OIDC_ALLOW_PLAINTEXT, TOKEN_MINUTES, REFRESH_HOURS,
                LOCKOUT_THRESHOLD, PRIOR_STUDIES)) {
            ALL.put(s.key(), s);
        }
    }

    private Settings() {
    }

    /** All settings in a stable order. */
    public static Map<String, Setting> all() {
        return java.util.Collections.unmodifiableMap(ALL);
    }
}
