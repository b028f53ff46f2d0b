// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.pacs.archive.ingest.IngestListener;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.archive.ingest.IngestRequest;

/**
 * Listens to the ingest path during an import and keeps, in memory only, the studies stored per
 * patient: the import is audited once per patient at the end (PS3.15 §A.5.3.6 Import allows one
 * patient per message).
 */
public final class StudiesSeen implements IngestListener {
    private final Map<String, Set<String>> studiesByPatient = new LinkedHashMap<>();

    @Override
    public void ingested(IngestRequest request, IngestOutcome outcome, String patientId) {
        if (outcome.status() == IngestOutcome.SUCCESS && outcome.studyInstanceUid() != null) {
            studiesByPatient.computeIfAbsent(patientId == null ? "" : patientId, p -> new LinkedHashSet<>())
                    .add(outcome.studyInstanceUid());
        }
    }

    /** Patient ID ("" when the objects carried none) to the Study Instance UIDs stored for it. */
    public Map<String, Set<String>> studiesByPatient() {
        return studiesByPatient;
    }
}
