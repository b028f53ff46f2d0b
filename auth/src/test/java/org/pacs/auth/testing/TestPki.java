// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.testing;

import java.time.Clock;
import java.util.List;
import org.pacs.auth.pki.CertificateAuthority;
import org.pacs.auth.pki.IssuedCertificate;
import org.pacs.auth.pki.KeyAlgorithm;

/** A CA with a server and an AE certificate, EC keys for speed. */
public record TestPki(CertificateAuthority ca, IssuedCertificate server, IssuedCertificate ae) {

    public static TestPki create(String aeTitle) {
        CertificateAuthority ca = CertificateAuthority.create("Test CA", KeyAlgorithm.EC_P256, Clock.systemUTC());
        return new TestPki(ca, ca.issueServer(List.of("localhost", "127.0.0.1"), KeyAlgorithm.EC_P256),
                ca.issueAe(aeTitle, KeyAlgorithm.EC_P256));
    }
}
