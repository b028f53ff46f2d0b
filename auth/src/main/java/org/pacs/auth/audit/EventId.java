// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

/**
 * The audit event families the archive reports: CID 400 "Audit Event ID" (PS3.16), one message
 * definition each in PS3.15 §A.5.3.
 */
public enum EventId {
    /** PS3.15 §A.5.3.1: an application started or stopped. */
    APPLICATION_ACTIVITY("110100", "Application Activity"),
    /** PS3.15 §A.5.3.2: someone read the audit trail. */
    AUDIT_LOG_USED("110101", "Audit Log Used"),
    /** PS3.15 §A.5.3.4: instances were created, read, updated or deleted in place. */
    DICOM_INSTANCES_ACCESSED("110103", "DICOM Instances Accessed"),
    /** PS3.15 §A.5.3.7: instances were sent or received (C-STORE, C-GET, C-MOVE, WADO, STOW). */
    DICOM_INSTANCES_TRANSFERRED("110104", "DICOM Instances Transferred"),
    /** PS3.15 §A.5.3.5: data left the system to media or a non-DICOM destination. */
    EXPORT("110106", "Export"),
    /** PS3.15 §A.5.3.6: data entered the system from media or a non-DICOM source. */
    IMPORT("110107", "Import"),
    /** PS3.15 §A.5.3.10: a query was received (the response is not recorded). */
    QUERY("110112", "Query"),
    /** PS3.15 §A.5.3.11: a security-relevant event; the event type code says which. */
    SECURITY_ALERT("110113", "Security Alert"),
    /** PS3.15 §A.5.3.12: a user attempted to log on or off. */
    USER_AUTHENTICATION("110114", "User Authentication");

    private final CodedValue coded;

    EventId(String code, String meaning) {
        this.coded = CodedValue.dcm(code, meaning);
    }

    public CodedValue coded() {
        return coded;
    }
}
