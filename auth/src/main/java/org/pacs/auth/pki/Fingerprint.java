// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 fingerprints of certificates, the identity an AE title is bound to. */
public final class Fingerprint {

    private Fingerprint() {
    }

    /** Lower-case hex of SHA-256 over the DER encoding, no separators (64 characters). */
    public static String sha256(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** {@code AB:CD:...}, the way {@code openssl x509 -fingerprint -sha256} shows it. */
    public static String display(String sha256Hex) {
        return HexFormat.ofDelimiter(":").withUpperCase().formatHex(HexFormat.of().parseHex(sha256Hex));
    }

    /** Lower-case hex of the certificate's serial number. */
    public static String serial(X509Certificate certificate) {
        return certificate.getSerialNumber().toString(16).toLowerCase(Locale.ROOT);
    }
}
