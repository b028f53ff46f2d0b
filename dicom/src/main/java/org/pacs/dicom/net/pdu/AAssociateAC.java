// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.util.List;

/**
 * A-ASSOCIATE-AC PDU (PS3.8 §9.3.3, Table 9-17): the acceptor's answer to each proposed presentation
 * context and its user information. The AE titles echo the request ("shall not be tested").
 */
public record AAssociateAC(int protocolVersion, String calledAeTitle, String callingAeTitle,
        String applicationContext, List<PresentationContextAC> presentationContexts, UserInformation userInformation)
        implements Pdu {

    public AAssociateAC {
        Uids.checkAeTitle(calledAeTitle);
        Uids.checkAeTitle(callingAeTitle);
        Uids.check(applicationContext);
        presentationContexts = List.copyOf(presentationContexts);
        if (userInformation == null || userInformation.userIdentityRQ() != null
                || !userInformation.commonExtendedNegotiations().isEmpty()) {
            throw new IllegalArgumentException("A-ASSOCIATE-AC needs user information without RQ-only sub-items");
        }
    }

    @Override
    public int type() {
        return A_ASSOCIATE_AC;
    }

    /** The answer for the context with this ID, or null. */
    public PresentationContextAC presentationContext(int id) {
        for (PresentationContextAC pc : presentationContexts) {
            if (pc.id() == id) {
                return pc;
            }
        }
        return null;
    }
}
