// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate with its private key and its chain, leaf first, up to and including the issuing CA.
 * {@link #toString()} never shows the key.
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    public IssuedCertificate {
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.getFirst().equals(certificate)) {
            throw new IllegalArgumentException("the chain must start with the certificate");
        }
    }

    @Override
    public String toString() {
        return "IssuedCertificate[" + certificate.getSubjectX500Principal().getName() + ", key redacted]";
    }
}
