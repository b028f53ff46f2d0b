// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import java.util.Set;
import org.pacs.dicom.net.pdu.AAssociateRJ;

/**
 * Decides whether to accept an association from the calling and called AE titles, the peer
 * address, its certificate chain and the user identity. A rejection names the A-ASSOCIATE-RJ
 * result, source and reason (PS3.8 Table 9-21) the peer will see.
 *
 * <pre>{@code
 * AssociationPolicy policy = AssociationPolicy.calledAeTitles(Set.of("ARCHIVE"))
 *         .and(req -> req.peer().certificate() != null ? Decision.ACCEPT
 *                 : Decision.reject(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED));
 * }</pre>
 */
@FunctionalInterface
public interface AssociationPolicy {

    /** Accept, or reject with the A-ASSOCIATE-RJ to send. */
    sealed interface Decision {
        Decision ACCEPT = new Accept();

        /** A permanent rejection by the service user with the given reason (1, 2, 3 or 7). */
        static Decision reject(int userReason) {
            return new Reject(new AAssociateRJ(AAssociateRJ.REJECTED_PERMANENT, AAssociateRJ.SOURCE_SERVICE_USER,
                    userReason));
        }
    }

    record Accept() implements Decision {
    }

    record Reject(AAssociateRJ reject) implements Decision {
    }

    Decision decide(AssociationRequest request);

    /** This policy, then {@code next} if this one accepts. */
    default AssociationPolicy and(AssociationPolicy next) {
        return req -> decide(req) instanceof Reject r ? r : next.decide(req);
    }

    static AssociationPolicy acceptAll() {
        return req -> Decision.ACCEPT;
    }

    /** Rejects a called AE title not in {@code titles} (called-AE-title-not-recognized). */
    static AssociationPolicy calledAeTitles(Set<String> titles) {
        return req -> titles.contains(req.calledAeTitle()) ? Decision.ACCEPT
                : Decision.reject(AAssociateRJ.USER_CALLED_AE_TITLE_NOT_RECOGNIZED);
    }

    /** Rejects a calling AE title not in {@code titles} (calling-AE-title-not-recognized). */
    static AssociationPolicy callingAeTitles(Set<String> titles) {
        return req -> titles.contains(req.callingAeTitle()) ? Decision.ACCEPT
                : Decision.reject(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED);
    }
}
