// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.testing.TestKeys;
import org.pacs.storage.crypto.KeyRing;

class EmbeddedSignInTest {

    static final String ADDRESS = "10.0.0.7";
    static final char[] SMITH_PASSWORD = "anna's long password".toCharArray();
    static final EmbeddedIdentity.Options OPTIONS = new EmbeddedIdentity.Options(Duration.ofMinutes(5),
            Duration.ofHours(8), 3, "pacs");

    @TempDir
    Path dir;
    KeyRing keys;
    TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    List<String> audit = new ArrayList<>();
    EmbeddedIdentity identity;

    @BeforeEach
    void open() throws IOException {
        keys = TestKeys.open(dir);
        identity = open(PasswordHasherTest.FAST);
        identity.accounts().add("dr-smith", Set.of(Role.REFERRING_PHYSICIAN), Set.of("SMITH^ANNA"), SMITH_PASSWORD);
    }

    EmbeddedIdentity open(PasswordHasher hasher) throws IOException {
        return EmbeddedIdentity.open(dir, keys, OPTIONS, hasher, clock, new SignInAudit() {
            @Override
            public void signIn(String user, String address, boolean success, String reason) {
                audit.add((success ? "login " : "failed ") + user + (reason == null ? "" : " (" + reason + ")"));
            }

            @Override
            public void signOut(String user, String address) {
                audit.add("logout " + user);
            }

            @Override
            public void alert(String user, String address, String description) {
                audit.add("alert " + user);
            }
        });
    }

    @AfterEach
    void close() throws IOException {
        keys.close();
    }

    SignInTokens login() throws Exception {
        return identity.signIn().login("dr-smith", SMITH_PASSWORD, ADDRESS);
    }

    Principal authenticate(String token) throws AuthenticationException {
        return identity.authenticator().authenticate(token);
    }

    @Nested
    class Login {
        @Test
        void issuesTokensWhoseRolesAndNamesComeFromTheStore() throws Exception {
            SignInTokens t = login();
            Principal p = authenticate(t.accessToken());
            assertEquals("dr-smith", p.name());
            assertEquals(Set.of(Role.REFERRING_PHYSICIAN), p.roles());
            assertEquals(Set.of("SMITH^ANNA"), p.physicianNames());
            assertEquals(clock.instant().plus(Duration.ofMinutes(5)), t.accessExpiresAt());
            assertEquals(List.of("login dr-smith"), audit);
        }

        @Test
        void acceptsTheUserNameInAnyCase() throws Exception {
            assertEquals("dr-smith", identity.signIn().login(" DR-Smith ", SMITH_PASSWORD, ADDRESS).principal().name());
        }

        @Test
        void rolesChangedAfterSignInApplyToTheNextRequest() throws Exception {
            SignInTokens t = login();
            identity.users().setRoles("dr-smith", Set.of(Role.AUDITOR), Set.of(), clock.instant());
            assertEquals(Set.of(Role.AUDITOR), authenticate(t.accessToken()).roles());
        }

        @Test
        void refusesAWrongPassword() {
            assertThrows(EmbeddedSignIn.SignInRefusedException.class,
                    () -> identity.signIn().login("dr-smith", "not the password".toCharArray(), ADDRESS));
            assertEquals(List.of("failed dr-smith (wrong password (1 in a row))"), audit);
        }
    }

    @Nested
    class NoEnumeration {
        @Test
        void unknownUserGetsTheSameAnswerAsAWrongPassword() {
            var unknown = assertThrows(AuthenticationException.class,
                    () -> identity.signIn().login("nobody", "not the password".toCharArray(), ADDRESS));
            var wrong = assertThrows(AuthenticationException.class,
                    () -> identity.signIn().login("dr-smith", "not the password".toCharArray(), ADDRESS));
            assertEquals(wrong.getClass(), unknown.getClass());
            assertEquals(wrong.getMessage(), unknown.getMessage());
        }

        @Test
        void unknownUserCostsAPasswordHashLikeAKnownOne() throws Exception {
            // At the real cost (19 MiB, t=2) a hash takes tens of milliseconds; skipping it for unknown users
            // would make them answer hundreds of times faster.
            identity = open(PasswordHasher.recommended());
            identity.accounts().add("rad", Set.of(Role.RADIOLOGIST), Set.of(), "correct horse staple".toCharArray());
            identity.accounts().enable("rad");
            long known = median(() -> identity.signIn().login("rad", "wrong password!".toCharArray(), ADDRESS));
            long unknown = median(() -> identity.signIn().login("ghost", "wrong password!".toCharArray(), ADDRESS));
            assertTrue(unknown * 3 > known, "unknown " + unknown + " ns vs known " + known + " ns");
        }

