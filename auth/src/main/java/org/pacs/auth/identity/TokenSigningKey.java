// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.ParseException;
import org.pacs.storage.crypto.KeyRing;

/**
 * The key that signs the embedded identity provider's access tokens: an EC P-256 key (ES256, RFC
 * 7518 §3.4) generated at first start and kept sealed in {@code <data>/identity/token-signing-key.sealed}
 * (role {@code "identity/token signing key"}); its key id is its RFC 7638 thumbprint. Two processes
 * starting at once agree on one key: it is created under the store's lock.
 */
public final class TokenSigningKey {

    static final String FILE = "token-signing-key.sealed";
    static final String ROLE = "identity/token signing key";

    private final ECKey key;

    private TokenSigningKey(ECKey key) {
        this.key = key;
    }

    /** The key of {@code dataDir}, created now if there is none. */
    public static TokenSigningKey loadOrCreate(Path dataDir, KeyRing keys) throws IOException {
        SealedStore<ECKey> store = new SealedStore<>(dataDir.resolve(UserStore.DIRECTORY).resolve(FILE), ROLE, keys,
                new Codec(), null);
        ECKey existing = store.current();
        if (existing != null) {
            return new TokenSigningKey(existing);
        }
        return new TokenSigningKey(store.change(current -> current != null ? current : generate()));
    }

    /** A key that lives in memory only, for tests. */
    static TokenSigningKey ephemeral() throws IOException {
        return new TokenSigningKey(generate());
    }

    ECKey privateJwk() {
        return key;
    }

    /** The public half, as published for verifiers (e.g. a JWKS endpoint). */
    public ECKey publicJwk() {
        return key.toPublicJWK();
    }

    public String keyId() {
        return key.getKeyID();
    }

    private static ECKey generate() throws IOException {
        try {
            return new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IOException("cannot generate the token signing key: " + e.getMessage(), e);
        }
    }

    /** The private JWK as JSON (RFC 7517), only ever written sealed. */
    private static final class Codec implements SealedStore.Codec<ECKey> {
        @Override
        public byte[] encode(ECKey value) {
            return value.toJSONString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public ECKey decode(byte[] bytes) {
            try {
                ECKey k = ECKey.parse(new String(bytes, StandardCharsets.UTF_8));
                if (!k.isPrivate() || !Curve.P_256.equals(k.getCurve())) {
                    throw new IllegalArgumentException("not a private P-256 key");
                }
                return k;
            } catch (ParseException e) {
                throw new IllegalArgumentException("not a JWK: " + e.getMessage(), e);
            }
        }
    }
}
