// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What is known of an association request when the access policy decides on it: the calling and
 * called AE titles from the A-ASSOCIATE-RQ (PS3.8 §9.3.2), the peer's IP address, the certificate
 * chain the TLS layer verified (leaf first; empty on the legacy listener or when none was sent) and
 * the listener.
 */
public record AssociationAttempt(String callingAeTitle, String calledAeTitle, InetAddress peerAddress,
        List<X509Certificate> peerCertificates, Listener listener) {

    public AssociationAttempt {
        peerCertificates = peerCertificates == null ? List.of() : List.copyOf(peerCertificates);
    }

    /** The peer's own certificate, or null. */
    public X509Certificate peerCertificate() {
        return peerCertificates.isEmpty() ? null : peerCertificates.getFirst();
    }
}
