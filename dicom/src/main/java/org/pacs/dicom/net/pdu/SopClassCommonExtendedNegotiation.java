// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.util.List;

/**
 * SOP Class Common Extended Negotiation sub-item (PS3.7 §D.3.3.6): the service class of a SOP class
 * and the general SOP classes it specializes. Only in an A-ASSOCIATE-RQ.
 */
public record SopClassCommonExtendedNegotiation(String sopClassUid, String serviceClassUid,
        List<String> relatedGeneralSopClasses) {

    public SopClassCommonExtendedNegotiation {
        Uids.check(sopClassUid);
        Uids.check(serviceClassUid);
        relatedGeneralSopClasses = List.copyOf(relatedGeneralSopClasses);
        relatedGeneralSopClasses.forEach(Uids::check);
    }
}
