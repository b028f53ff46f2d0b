// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.pacs.archive.catalog.Patient;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;

/**
 * PATIENT level (Patient Root): the patients of the studies the index matches, each once. Studies come
 * grouped by patient, so a patient is only visible through a study the caller may see.
 */
final class PatientLevelCursor extends BatchCursor {
    private static final int CHUNK = 500;

    private final StudyHits hits;
    private final List<KeyMatcher> residual;
    private long lastPatient = -1;

    private PatientLevelCursor(Session session, ParsedQuery query, StudyHits hits, List<KeyMatcher> residual) {
        super(session, query, query.request.offset(), query.request.limit());
        this.hits = hits;
        this.residual = residual;
    }

    static PatientLevelCursor open(Session session, ParsedQuery query) {
        List<KeyMatcher> indexed = new ArrayList<>();
        List<KeyMatcher> residual = StudyIndexPredicates.residual(query.matchersAt(QueryRetrieveLevel.PATIENT),
                indexed);
        StudyHits hits = StudyHits.of(session, indexed, query.request.scope(), StudyHits.Order.BY_PATIENT)
                .scroll(CHUNK);
        return new PatientLevelCursor(session, query, hits, residual);
    }

    @Override
    protected List<Attributes> nextBatch() {
        List<long[]> chunk = hits.next();
        if (chunk == null) {
            return null;
        }
        Set<Long> ids = new LinkedHashSet<>();
        for (long[] hit : chunk) {
            if (hit[1] != lastPatient) {
                ids.add(hit[1]);
                lastPatient = hit[1];
            }
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Patient> patients = session.createSelectionQuery("from Patient p where p.id in (:ids)",
                Patient.class).setParameter("ids", ids).getResultStream()
                .collect(Collectors.toMap(Patient::getId, Function.identity()));
        records.loadHeaders(patients.values().stream().map(Patient::getHeaderInstanceId).toList());
        List<Attributes> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Patient p = patients.get(id);
            if (p == null) {
                continue;
            }
            Attributes record = patientRecord(p);
            if (allMatch(residual, record)) {
                Map<QueryRetrieveLevel, Attributes> levels = new EnumMap<>(QueryRetrieveLevel.class);
                levels.put(QueryRetrieveLevel.PATIENT, record);
                out.add(responses.build(levels));
            }
        }
        return out;
    }

    @Override
    protected void release() {
        hits.close();
    }
}
