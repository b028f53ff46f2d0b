// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.ingest;

/** Told of every ingest attempt, stored or not: the audit trail and metrics listen here. */
@FunctionalInterface
public interface IngestListener {
    void ingested(IngestRequest request, IngestOutcome outcome, String patientId);

    static IngestListener none() {
        return (request, outcome, patientId) -> { };
    }
}
