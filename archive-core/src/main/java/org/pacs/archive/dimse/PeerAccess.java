// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.dicom.net.Association;

/**
 * What the peer of an association may do, asked by every DICOM service before it acts (deny unless
 * allowed). The archive answers from the AE registry and the access policy; tests answer with fixed
 * rules. Every answer carries a reason for the log and the audit record (AE titles, no patient data).
 */
public interface PeerAccess {

    /** Allowed or not, and why. */
    record Decision(boolean allowed, String reason) {
        public static Decision allow(String reason) {
            return new Decision(true, reason);
        }

        public static Decision deny(String reason) {
            return new Decision(false, reason);
        }
    }

    /**
     * A registered C-MOVE destination: where to open the sub-association, and the check its TLS
     * certificate chain must pass (the AE title is bound to a certificate; host names are not checked).
     */
    record Destination(String aeTitle, String host, int port, CertificateCheck certificateCheck) {
    }

    /** Tests the certificate chain the destination presented. */
    @FunctionalInterface
    interface CertificateCheck {
        boolean matches(List<X509Certificate> chain);
    }

    Decision mayStore(Association association);

    Decision mayQuery(Association association);

    Decision mayRetrieve(Association association);

    /** The studies this peer may find and retrieve ({@link AccessScope#all()} for a registered AE). */
    AccessScope scope(Association association);

    /** The destination if the peer may move to {@code destinationAeTitle}; empty with the reason logged otherwise. */
    Optional<Destination> moveDestination(Association association, String destinationAeTitle);
}