        interface Attempt {
            void run() throws Exception;
        }

        long median(Attempt attempt) {
            long[] t = new long[3];
            for (int i = 0; i < t.length; i++) {
                long start = System.nanoTime();
                assertThrows(AuthenticationException.class, attempt::run);
                t[i] = System.nanoTime() - start;
            }
            Arrays.sort(t);
            return t[1];
        }
    }

    @Nested
    class Lockout {
        void fail() {
            assertThrows(AuthenticationException.class,
                    () -> identity.signIn().login("dr-smith", "not the password".toCharArray(), ADDRESS));
        }

        @Test
        void locksAfterTheThresholdEvenForTheRightPassword() throws Exception {
            fail();
            fail();
            fail();
            assertThrows(EmbeddedSignIn.SignInRefusedException.class, EmbeddedSignInTest.this::login);
            clock.advance(Duration.ofSeconds(31));
            login();
        }

        @Test
        void doublesTheLockWithEachFurtherFailure() throws Exception {
            fail();
            fail();
            fail(); // locked 30 s
            clock.advance(Duration.ofSeconds(31));
            fail(); // locked 60 s
            clock.advance(Duration.ofSeconds(45));
            assertThrows(EmbeddedSignIn.SignInRefusedException.class, EmbeddedSignInTest.this::login);
            clock.advance(Duration.ofSeconds(16));
            login();
        }

        @Test
        void attemptsWhileLockedDoNotExtendTheLock() throws Exception {
            fail();
            fail();
            fail();
            clock.advance(Duration.ofSeconds(10));
            fail();
            fail();
            clock.advance(Duration.ofSeconds(21));
            login();
        }

        @Test
        void successResetsTheCount() throws Exception {
            fail();
            fail();
            login();
            fail();
            fail();
            login();
        }

        @Test
        void enablingClearsTheLock() throws Exception {
            fail();
            fail();
            fail();
            identity.accounts().enable("dr-smith");
            login();
        }
    }

    @Nested
    class Refresh {
        @Test
        void rotatesTheRefreshToken() throws Exception {
            SignInTokens first = login();
            SignInTokens second = identity.signIn().refresh(first.refreshToken(), ADDRESS);
            assertNotEquals(first.refreshToken(), second.refreshToken());
            assertEquals("dr-smith", authenticate(second.accessToken()).name());
            assertEquals(first.sessionExpiresAt(), second.sessionExpiresAt(), "refresh does not extend the session");
        }

        @Test
        void aReplayedRefreshTokenEndsTheSession() throws Exception {
            SignInTokens first = login();
            SignInTokens second = identity.signIn().refresh(first.refreshToken(), ADDRESS);
            assertThrows(EmbeddedSignIn.SignInRefusedException.class,
                    () -> identity.signIn().refresh(first.refreshToken(), ADDRESS));
            assertThrows(EmbeddedSignIn.SignInRefusedException.class,
                    () -> identity.signIn().refresh(second.refreshToken(), ADDRESS));
            assertThrows(AuthenticationException.class, () -> authenticate(second.accessToken()));
            assertTrue(audit.contains("alert dr-smith"));
        }

        @Test
        void refusesAfterTheSessionLifetime() throws Exception {
            SignInTokens t = login();
            clock.advance(Duration.ofHours(8));
            assertThrows(EmbeddedSignIn.SignInRefusedException.class,
                    () -> identity.signIn().refresh(t.refreshToken(), ADDRESS));
        }

        @Test
        void refusesUnknownTokens() {
            assertThrows(EmbeddedSignIn.SignInRefusedException.class,
                    () -> identity.signIn().refresh("made-up", ADDRESS));
        }
    }

    @Nested
    class Logout {
        @Test
        void endsRefreshAndAccessTokensAtOnce() throws Exception {
            SignInTokens t = login();
            identity.signIn().logout(t.refreshToken(), ADDRESS);
            assertThrows(EmbeddedSignIn.SignInRefusedException.class,
                    () -> identity.signIn().refresh(t.refreshToken(), ADDRESS));
            assertThrows(AuthenticationException.class, () -> authenticate(t.accessToken()));
            assertTrue(audit.contains("logout dr-smith"));
        }

        @Test
        void isIdempotent() throws Exception {
            SignInTokens t = login();
            identity.signIn().logout(t.refreshToken(), ADDRESS);
            identity.signIn().logout(t.refreshToken(), ADDRESS);
            assertEquals(1, audit.stream().filter(a -> a.startsWith("logout")).count());
        }
    }

