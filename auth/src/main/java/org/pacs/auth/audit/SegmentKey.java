// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.pacs.storage.crypto.BlobCipher;

/**
 * The two keys of one segment: a data key that encrypts each record (Tink streaming AEAD through the
 * storage module's {@link BlobCipher}) and an HMAC-SHA256 key that chains the records. Both are sealed in
 * the segment header under the key ring's KEK, so whoever can write the files still cannot forge a MAC.
 */
final class SegmentKey {

    static final int MAC_LENGTH = 32;
    private static final String HMAC = "HmacSHA256";

    final int segment;
    private final BlobCipher cipher;
    private final SecretKeySpec macKey;

    SegmentKey(int segment, BlobCipher cipher, byte[] macKey) {
        this.segment = segment;
        this.cipher = cipher;
        this.macKey = new SecretKeySpec(macKey, HMAC);
    }

    /** HMAC-SHA256 over a domain label and the parts, each length-prefixed so no two inputs collide. */
    byte[] mac(String domain, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(macKey);
            update(mac, domain.getBytes(StandardCharsets.US_ASCII));
            for (byte[] part : parts) {
                update(mac, part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static void update(Mac mac, byte[] part) {
        mac.update(ByteBuffer.allocate(4).putInt(part.length).array());
        mac.update(part);
    }

    static boolean equal(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    byte[] encrypt(byte[] plaintext, byte[] associatedData) throws IOException {
        return encrypt(cipher, plaintext, associatedData);
    }

    byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws IOException {
        return decrypt(cipher, ciphertext, associatedData);
    }

    static byte[] encrypt(BlobCipher cipher, byte[] plaintext, byte[] associatedData) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 64);
        try (OutputStream encrypting = cipher.encrypt(out, associatedData)) {
            encrypting.write(plaintext);
        }
        return out.toByteArray();
    }

    static byte[] decrypt(BlobCipher cipher, byte[] ciphertext, byte[] associatedData) throws IOException {
        try (InputStream in = cipher.decrypt(new ByteArrayInputStream(ciphertext), associatedData)) {
            return in.readAllBytes();
        }
    }
}
