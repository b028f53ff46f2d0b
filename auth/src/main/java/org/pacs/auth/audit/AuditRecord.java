// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

/** One record of the audit trail: its place in the hash chain (1, 2, ...) and the event it holds. */
public record AuditRecord(long sequence, AuditEvent event) {
}
