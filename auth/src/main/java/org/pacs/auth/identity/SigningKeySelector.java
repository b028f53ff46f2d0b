// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Picks the provider keys that may verify a token: only RS256 and ES256 (P-256) are accepted, and only
 * keys published with {@code "use": "sig"} of the token's {@code kid} and key type. Keycloak publishes
 * an RSA-OAEP encryption key beside the signing key; a key without {@code use} is not trusted either.
 * An unknown {@code kid} makes the cached key set refetch (rate limited), so a rotated realm key is
 * picked up without a restart.
 */
final class SigningKeySelector implements JWSKeySelector<SecurityContext> {

    static final Set<JWSAlgorithm> ACCEPTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);

    private final JWKSource<SecurityContext> source;

    SigningKeySelector(JWKSource<SecurityContext> source) {
        this.source = source;
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        JWSAlgorithm alg = header.getAlgorithm();
        if (!ACCEPTED.contains(alg)) {
            return List.of();
        }
        JWKMatcher.Builder m = new JWKMatcher.Builder().keyType(KeyType.forAlgorithm(alg)).keyUse(KeyUse.SIGNATURE)
                .algorithms(alg, null);
        if (header.getKeyID() != null) {
            m.keyID(header.getKeyID());
        }
        if (alg.equals(JWSAlgorithm.ES256)) {
            m.curve(Curve.P_256);
        }
        List<Key> keys = new ArrayList<>();
        for (JWK jwk : source.get(new JWKSelector(m.build()), context)) {
            if (jwk.getKeyUse() != KeyUse.SIGNATURE) {
                continue; // JWKMatcher lets a key without "use" through; we do not.
            }
            try {
                if (jwk instanceof RSAKey rsa) {
                    keys.add(rsa.toRSAPublicKey());
                } else if (jwk instanceof ECKey ec) {
                    keys.add(ec.toECPublicKey());
                }
            } catch (JOSEException e) {
                // A malformed key in the set verifies nothing.
            }
        }
        return keys;
    }
}
