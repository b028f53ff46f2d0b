// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The embedded identity provider's token service: sign-in with user name and password, refresh and
 * logout. Access tokens are ES256 JWTs in the RFC 9068 profile, valid {@code identity.accessTokenMinutes};
 * refresh tokens are opaque, stored hashed, rotated on each use and valid until the session ends
 * ({@code identity.refreshTokenHours} after sign-in).
 *
 * <p>Sign-in refuses in one way whatever went wrong (unknown user, wrong password, locked, disabled):
 * the same {@link SignInRefusedException} message and the cost of one password hash, so that neither
 * the answer nor its time tells which user names exist. The reason goes to the audit trail only.
 * After {@code identity.lockoutThreshold} failures in a row the user is locked with exponential
 * backoff ({@link LocalUser.LockoutPolicy}); attempts while locked are refused without being counted.
 *
 * <pre>{@code
 * SignInTokens t = signIn.login("dr-smith", password, "10.0.0.7");
 * Principal p = authenticator.authenticate(t.accessToken());
 * t = signIn.refresh(t.refreshToken(), "10.0.0.7");
 * signIn.logout(t.refreshToken(), "10.0.0.7");
 * }</pre>
 */
public final class EmbeddedSignIn {

    /** The one answer to a refused sign-in or refresh; the reason is in the audit trail. */
    public static final class SignInRefusedException extends AuthenticationException {
        SignInRefusedException() {
            super("invalid user name or password, or the account cannot sign in now");
        }
    }

    private final UserStore users;
    private final SessionStore sessions;
    private final TokenSigningKey key;
    private final PasswordHasher hasher;
    private final LocalUser.LockoutPolicy lockout;
    private final Duration accessLifetime;
    private final Duration sessionLifetime;
    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final SignInAudit audit;

    EmbeddedSignIn(UserStore users, SessionStore sessions, TokenSigningKey key, PasswordHasher hasher,
            LocalUser.LockoutPolicy lockout, Duration accessLifetime, Duration sessionLifetime, String issuer,
            String audience, Clock clock, SignInAudit audit) {
        this.users = Objects.requireNonNull(users);
        this.sessions = Objects.requireNonNull(sessions);
        this.key = Objects.requireNonNull(key);
        this.hasher = Objects.requireNonNull(hasher);
        this.lockout = Objects.requireNonNull(lockout);
        this.accessLifetime = Objects.requireNonNull(accessLifetime);
        this.sessionLifetime = Objects.requireNonNull(sessionLifetime);
        this.issuer = Objects.requireNonNull(issuer);
        this.audience = Objects.requireNonNull(audience);
        this.clock = Objects.requireNonNull(clock);
        this.audit = Objects.requireNonNull(audit);
    }

    /**
     * Signs {@code userName} in.
     *
     * @throws SignInRefusedException for every refusal, alike
     * @throws IOException a store cannot be read or written (nobody signs in then)
     */
    public SignInTokens login(String userName, char[] password, String clientAddress)
            throws AuthenticationException, IOException {
        LocalUser user = checkPassword(userName, password, clientAddress);
        Instant now = clock.instant();
        String refresh = sessions.newToken();
        SessionStore.Session session = sessions.start(user.name(), refresh, now, now.plus(sessionLifetime));
        audit.signIn(user.name(), clientAddress, true, null);
        return tokens(user, session, refresh, now);
    }

    /**
     * Checks a user name and password without starting a session, for protocols that sign in once per
     * connection (DICOM User Identity Negotiation, PS3.7 §D.3.3.7, type 2). Same refusals, lockout
     * and audit as {@link #login}.
     *
     * @return the user as a principal, roles as stored now
     */
    public Principal verifyPassword(String userName, char[] password, String clientAddress)
            throws AuthenticationException, IOException {
        LocalUser user = checkPassword(userName, password, clientAddress);
        audit.signIn(user.name(), clientAddress, true, null);
        return user.principal();
    }

