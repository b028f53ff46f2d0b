// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Against a key set served on loopback by the JDK's HTTP server, in Keycloak's token layout. */
class OidcAuthenticatorTest {

    static final String ISSUER = "http://127.0.0.1/realms/pacs";
    static final RSAKey SIGNING = rsa("sig-1", KeyUse.SIGNATURE);

    TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    HttpServer server;
    AtomicReference<JWKSet> published = new AtomicReference<>(new JWKSet(List.of(SIGNING.toPublicJWK(),
            rsa("enc-1", KeyUse.ENCRYPTION).toPublicJWK())));
    AtomicInteger fetches = new AtomicInteger();
    OidcAuthenticator oidc;

    static RSAKey rsa(String kid, KeyUse use) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).keyUse(use).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            byte[] body = published.get().toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        URI jwks = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/certs");
        oidc = OidcAuthenticator.create(new OidcSettings(ISSUER, "pacs", jwks, null, null, false), Duration.ZERO,
                clock);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    JWTClaimsSet.Builder claims() {
        Instant now = clock.instant();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience(List.of("pacs", "account")).subject("f:1234")
                .claim("preferred_username", "dr-smith").claim("typ", "Bearer")
                .claim("realm_access", Map.of("roles", List.of("referring-physician", "offline_access")))
                .claim("physician_names", List.of("SMITH^ANNA"))
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    static String sign(JWK key, JWSAlgorithm alg, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(key.getKeyID()).type(JOSEObjectType.JWT)
                .build(), claims);
        jwt.sign(key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key));
        return jwt.serialize();
    }

    @Nested
    class Accepts {
        @Test
        void aKeycloakAccessTokenWithRolesAndPhysicianNames() throws Exception {
            Principal p = oidc.authenticate(sign(SIGNING, JWSAlgorithm.RS256, claims().build()));
            assertEquals("dr-smith", p.name());
            assertEquals(Set.of(Role.REFERRING_PHYSICIAN), p.roles());
            assertEquals(Set.of("SMITH^ANNA"), p.physicianNames());
        }

        @Test
        void clientRolesOfTheAudienceClient() throws Exception {
            JWTClaimsSet c = claims().claim("realm_access", Map.of("roles", List.of()))
                    .claim("resource_access", Map.of("pacs", Map.of("roles", List.of("radiologist")),
                            "other", Map.of("roles", List.of("admin"))))
                    .build();
            assertEquals(Set.of(Role.RADIOLOGIST), oidc.authenticate(sign(SIGNING, JWSAlgorithm.RS256, c)).roles());
        }

        @Test
        void aKeyRotatedInAfterTheKeySetWasCached() throws Exception {
            oidc.authenticate(sign(SIGNING, JWSAlgorithm.RS256, claims().build()));
            ECKey rotated = new ECKeyGenerator(Curve.P_256).keyID("sig-2").keyUse(KeyUse.SIGNATURE).generate();
            published.set(new JWKSet(List.of(SIGNING.toPublicJWK(), rotated.toPublicJWK())));
            int before = fetches.get();
            assertEquals("dr-smith", oidc.authenticate(sign(rotated, JWSAlgorithm.ES256, claims().build())).name());
            assertEquals(before + 1, fetches.get(), "an unknown kid fetches the key set once");
        }
    }

    @Nested
    class Refuses {
        void refused(String token) {
            assertThrows(AuthenticationException.class, () -> oidc.authenticate(token));
        }

        @Test
        void aTokenSignedByAKeyNotInTheSet() throws Exception {
            refused(sign(rsa("sig-1", KeyUse.SIGNATURE), JWSAlgorithm.RS256, claims().build()));
        }

        @Test
        void expiredAndNotYetValidTokens() throws Exception {
            String t = sign(SIGNING, JWSAlgorithm.RS256, claims().build());
            clock.advance(Duration.ofSeconds(300 + 31));
            refused(t);
            Instant later = clock.instant().plusSeconds(120);
            refused(sign(SIGNING, JWSAlgorithm.RS256, claims().notBeforeTime(Date.from(later)).build()));
        }

        @Test
        void wrongIssuerOrAudience() throws Exception {
            refused(sign(SIGNING, JWSAlgorithm.RS256, claims().issuer("http://127.0.0.1/realms/other").build()));
            refused(sign(SIGNING, JWSAlgorithm.RS256, claims().audience("account").build()));
        }

        @Test
        void anIdToken() throws Exception {
            refused(sign(SIGNING, JWSAlgorithm.RS256, claims().claim("typ", "ID").build()));
        }

        @Test
        void aKeyPublishedForEncryptionOrWithoutUse() throws Exception {
            RSAKey enc = rsa("enc-2", KeyUse.ENCRYPTION);
            RSAKey noUse = new RSAKeyGenerator(2048).keyID("nouse").generate();
            published.set(new JWKSet(List.of(SIGNING.toPublicJWK(), enc.toPublicJWK(), noUse.toPublicJWK())));
            refused(sign(enc, JWSAlgorithm.RS256, claims().build()));
            refused(sign(noUse, JWSAlgorithm.RS256, claims().build()));
        }

        @Test
        void algorithmsOtherThanRs256AndEs256() throws Exception {
            SignedJWT ps = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.PS256).keyID("sig-1").build(),
                    claims().build());
            ps.sign(new RSASSASigner(SIGNING));
            refused(ps.serialize());
            SignedJWT hs = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("sig-1").build(),
                    claims().build());
            hs.sign(new MACSigner(new byte[32]));
            refused(hs.serialize());
        }

        @Test
        void garbage() {
            refused("");
            refused("a.b.c");
            refused("x".repeat(20_000));
        }

        @Test
        void everythingWhenTheKeySetCannotBeFetched() throws Exception {
            String t = sign(SIGNING, JWSAlgorithm.RS256, claims().build());
            server.stop(0);
            OidcAuthenticator fresh = OidcAuthenticator.create(new OidcSettings(ISSUER, "pacs",
                    URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/certs"), null, null, false),
                    Duration.ZERO, clock);
            refused(t);
            assertThrows(AuthenticationException.class, () -> fresh.authenticate(t));
        }
    }
}
