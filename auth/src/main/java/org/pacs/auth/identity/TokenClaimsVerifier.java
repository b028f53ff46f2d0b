// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * The claim checks every access token must pass, whichever its issuer (RFC 7519 §4.1, RFC 9068 §4):
 * {@code iss} exactly the expected issuer, {@code aud} containing the expected audience, {@code exp}
 * present and not passed, {@code nbf} and {@code iat} not in the future, each with a small clock skew;
 * {@code sub} present. Time comes from a {@link Clock}, so tests can move it.
 */
final class TokenClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {

    /** Tolerated difference between the issuer's clock and ours. */
    static final Duration DEFAULT_SKEW = Duration.ofSeconds(30);

    private final String issuer;
    private final String audience;
    private final Clock clock;
    private final Duration skew;

    TokenClaimsVerifier(String issuer, String audience, Clock clock, Duration skew) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audience = Objects.requireNonNull(audience, "audience");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        if (!issuer.equals(claims.getIssuer())) {
            throw new BadJWTException("issuer is not " + issuer);
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            throw new BadJWTException("audience does not include " + audience);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new BadJWTException("no expiry (exp)");
        }
        if (!now.minus(skew).isBefore(exp.toInstant())) {
            throw new BadJWTException("expired at " + exp.toInstant());
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(skew).isBefore(nbf.toInstant())) {
            throw new BadJWTException("not valid before " + nbf.toInstant());
        }
        Date iat = claims.getIssueTime();
        if (iat != null && now.plus(skew).isBefore(iat.toInstant())) {
            throw new BadJWTException("issued in the future (" + iat.toInstant() + ")");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new BadJWTException("no subject (sub)");
        }
    }
}
