// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.net.MalformedURLException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.pacs.auth.pki.Pem;
import org.pacs.conf.Config;

/**
 * Verifies access tokens of an OIDC provider (Keycloak) locally against the realm's published keys
 * (JWKS), cached and refetched when a token names an unknown key ({@code kid}), so that a key
 * rotation needs no restart. Checks: an RS256 or ES256 signature by a {@code use=sig} key
 * ({@link SigningKeySelector}), issuer, audience, expiry and not-before with 30 s of clock skew
 * ({@link TokenClaimsVerifier}), and that it is an access token (header {@code typ} JWT or
 * {@code at+jwt}; Keycloak's {@code typ} claim, if present, {@code Bearer}: an ID token carries the same
 * audience and must not pass). Roles and names: {@link OidcClaims}.
 *
 * <pre>{@code
 * Authenticator oidc = OidcAuthenticator.fromConfig(config, Clock.systemUTC());
 * Principal p = oidc.authenticate(bearer);
 * }</pre>
 */
public final class OidcAuthenticator implements Authenticator {

    /** How long a fetched key set is used before it is fetched again. */
    static final Duration CACHE_TIME_TO_LIVE = Duration.ofMinutes(10);
    static final int HTTP_TIMEOUT_MILLIS = 3_000;
    static final int HTTP_SIZE_LIMIT = 256 * 1024;

    private final OidcSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    OidcAuthenticator(OidcSettings settings, JWKSource<SecurityContext> keys, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT,
                new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new SigningKeySelector(keys));
        processor.setJWTClaimsSetVerifier(new TokenClaimsVerifier(settings.issuer(), settings.audience(), clock,
                TokenClaimsVerifier.DEFAULT_SKEW));
    }

    /** From {@code identity.oidc.*}; fetches nothing until the first token arrives. */
    public static OidcAuthenticator fromConfig(Config config, Clock clock) throws IOException {
        return create(OidcSettings.of(config), Duration.ofSeconds(10), clock);
    }

    /**
     * @param minRefetchInterval the shortest time between two key set fetches, however many unknown
     *     {@code kid}s arrive (a flood of forged tokens must not become a flood of requests)
     */
    public static OidcAuthenticator create(OidcSettings settings, Duration minRefetchInterval, Clock clock)
            throws IOException {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS,
                HTTP_SIZE_LIMIT, true, settings.caCert() == null ? null : socketFactory(settings));
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(settings.jwksUrl().toURL(), retriever)
                    .cache(CACHE_TIME_TO_LIVE.toMillis(), HTTP_TIMEOUT_MILLIS * 2L)
                    .refreshAheadCache(false)
                    .rateLimited(minRefetchInterval.toMillis())
                    .retrying(false)
                    .outageTolerant(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new IOException("identity.oidc.jwksUrl " + settings.jwksUrl() + " is not a URL", e);
        }
        return new OidcAuthenticator(settings, keys, clock);
    }

    @Override
    public Principal authenticate(String bearerToken) throws AuthenticationException {
        if (bearerToken == null || bearerToken.isBlank() || bearerToken.length() > 16 * 1024) {
            throw new AuthenticationException("no token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearerToken, null);
            Object typ = claims.getClaim("typ");
            if (typ != null && !"Bearer".equals(typ)) {
                throw new BadJWTException("not an access token (typ " + typ + ")");
            }
        } catch (ParseException e) {
            throw new AuthenticationException("not a signed JWT", e);
        } catch (BadJOSEException e) {
            throw new AuthenticationException("token refused: " + e.getMessage(), e);
        } catch (JOSEException e) {
            // Includes a key set that cannot be fetched: no token is accepted without the keys.
            throw new AuthenticationException("token cannot be verified: " + e.getMessage(), e);
        }
        return OidcClaims.principal(claims, settings.rolesClient());
    }

    /** Trusts only the CA certificates of {@code identity.oidc.caCert} for the provider's HTTPS. */
    private static SSLSocketFactory socketFactory(OidcSettings settings) throws IOException {
        List<X509Certificate> cas = Pem.readCertificates(settings.caCert());
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                trust.setCertificateEntry("oidc-ca-" + i, cas.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot trust " + settings.caCert() + ": " + e.getMessage(), e);
        }
    }
}
