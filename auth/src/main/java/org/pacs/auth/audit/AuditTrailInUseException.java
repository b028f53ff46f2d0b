// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

/** Another writer (normally the running archive) holds the audit trail; nothing is wrong with it. */
public final class AuditTrailInUseException extends AuditTrailException {
    public AuditTrailInUseException(String message) {
        super(message);
    }
}
