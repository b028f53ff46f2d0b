// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.catalog.Study;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;

/**
 * SERIES and IMAGE levels: first the studies that match the patient and study keys and that the caller
 * may see, then their series or instances from the catalog. The studies come from the index, or, when
 * the identifier names series or instances by UID but no study, from those UIDs (checked against the
 * keys and the scope here): a relational query for one instance then reads one study, not all.
 */
abstract class LowerLevelCursor extends BatchCursor {
    /** A matching, visible study: the records answering patient and study keys. */
    protected record StudyContext(Attributes patient, Attributes study) {
    }

    private final StudyHits hits;
    private List<Long> namedStudies;
    private final List<KeyMatcher> patientResidual;
    private final List<KeyMatcher> studyResidual;
    private final AccessScope scopeHere;

    protected LowerLevelCursor(Session session, ParsedQuery query, Selection selection) {
        super(session, query, query.request.offset(), query.request.limit());
        this.hits = selection.hits;
        this.namedStudies = selection.namedStudies;
        this.patientResidual = selection.patientResidual;
        this.studyResidual = selection.studyResidual;
        this.scopeHere = selection.scopeHere;
    }

    /** Where the studies come from and what is left to check on them. */
    protected record Selection(StudyHits hits, List<Long> namedStudies, List<KeyMatcher> patientResidual,
            List<KeyMatcher> studyResidual, AccessScope scopeHere) {
    }

    /**
     * @param namedStudiesQuery JPQL selecting the distinct study ids of the UIDs in {@code uids}, or null
     */
    protected static Selection select(Session session, ParsedQuery query, String namedStudiesQuery,
            Collection<String> uids) {
        List<KeyMatcher> patientMatchers = query.matchersAt(QueryRetrieveLevel.PATIENT);
        List<KeyMatcher> studyMatchers = query.matchersAt(QueryRetrieveLevel.STUDY);
        boolean studyNamed = studyMatchers.stream().anyMatch(m -> m.tag() == Tags.StudyInstanceUID
                && m instanceof UidListMatcher);
        if (namedStudiesQuery != null && !studyNamed) {
            List<Long> ids = session.createSelectionQuery(namedStudiesQuery, Long.class)
                    .setParameter("uids", uids).getResultList();
            return new Selection(null, new ArrayList<>(ids), patientMatchers, studyMatchers, query.request.scope());
        }
        List<KeyMatcher> indexed = new ArrayList<>();
        List<KeyMatcher> pr = StudyIndexPredicates.residual(patientMatchers, indexed);
        List<KeyMatcher> sr = StudyIndexPredicates.residual(studyMatchers, indexed);
        StudyHits hits = StudyHits.of(session, indexed, query.request.scope(), StudyHits.Order.BY_STUDY)
                .scroll(StudyLevelCursor.CHUNK);
        return new Selection(hits, null, pr, sr, null);
    }

    /** The next matching, visible studies in id order; null at the end, possibly empty. */
    protected final Map<Long, StudyContext> nextStudies(int chunk) {
        List<Long> ids;
        if (hits != null) {
            List<long[]> h = hits.next();
            if (h == null) {
                return null;
            }
            ids = h.stream().map(x -> x[0]).toList();
        } else {
            if (namedStudies == null || namedStudies.isEmpty()) {
                return null;
            }
            namedStudies.sort(null);
            int n = Math.min(chunk, namedStudies.size());
            ids = new ArrayList<>(namedStudies.subList(0, n));
            namedStudies = new ArrayList<>(namedStudies.subList(n, namedStudies.size()));
        }
        Map<Long, Study> studies = StudyLevelCursor.loadStudies(session, records, ids);
        Map<Long, StudyContext> out = new LinkedHashMap<>();
        for (Long id : ids) {
            Study st = studies.get(id);
            if (st == null || scopeHere != null
                    && !scopeHere.permits(st.getStudyInstanceUid(), st.getReferringPhysicianName())) {
                continue;
            }
            Attributes patient = patientRecord(st.getPatient());
            Attributes study = records.study(st);
            if (allMatch(patientResidual, patient) && allMatch(studyResidual, study)) {
                out.put(id, new StudyContext(patient, study));
            }
        }
        return out;
    }

    @Override
    protected void release() {
        if (hits != null) {
            hits.close();
        }
    }
}
