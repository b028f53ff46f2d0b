// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.text.ParseException;
import java.time.Clock;
import java.util.Objects;

/**
 * Verifies access tokens of the embedded identity provider: an ES256 signature by the archive's
 * {@link TokenSigningKey}, header type {@code at+jwt} (RFC 9068 §2.1), issuer, audience, expiry and
 * not-before (see {@link TokenClaimsVerifier}); then, on every call, that the user exists and is
 * enabled and that the session ({@code sid}) was not ended by logout, password change or disabling,
 * all read from the stores as they are now. Roles and physician names come from the user store at
 * that moment, never from the token.
 */
public final class EmbeddedAuthenticator implements Authenticator {

    private final UserStore users;
    private final SessionStore sessions;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    EmbeddedAuthenticator(TokenSigningKey key, UserStore users, SessionStore sessions, String issuer,
            String audience, Clock clock) {
        this.users = Objects.requireNonNull(users, "users");
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256,
                new ImmutableJWKSet<>(new JWKSet(key.publicJwk()))));
        processor.setJWTClaimsSetVerifier(new TokenClaimsVerifier(issuer, audience, clock,
                TokenClaimsVerifier.DEFAULT_SKEW));
    }

    @Override
    public Principal authenticate(String bearerToken) throws AuthenticationException {
        if (bearerToken == null || bearerToken.isBlank() || bearerToken.length() > 16 * 1024) {
            throw new AuthenticationException("no token");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(bearerToken, null);
        } catch (ParseException e) {
            throw new AuthenticationException("not a signed JWT", e);
        } catch (BadJOSEException e) {
            throw new AuthenticationException("token refused: " + e.getMessage(), e);
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new AuthenticationException("token cannot be verified: " + e.getMessage(), e);
        }
        String name = claims.getSubject();
        String sid;
        try {
            sid = claims.getStringClaim("sid");
        } catch (ParseException e) {
            throw new AuthenticationException("token refused: sid is not text", e);
        }
        try {
            LocalUser user = users.find(name).orElseThrow(() -> new AuthenticationException("user no longer exists"));
            if (!user.enabled()) {
                throw new AuthenticationException("user " + user.name() + " is disabled");
            }
            if (sid == null || !sessions.isActive(sid, user.name(), clock.instant())) {
                throw new AuthenticationException("the session of this token has ended");
            }
            return user.principal();
        } catch (IOException e) {
            // Fail closed: a store that does not open accepts nobody.
            throw new AuthenticationException("identity stores unreadable: " + e.getMessage(), e);
        }
    }
}
