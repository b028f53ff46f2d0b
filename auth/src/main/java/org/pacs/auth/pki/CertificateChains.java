// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a certificate chain the way a TLS peer will: RFC 5280 path validation with the JDK's PKIX
 * {@link CertPathValidator} against explicit trust anchors, at a given time, plus the leaf's
 * extended key usage. Revocation is not checked here: the archive revokes AEs in its own registry.
 */
public final class CertificateChains {

    /** Extended key usage OIDs (RFC 5280 §4.2.1.12). */
    public static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    public static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private CertificateChains() {
    }

    /**
     * Validates {@code chain} (leaf first; the anchor itself may be included or not).
     *
     * @param purpose {@link #SERVER_AUTH} or {@link #CLIENT_AUTH}: the leaf must allow it if it has an
     *     extended key usage extension at all
     * @throws PkiException naming why the chain is unacceptable
     */
    public static void validate(List<X509Certificate> chain, Collection<X509Certificate> anchors, Instant at,
            String purpose) throws PkiException {
        if (chain.isEmpty()) {
            throw new PkiException("no certificate given");
        }
        Set<TrustAnchor> trust = new HashSet<>();
        for (X509Certificate a : anchors) {
            trust.add(new TrustAnchor(a, null));
        }
        if (trust.isEmpty()) {
            throw new PkiException("no trusted CA to validate against");
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        // A CertPath excludes the anchor; drop a trailing anchor the caller included.
        while (path.size() > 1 && anchors.contains(path.getLast())) {
            path.removeLast();
        }
        try {
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXParameters params = new PKIXParameters(trust);
            params.setRevocationEnabled(false);
            params.setDate(Date.from(at));
            CertPathValidator.getInstance("PKIX").validate(certPath, params);
        } catch (CertPathValidatorException e) {
            throw new PkiException("the chain of " + chain.getFirst().getSubjectX500Principal().getName()
                    + " does not validate: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot validate the chain: " + e.getMessage(), e);
        }
        if (!allows(chain.getFirst(), purpose)) {
            throw new PkiException(chain.getFirst().getSubjectX500Principal().getName()
                    + " is not for " + (SERVER_AUTH.equals(purpose) ? "TLS servers (serverAuth)" : "TLS clients (clientAuth)")
                    + ": its extended key usage excludes it");
        }
    }

    /** Whether the certificate's extended key usage (if any) permits {@code purpose}. */
    public static boolean allows(X509Certificate certificate, String purpose) {
        try {
            List<String> eku = certificate.getExtendedKeyUsage();
            return eku == null || eku.contains(purpose) || eku.contains(ANY_EXTENDED_KEY_USAGE);
        } catch (CertificateParsingException e) {
            return false;
        }
    }
}
