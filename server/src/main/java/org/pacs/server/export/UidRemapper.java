// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.export;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The "U" action of PS3.15 Table E.1-1: each UID is replaced by a UUID-derived UID ({@code 2.25.},
 * PS3.5 §B.2) computed as an HMAC-SHA-256 of the original, keyed by a random secret made for this
 * export and never stored. The same UID maps to the same new UID everywhere in the export (so study,
 * series and references stay consistent), and without the secret nobody can map back or link two
 * exports of the same study.
 */
final class UidRemapper {
    private final byte[] secret;

    UidRemapper(SecureRandom random) {
        this.secret = new byte[32];
        random.nextBytes(secret);
    }

    String remap(String uid) {
        byte[] h;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            h = mac.doFinal(uid.strip().getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA-256 unavailable", e);
        }
        byte[] uuid = Arrays.copyOf(h, 16);
        uuid[6] = (byte) ((uuid[6] & 0x0F) | 0x80); // RFC 9562 version 8 (custom)
        uuid[8] = (byte) ((uuid[8] & 0x3F) | 0x80); // RFC 9562 variant
        return "2.25." + new BigInteger(1, uuid);
    }

    /** Forgets the secret: nothing more can be mapped the same way. */
    void destroy() {
        Arrays.fill(secret, (byte) 0);
    }
}
