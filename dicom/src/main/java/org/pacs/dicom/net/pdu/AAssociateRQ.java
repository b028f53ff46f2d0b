// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A-ASSOCIATE-RQ PDU (PS3.8 §9.3.2, Table 9-11): AE titles, application context, proposed
 * presentation contexts (unique odd IDs) and user information.
 *
 * <pre>{@code
 * var rq = new AAssociateRQ("STORESCP", "MYSCU", List.of(
 *         new PresentationContextRQ(1, "1.2.840.10008.1.1", "1.2.840.10008.1.2")),
 *         new UserInformation(16384, "1.2.3.4", "PACS_1"));
 * }</pre>
 */
public record AAssociateRQ(int protocolVersion, String calledAeTitle, String callingAeTitle,
        String applicationContext, List<PresentationContextRQ> presentationContexts, UserInformation userInformation)
        implements Pdu {

    /** The DICOM Application Context Name (PS3.7 Annex A.2.1). */
    public static final String DICOM_APPLICATION_CONTEXT = "1.2.840.10008.3.1.1.1";

    public AAssociateRQ {
        Uids.checkAeTitle(calledAeTitle);
        Uids.checkAeTitle(callingAeTitle);
        Uids.check(applicationContext);
        presentationContexts = List.copyOf(presentationContexts);
        if (presentationContexts.isEmpty() || presentationContexts.size() > 128) {
            throw new IllegalArgumentException("an A-ASSOCIATE-RQ carries 1-128 presentation contexts");
        }
        Set<Integer> ids = new HashSet<>();
        for (PresentationContextRQ pc : presentationContexts) {
            if (!ids.add(pc.id())) {
                throw new IllegalArgumentException("duplicate presentation context ID " + pc.id());
            }
        }
        if (userInformation == null || userInformation.userIdentityAC() != null) {
            throw new IllegalArgumentException("A-ASSOCIATE-RQ needs user information without an AC identity");
        }
    }

    public AAssociateRQ(String calledAeTitle, String callingAeTitle, List<PresentationContextRQ> presentationContexts,
            UserInformation userInformation) {
        this(1, calledAeTitle, callingAeTitle, DICOM_APPLICATION_CONTEXT, presentationContexts, userInformation);
    }

    @Override
    public int type() {
        return A_ASSOCIATE_RQ;
    }

    /** The proposed context with this ID, or null. */
    public PresentationContextRQ presentationContext(int id) {
        for (PresentationContextRQ pc : presentationContexts) {
            if (pc.id() == id) {
                return pc;
            }
        }
        return null;
    }
}
