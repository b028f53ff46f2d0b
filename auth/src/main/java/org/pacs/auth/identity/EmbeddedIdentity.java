// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;
import org.pacs.storage.crypto.KeyRing;

/**
 * The embedded identity mode ({@code identity.mode: embedded}) of one data directory, wired from the
 * configuration: the user and session stores, the token signing key (created at first start), the
 * token service and the {@link Authenticator} for its tokens.
 *
 * <pre>{@code
 * EmbeddedIdentity identity = EmbeddedIdentity.open(config, keyRing, Clock.systemUTC(), SignInAudit.to(events, trail));
 * SignInTokens t = identity.signIn().login(user, password, clientAddress);   // POST /login
 * Principal p = identity.authenticator().authenticate(bearer);               // every request
 * }</pre>
 */
public final class EmbeddedIdentity {

    /** The {@code iss} of the embedded provider's tokens. */
    public static final String ISSUER = "urn:pacs:embedded";

    private final UserStore users;
    private final SessionStore sessions;
    private final TokenSigningKey key;
    private final EmbeddedSignIn signIn;
    private final EmbeddedAuthenticator authenticator;
    private final UserAccounts accounts;

    private EmbeddedIdentity(UserStore users, SessionStore sessions, TokenSigningKey key, EmbeddedSignIn signIn,
            EmbeddedAuthenticator authenticator, UserAccounts accounts) {
        this.users = users;
        this.sessions = sessions;
        this.key = key;
        this.signIn = signIn;
        this.authenticator = authenticator;
        this.accounts = accounts;
    }

    /** With the recommended password hash cost. */
    public static EmbeddedIdentity open(Config config, KeyRing keys, Clock clock, SignInAudit audit)
            throws IOException {
        return open(config.dataDir(), keys, Options.of(config), PasswordHasher.recommended(), clock, audit);
    }

    public static EmbeddedIdentity open(Path dataDir, KeyRing keys, Options options, PasswordHasher hasher, Clock clock,
            SignInAudit audit) throws IOException {
        UserStore users = UserStore.open(dataDir, keys);
        SessionStore sessions = SessionStore.open(dataDir, keys);
        TokenSigningKey key = TokenSigningKey.loadOrCreate(dataDir, keys);
        EmbeddedSignIn signIn = new EmbeddedSignIn(users, sessions, key, hasher,
                LocalUser.LockoutPolicy.of(options.lockoutThreshold()), options.accessTokenLifetime(),
                options.sessionLifetime(), ISSUER, options.audience(), clock, audit);
        EmbeddedAuthenticator authenticator = new EmbeddedAuthenticator(key, users, sessions, ISSUER,
                options.audience(), clock);
        return new EmbeddedIdentity(users, sessions, key, signIn, authenticator,
                new UserAccounts(users, sessions, hasher, clock));
    }

    /**
     * The settings that shape the embedded provider.
     *
     * @param audience the {@code aud} of issued tokens ({@code identity.oidc.audience}, "pacs" by default)
     */
    public record Options(Duration accessTokenLifetime, Duration sessionLifetime, int lockoutThreshold,
            String audience) {
        public static Options of(Config config) {
            return new Options(Duration.ofMinutes(config.integer(Settings.TOKEN_MINUTES)),
                    Duration.ofHours(config.integer(Settings.REFRESH_HOURS)), config.integer(Settings.LOCKOUT_THRESHOLD),
                    config.string(Settings.OIDC_AUDIENCE));
        }
    }

    public UserStore users() {
        return users;
    }

    public SessionStore sessions() {
        return sessions;
    }

    /** The public key verifiers need (e.g. to publish as a JWKS). */
    public TokenSigningKey signingKey() {
        return key;
    }

    public EmbeddedSignIn signIn() {
        return signIn;
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** Operator actions (add, disable, password) that also end sessions where they must. */
    public UserAccounts accounts() {
        return accounts;
    }
}
