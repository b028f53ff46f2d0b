// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

/**
 * What a participant object's ID is (ParticipantObjectIDTypeCode): the RFC 3881 codes and the DICOM
 * extensions of CID 404 "Audit Participant Object ID Type Code" (PS3.15 §A.5.2, PS3.16).
 */
public enum ParticipantObjectIdType {
    PATIENT_NUMBER(CodedValue.rfc3881("2", "Patient Number")),
    URI(CodedValue.rfc3881("12", "URI")),
    STUDY_INSTANCE_UID(CodedValue.dcm("110180", "Study Instance UID")),
    SOP_CLASS_UID(CodedValue.dcm("110181", "SOP Class UID")),
    NODE_ID(CodedValue.dcm("110182", "Node ID"));

    private final CodedValue coded;

    ParticipantObjectIdType(CodedValue coded) {
        this.coded = coded;
    }

    public CodedValue coded() {
        return coded;
    }
}
