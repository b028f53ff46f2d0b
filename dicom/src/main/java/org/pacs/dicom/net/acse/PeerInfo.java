// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What is known of the peer before the association is accepted: its address and, over TLS, its
 * verified certificate chain (empty in plaintext or when the client sent none).
 */
public record PeerInfo(InetSocketAddress address, List<X509Certificate> certificates) {

    public PeerInfo {
        certificates = List.copyOf(certificates);
    }

    /** The peer's own certificate, or null. */
    public X509Certificate certificate() {
        return certificates.isEmpty() ? null : certificates.getFirst();
    }
}
