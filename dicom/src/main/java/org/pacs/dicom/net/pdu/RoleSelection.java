// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

/**
 * SCP/SCU Role Selection sub-item (PS3.7 §D.3.3.4): for one SOP class, whether the requestor may act
 * as SCU and as SCP (in an A-ASSOCIATE-RQ), or which of those the acceptor grants (in an AC).
 */
public record RoleSelection(String sopClassUid, boolean scu, boolean scp) {

    public RoleSelection {
        Uids.check(sopClassUid);
    }
}
