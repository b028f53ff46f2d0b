// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import org.pacs.auth.pki.Fingerprint;

/**
 * The one certificate an AE title is bound to: its SHA-256 fingerprint (what the access policy
 * compares with the peer's certificate), its serial number, and the certificate itself (DER,
 * base64) for expiry warnings.
 */
public record CertificateBinding(String sha256, String serial, String subject, String issuer, Instant notAfter,
        String derBase64) {

    public static CertificateBinding of(X509Certificate certificate) {
        try {
            return new CertificateBinding(Fingerprint.sha256(certificate), Fingerprint.serial(certificate),
                    certificate.getSubjectX500Principal().getName(), certificate.getIssuerX500Principal().getName(),
                    certificate.getNotAfter().toInstant(), Base64.getEncoder().encodeToString(certificate.getEncoded()));
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the certificate", e);
        }
    }

    public X509Certificate certificate() {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(derBase64)));
        } catch (CertificateException e) {
            throw new IllegalStateException("the registry holds a damaged certificate for " + subject, e);
        }
    }

    /** Whether {@code certificate} is exactly the bound one. */
    public boolean matches(X509Certificate certificate) {
        return certificate != null && sha256.equals(Fingerprint.sha256(certificate));
    }
}
