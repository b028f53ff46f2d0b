// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

/**
 * Receives each record once it is durable in the trail, e.g. {@link SyslogTlsForwarder}. Called on the
 * appending thread: it must return at once (hand the message to a queue) and never block the archive.
 */
@FunctionalInterface
public interface AuditSink {

    /**
     * @param auditMessageXml the DICOM audit message exactly as stored (PS3.15 §A.5.1, UTF-8)
     */
    void accept(AuditRecord record, byte[] auditMessageXml);
}
