// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.Session;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.catalog.Study;
import org.pacs.dicom.data.Attributes;

/**
 * STUDY level: studies from the index, newest first. When the index answers every key, it also
 * applies offset and limit; otherwise the remaining keys are matched against the headers and the page
 * is counted here.
 */
final class StudyLevelCursor extends BatchCursor {
    static final int CHUNK = 200;

    private final StudyHits hits;
    private final List<KeyMatcher> patientResidual;
    private final List<KeyMatcher> studyResidual;

    private StudyLevelCursor(Session session, ParsedQuery query, StudyHits hits, List<KeyMatcher> patientResidual,
            List<KeyMatcher> studyResidual, int offset, int limit) {
        super(session, query, offset, limit);
        this.hits = hits;
        this.patientResidual = patientResidual;
        this.studyResidual = studyResidual;
    }

    static StudyLevelCursor open(Session session, ParsedQuery query) {
        List<KeyMatcher> indexed = new ArrayList<>();
        List<KeyMatcher> pr = StudyIndexPredicates.residual(query.matchersAt(QueryRetrieveLevel.PATIENT), indexed);
        List<KeyMatcher> sr = StudyIndexPredicates.residual(query.matchersAt(QueryRetrieveLevel.STUDY), indexed);
        StudyHits hits = StudyHits.of(session, indexed, query.request.scope(), StudyHits.Order.NEWEST_FIRST);
        QueryRequest r = query.request;
        if (pr.isEmpty() && sr.isEmpty() && r.limit() > 0) {
            return new StudyLevelCursor(session, query, hits.page(r.offset(), r.limit()), pr, sr, 0, r.limit());
        }
        return new StudyLevelCursor(session, query, hits.scroll(CHUNK), pr, sr, r.offset(), r.limit());
    }

    /** Matches without building them, where the index alone decides; -1 where it does not. */
    long indexCount() {
        return patientResidual.isEmpty() && studyResidual.isEmpty() ? hits.totalCount() : -1;
    }

    @Override
    protected List<Attributes> nextBatch() {
        List<long[]> chunk = hits.next();
        if (chunk == null) {
            return null;
        }
        List<Long> ids = chunk.stream().map(h -> h[0]).toList();
        Map<Long, Study> studies = loadStudies(session, records, ids);
        List<Attributes> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Study st = studies.get(id);
            if (st == null) {
                continue; // deleted since the index was read
            }
            Attributes patient = patientRecord(st.getPatient());
            Attributes study = records.study(st);
            if (allMatch(patientResidual, patient) && allMatch(studyResidual, study)) {
                Map<QueryRetrieveLevel, Attributes> levels = new EnumMap<>(QueryRetrieveLevel.class);
                levels.put(QueryRetrieveLevel.PATIENT, patient);
                levels.put(QueryRetrieveLevel.STUDY, study);
                out.add(responses.build(levels));
            }
        }
        return out;
    }

    /** Studies with their patients, by id, their headers read into {@code records}. */
    static Map<Long, Study> loadStudies(Session session, LevelRecords records, List<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Study> list = session.createSelectionQuery(
                "from Study st join fetch st.patient where st.id in (:ids)", Study.class)
                .setParameter("ids", ids).getResultList();
        Set<Long> headerIds = new HashSet<>();
        for (Study st : list) {
            headerIds.add(st.getHeaderInstanceId());
            headerIds.add(st.getPatient().getHeaderInstanceId());
        }
        records.loadHeaders(headerIds);
        return list.stream().collect(Collectors.toMap(Study::getId, Function.identity()));
    }

    @Override
    protected void release() {
        hits.close();
    }
}
