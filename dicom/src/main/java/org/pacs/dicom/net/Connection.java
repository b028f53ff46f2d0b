// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * A network connection of an AE (PS3.15 Annex H, dicomNetworkConnection): host, port and, for DICOM
 * TLS, the TLS policy; {@code tls} null means plaintext.
 */
public record Connection(String hostname, int port, TlsPolicy tls) {

    public Connection {
        if (hostname == null || hostname.isBlank()) {
            throw new IllegalArgumentException("connection needs a hostname");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static Connection plain(String hostname, int port) {
        return new Connection(hostname, port, null);
    }

    public boolean isTls() {
        return tls != null;
    }
}