    private LocalUser checkPassword(String userName, char[] password, String clientAddress)
            throws AuthenticationException, IOException {
        String attempted = userName == null ? "" : userName.strip();
        Optional<LocalUser> found = users.find(attempted);
        if (found.isEmpty() || password == null) {
            hasher.verifyDecoy(password == null ? new char[0] : password);
            refuse(attempted.isEmpty() ? "(empty)" : attempted, clientAddress, "unknown user");
        }
        LocalUser user = found.get();
        Instant now = clock.instant();
        boolean matches = hasher.verify(user.passwordHash(), password);
        if (!user.enabled()) {
            refuse(user.name(), clientAddress, "user disabled");
        }
        if (user.lockedAt(now, lockout)) {
            refuse(user.name(), clientAddress, "locked after " + user.failedAttempts() + " failed sign-ins, until "
                    + user.lockedUntil(lockout));
        }
        if (!matches) {
            users.recordFailure(user.name(), now);
            int failures = user.failedAttempts() + 1;
            refuse(user.name(), clientAddress, "wrong password (" + failures + " in a row"
                    + (failures >= lockout.threshold() ? ", locked" : "") + ")");
        }
        users.recordSuccess(user.name());
        if (hasher.needsRehash(user.passwordHash())) {
            users.upgradeHash(user.name(), user.passwordHash(), hasher.hash(password));
        }
        return user;
    }

    /**
     * Exchanges a refresh token for a new pair; the presented token is spent. A token presented a
     * second time ends its session (and is audited as an alert).
     *
     * @throws SignInRefusedException unknown, spent or expired token, or the user is disabled or gone
     */
    public SignInTokens refresh(String refreshToken, String clientAddress) throws AuthenticationException,
            IOException {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 256) {
            throw new SignInRefusedException();
        }
        Instant now = clock.instant();
        String next = sessions.newToken();
        SessionStore.Presented presented = sessions.rotate(refreshToken, next, now);
        switch (presented) {
            case SessionStore.Presented.Unknown u -> throw new SignInRefusedException();
            case SessionStore.Presented.Replayed r -> {
                audit.alert(r.session().user(), clientAddress, "a refresh token was used twice; the session was "
                        + "ended");
                throw new SignInRefusedException();
            }
            case SessionStore.Presented.Current c -> {
                Optional<LocalUser> user = users.find(c.session().user());
                if (user.isEmpty() || !user.get().enabled()) {
                    sessions.end(c.session().id(), now);
                    throw new SignInRefusedException();
                }
                return tokens(user.get(), c.session(), next, now);
            }
        }
    }

    /** Ends the session of {@code refreshToken}. Unknown or spent tokens are ignored (logout is idempotent). */
    public void logout(String refreshToken, String clientAddress) throws IOException {
        if (refreshToken == null || refreshToken.isBlank() || refreshToken.length() > 256) {
            return;
        }
        Optional<SessionStore.Session> ended = sessions.endByToken(refreshToken, clock.instant());
        ended.ifPresent(s -> audit.signOut(s.user(), clientAddress));
    }

    private void refuse(String user, String address, String reason) throws SignInRefusedException {
        audit.signIn(user, address, false, reason);
        throw new SignInRefusedException();
    }

    private SignInTokens tokens(LocalUser user, SessionStore.Session session, String refresh, Instant now)
            throws IOException {
        Instant expires = now.plus(accessLifetime);
        if (expires.isAfter(session.expires())) {
            expires = session.expires();
        }
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer).audience(audience).subject(user.name())
                .claim("preferred_username", user.name())
                .claim("client_id", audience)
                .claim("sid", session.id())
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(expires))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.keyId())
                .type(new JOSEObjectType("at+jwt")).build(), claims);
        try {
            jwt.sign(new ECDSASigner(key.privateJwk()));
        } catch (JOSEException e) {
            throw new IOException("cannot sign the access token: " + e.getMessage(), e);
        }
        return new SignInTokens(jwt.serialize(), expires, refresh, session.expires(), user.principal());
    }
}
