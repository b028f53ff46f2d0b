// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.pacs.auth.testing.KeycloakServer;

/**
 * The OIDC authenticator against a real Keycloak started from the distribution, with the realm of
 * {@code docker/keycloak/pacs-realm.json}: tokens of the password and client-credentials grants pass
 * with the realm's roles and physician names; expired, foreign-signed, foreign-issuer and
 * foreign-audience tokens and ID tokens do not; a realm key added at run time verifies without a restart.
 */
@ExtendWith(KeycloakServer.class)
class KeycloakOidcIT {

    KeycloakServer.Running kc;
    TestClock clock;
    OidcAuthenticator oidc;

    @BeforeEach
    void connect(KeycloakServer.Running kc) throws Exception {
        this.kc = kc;
        clock = new TestClock(Instant.now());
        oidc = authenticator(kc.issuer(), "pacs");
    }

    OidcAuthenticator authenticator(String issuer, String audience) throws Exception {
        return OidcAuthenticator.create(new OidcSettings(issuer, audience, kc.jwksUrl(), null, null, false),
                Duration.ofSeconds(1), clock);
    }

    @Nested
    class PasswordGrant {
        @Test
        void referringPhysicianGetsTheRoleAndPhysicianNamesOfTheRealm() throws Exception {
            Principal p = oidc.authenticate(kc.passwordGrant("dr-smith").accessToken());
            assertEquals("dr-smith", p.name());
            assertEquals(Set.of(Role.REFERRING_PHYSICIAN), p.roles());
            assertEquals(Set.of("SMITH^ANNA"), p.physicianNames());
        }

        @Test
        void severalPhysicianNamesArriveAsAnArray() throws Exception {
            assertEquals(Set.of("JONES^TOM", "JONES^T"),
                    oidc.authenticate(kc.passwordGrant("dr-jones").accessToken()).physicianNames());
        }

        @Test
        void eachRealmRoleMapsToTheArchiveRole() throws Exception {
            assertEquals(Set.of(Role.RADIOLOGIST), oidc.authenticate(kc.passwordGrant("rad").accessToken()).roles());
            assertEquals(Set.of(Role.ADMIN), oidc.authenticate(kc.passwordGrant("admin1").accessToken()).roles());
            assertEquals(Set.of(Role.UPLOADER), oidc.authenticate(kc.passwordGrant("uploader1").accessToken()).roles());
            assertEquals(Set.of(Role.AUDITOR), oidc.authenticate(kc.passwordGrant("auditor1").accessToken()).roles());
        }
    }

    @Test
    void clientCredentialsTokenIsTheServiceAccountWithItsRoles() throws Exception {
        Principal p = oidc.authenticate(kc.clientCredentials().accessToken());
        assertEquals("service-account-pacs", p.name());
        assertEquals(Set.of(Role.UPLOADER), p.roles());
        assertEquals(Set.of(), p.physicianNames());
    }

    @Nested
    class Refuses {
        @Test
        void anExpiredToken() throws Exception {
            String token = kc.passwordGrant("rad").accessToken();
            oidc.authenticate(token);
            clock.advance(Duration.ofSeconds(300).plus(TokenClaimsVerifier.DEFAULT_SKEW).plusSeconds(5));
            assertThrows(AuthenticationException.class, () -> oidc.authenticate(token));
        }

        @Test
        void aTokenResignedWithAnotherKeyUnderTheRealmKeysId() throws Exception {
            SignedJWT real = SignedJWT.parse(kc.passwordGrant("rad").accessToken());
            RSAKey mine = new RSAKeyGenerator(2048).keyID(real.getHeader().getKeyID()).generate();
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(real.getHeader()).build(), real.getJWTClaimsSet());
            forged.sign(new RSASSASigner(mine));
            assertEquals(JWSAlgorithm.RS256, forged.getHeader().getAlgorithm());
            assertThrows(AuthenticationException.class, () -> oidc.authenticate(forged.serialize()));
        }

        @Test
        void aTokenOfAnotherIssuer() throws Exception {
            String token = kc.passwordGrant("rad").accessToken();
            assertThrows(AuthenticationException.class,
                    () -> authenticator(kc.issuer("other"), "pacs").authenticate(token));
            String master = kc.adminToken();
            assertThrows(AuthenticationException.class, () -> oidc.authenticate(master));
        }

        @Test
        void aTokenForAnotherAudience() throws Exception {
            // admin-cli has no audience mapper: its tokens are not meant for the archive.
            String token = kc.passwordGrant("admin-cli", "rad").accessToken();
            assertThrows(AuthenticationException.class, () -> oidc.authenticate(token));
            assertThrows(AuthenticationException.class,
                    () -> authenticator(kc.issuer(), "other").authenticate(kc.passwordGrant("rad").accessToken()));
        }

        @Test
        void anIdTokenThoughItNamesTheClientAsAudience() throws Exception {
            String id = kc.passwordGrant("rad").idToken();
            assertNotNull(id);
            assertEquals("pacs", SignedJWT.parse(id).getJWTClaimsSet().getAudience().getFirst());
            assertThrows(AuthenticationException.class, () -> oidc.authenticate(id));
        }
    }

    @Nested
    class KeyRotation {
        @Test
        void aKeyAddedToTheRealmVerifiesWithoutRestart() throws Exception {
            // No minimum interval between key set fetches here, so the test needs no waiting.
            OidcAuthenticator oidc = OidcAuthenticator.create(new OidcSettings(kc.issuer(), "pacs", kc.jwksUrl(),
                    null, null, false), Duration.ZERO, clock);
            String before = kc.passwordGrant("rad").accessToken();
            oidc.authenticate(before); // caches the key set
            kc.addRsaSigningKey("rotated-" + System.nanoTime(), 500);
            String after = kc.passwordGrant("rad").accessToken();
            assertNotEquals(SignedJWT.parse(before).getHeader().getKeyID(), SignedJWT.parse(after).getHeader()
                    .getKeyID(), "Keycloak signs new tokens with the new key");
            assertEquals("rad", oidc.authenticate(after).name());
            assertEquals("rad", oidc.authenticate(before).name(), "the old key still verifies its tokens");
        }
    }
}
