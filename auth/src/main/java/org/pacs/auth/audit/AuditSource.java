// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

/**
 * The system that detected the event and wrote the message (PS3.15 §A.5.1 AuditSourceIdentification,
 * §A.5.2.2): AuditSourceID is this archive's identity, unique within the enterprise.
 *
 * @param enterpriseSiteId AuditEnterpriseSiteID, or null
 */
public record AuditSource(String auditSourceId, String enterpriseSiteId) {

    public AuditSource {
        CodedValue.requireText(auditSourceId, "auditSourceId");
    }

    public static AuditSource of(String auditSourceId) {
        return new AuditSource(auditSourceId, null);
    }
}
