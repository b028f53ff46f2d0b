// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import org.pacs.dicom.net.pdu.AAssociateRJ;

/**
 * The access policy's answer to an association request. Every decision carries a reason for the log
 * and audit line; reasons name AE titles, addresses and certificate fingerprints, never patient data.
 */
public sealed interface AssociationDecision {

    String reason();

    default boolean accepted() {
        return this instanceof Accepted;
    }

    /** Accept: {@code ae} is the registration the association acts as. */
    record Accepted(RegisteredAe ae, String reason) implements AssociationDecision {
    }

    /**
     * Reject with the A-ASSOCIATE-RJ fields of PS3.8 §9.3.4, Table 9-21: {@code result} 1
     * rejected-permanent or 2 rejected-transient, {@code source} 1 DICOM UL service-user, and the
     * {@code diagnostic} (Reason/Diag.) for that source, e.g. 3 calling-AE-title-not-recognized.
     */
    record Rejected(int result, int source, int diagnostic, String reason) implements AssociationDecision {

        /** The PDU to send (validated against Table 9-21 by {@link AAssociateRJ}). */
        public AAssociateRJ toPdu() {
            return new AAssociateRJ(result, source, diagnostic);
        }
    }
}