    @Nested
    class DisabledUser {
        @Test
        void cannotSignIn() throws Exception {
            identity.accounts().disable("dr-smith");
            assertThrows(EmbeddedSignIn.SignInRefusedException.class, EmbeddedSignInTest.this::login);
            assertTrue(audit.contains("failed dr-smith (user disabled)"));
        }

        @Test
        void tokensIssuedBeforeStopWorkingAtTheNextRequest() throws Exception {
            SignInTokens t = login();
            // Another process (./pacs user disable) changes the store; this identity was not told.
            UserStore.open(dir, keys).setEnabled("dr-smith", false, clock.instant());
            assertThrows(AuthenticationException.class, () -> authenticate(t.accessToken()));
            assertThrows(EmbeddedSignIn.SignInRefusedException.class,
                    () -> identity.signIn().refresh(t.refreshToken(), ADDRESS));
        }

        @Test
        void aNewPasswordEndsExistingSessions() throws Exception {
            SignInTokens t = login();
            identity.accounts().setPassword("dr-smith", "a brand new password".toCharArray());
            assertThrows(AuthenticationException.class, () -> authenticate(t.accessToken()));
            assertThrows(EmbeddedSignIn.SignInRefusedException.class, EmbeddedSignInTest.this::login);
            identity.signIn().login("dr-smith", "a brand new password".toCharArray(), ADDRESS);
        }
    }

    @Nested
    class AccessTokenChecks {
        @Test
        void refusesAnExpiredToken() throws Exception {
            SignInTokens t = login();
            clock.advance(Duration.ofMinutes(5).plus(TokenClaimsVerifier.DEFAULT_SKEW));
            assertThrows(AuthenticationException.class, () -> authenticate(t.accessToken()));
        }

        @Test
        void acceptsWithinTheClockSkew() throws Exception {
            SignInTokens t = login();
            clock.advance(Duration.ofMinutes(5).plusSeconds(10));
            authenticate(t.accessToken());
        }

        @Test
        void refusesATokenSignedByAnotherKey() throws Exception {
            SignInTokens t = login();
            String sid = SignedJWT.parse(t.accessToken()).getJWTClaimsSet().getStringClaim("sid");
            String forged = sign(TokenSigningKey.ephemeral(), claims(EmbeddedIdentity.ISSUER, "pacs", sid), "at+jwt");
            assertThrows(AuthenticationException.class, () -> authenticate(forged));
        }

        @Test
        void refusesWrongIssuerAudienceOrType() throws Exception {
            SignInTokens t = login();
            String sid = SignedJWT.parse(t.accessToken()).getJWTClaimsSet().getStringClaim("sid");
            TokenSigningKey key = TokenSigningKey.loadOrCreate(dir, keys);
            authenticate(sign(key, claims(EmbeddedIdentity.ISSUER, "pacs", sid), "at+jwt"));
            assertThrows(AuthenticationException.class,
                    () -> authenticate(sign(key, claims("https://evil", "pacs", sid), "at+jwt")));
            assertThrows(AuthenticationException.class,
                    () -> authenticate(sign(key, claims(EmbeddedIdentity.ISSUER, "other", sid), "at+jwt")));
            assertThrows(AuthenticationException.class,
                    () -> authenticate(sign(key, claims(EmbeddedIdentity.ISSUER, "pacs", sid), "JWT")));
            assertThrows(AuthenticationException.class,
                    () -> authenticate(sign(key, claims(EmbeddedIdentity.ISSUER, "pacs", null), "at+jwt")));
        }

        @Test
        void refusesAnUnsignedToken() throws Exception {
            String[] parts = login().accessToken().split("\\.");
            String none = java.util.Base64.getUrlEncoder().withoutPadding()
                    .encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes()) + "." + parts[1] + ".";
            assertThrows(AuthenticationException.class, () -> authenticate(none));
        }

        JWTClaimsSet claims(String issuer, String audience, String sid) {
            Instant now = clock.instant();
            return new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("dr-smith")
                    .claim("sid", sid).issueTime(Date.from(now)).notBeforeTime(Date.from(now))
                    .expirationTime(Date.from(now.plusSeconds(60))).build();
        }

        String sign(TokenSigningKey key, JWTClaimsSet claims, String type) throws Exception {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.keyId())
                    .type(new JOSEObjectType(type)).build(), claims);
            jwt.sign(new ECDSASigner(key.privateJwk()));
            return jwt.serialize();
        }
    }
}
