// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import java.nio.file.Path;
import java.util.List;

/**
 * The certificate bundle {@code ./pacs ae add TITLE --out DIR} hands to a device: its key and certificate
 * (CN = AE title) and the archive's CA certificate to verify the archive with.
 */
record AeBundle(String aeTitle, Path directory) {

    Path key() {
        return directory.resolve(aeTitle + ".key.pem");
    }

    Path certificate() {
        return directory.resolve(aeTitle + ".crt.pem");
    }

    Path ca() {
        return directory.resolve("ca.crt.pem");
    }

    /** DCMTK's options for an authenticated TLS connection with this bundle. */
    List<String> dcmtkTls() {
        return List.of("+tls", key().toString(), certificate().toString(), "+cf", ca().toString());
    }
}
