// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.pki.Pem;
import org.pacs.auth.testing.TestPki;

/** The key set is fetched over HTTPS verified against identity.oidc.caCert, and only then. */
class OidcProviderTlsTest {

    static final String ISSUER = "https://127.0.0.1/realms/pacs";
    static final RSAKey SIGNING = OidcAuthenticatorTest.rsa("sig-1", KeyUse.SIGNATURE);

    @TempDir
    Path dir;
    TestPki pki = TestPki.create("UNUSED");
    HttpsServer server;
    URI jwks;
    TestClock clock = new TestClock(Instant.now());

    @BeforeEach
    void start() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        char[] pw = "changeit".toCharArray();
        ks.setKeyEntry("server", pki.server().privateKey(), pw, pki.server().chain().toArray(Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/certs", exchange -> {
            byte[] body = new JWKSet(SIGNING.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        jwks = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/certs");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String token() throws Exception {
        Instant now = clock.instant();
        return OidcAuthenticatorTest.sign(SIGNING, JWSAlgorithm.RS256, new JWTClaimsSet.Builder().issuer(ISSUER)
                .audience("pacs").subject("s").claim("preferred_username", "rad")
                .claim("realm_access", Map.of("roles", List.of("radiologist")))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(60))).build());
    }

    OidcAuthenticator trusting(Path caCert) throws Exception {
        return OidcAuthenticator.create(new OidcSettings(ISSUER, "pacs", jwks, null, caCert, false), Duration.ZERO,
                clock);
    }

    @Test
    void fetchesKeysFromAProviderWhoseCertificateTheConfiguredCaIssued() throws Exception {
        Path ca = dir.resolve("ca.pem");
        Files.writeString(ca, Pem.certificates(List.of(pki.ca().certificate())));
        assertEquals("rad", trusting(ca).authenticate(token()).name());
    }

    @Test
    void refusesEveryTokenWhenTheProviderCertificateIsNotFromTheConfiguredCa() throws Exception {
        Path other = dir.resolve("other-ca.pem");
        Files.writeString(other, Pem.certificates(List.of(TestPki.create("X").ca().certificate())));
        String t = token();
        assertThrows(AuthenticationException.class, () -> trusting(other).authenticate(t));
        assertThrows(AuthenticationException.class, () -> trusting(null).authenticate(t), "nor the JDK's default CAs");
    }
}
