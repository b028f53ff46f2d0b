// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.util.Set;
import org.pacs.archive.retrieve.RetrieveOutcome;
import org.pacs.dicom.net.Association;

/**
 * What the DICOM services tell the audit trail (the events of PS3.15 §A.5.3: Query, Begin
 * Transferring/DICOM Instances Transferred, Security Alert for refusals). The server implements it;
 * the services call it on the thread serving the request, so an implementation must not block long.
 */
public interface AuditHook {

    /** Does nothing: for tests and tools without an audit trail. */
    AuditHook NONE = new AuditHook() {
        @Override
        public void query(Association association, String sopClassUid, byte[] identifier, String transferSyntaxUid) {
        }

        @Override
        public void retrieved(Association association, String destinationAeTitle, String patientId,
                Set<String> studyInstanceUids, RetrieveOutcome outcome) {
        }

        @Override
        public void denied(Association association, String what, String reason) {
        }
    };

    /**
     * A query was accepted and is about to run (PS3.15 §A.5.3.10 records the query itself and the SOP class).
     *
     * @param identifier the C-FIND identifier as received, encoded in {@code transferSyntaxUid}
     */
    void query(Association association, String sopClassUid, byte[] identifier, String transferSyntaxUid);

    /**
     * Instances of one patient were sent (or sending them was attempted) by a C-MOVE or C-GET; called
     * once per patient after the last sub-operation.
     *
     * @param destinationAeTitle the C-MOVE destination, or the requestor's own AE title for a C-GET
     * @param patientId the Patient ID, empty if the catalog holds none
     */
    void retrieved(Association association, String destinationAeTitle, String patientId,
            Set<String> studyInstanceUids, RetrieveOutcome outcome);

    /**
     * A request was refused for want of permission, or a peer failed a check.
     *
     * @param what the operation, such as "C-FIND" or "C-MOVE to AE_X"
     * @param reason why (AE titles and policy names only, no patient data)
     */
    void denied(Association association, String what, String reason);
}
