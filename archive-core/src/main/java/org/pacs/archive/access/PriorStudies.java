// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.access;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.query.QueryEngine;
import org.pacs.archive.query.QueryRequest;
import org.pacs.archive.query.QueryResults;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * The prior studies a referring physician may also see when {@code access.priorStudies} is on: for
 * each study they may see directly (their name as Referring Physician, or shared with them), the other
 * studies of the same patient (the catalog's patient: Patient ID and Issuer) whose Study Date is on or
 * before that study's. Studies without a date are never priors (nothing proves they are earlier).
 * Found through the query engine, so the directly visible set is exactly what a query would show.
 */
public final class PriorStudies {

    /** Bound on the UIDs bound into one SQL IN list. */
    private static final int CHUNK = 500;

    private final Catalog catalog;
    private final QueryEngine engine;

    public PriorStudies(Catalog catalog, QueryEngine engine) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** The Study Instance UIDs of the priors of the studies {@code direct} sees, not including those. */
    public Set<String> of(AccessScope direct) {
        if (direct.isAll()) {
            return Set.of();
        }
        Attributes keys = new Attributes();
        keys.setNull(Tags.StudyInstanceUID, VR.UI);
        List<String> visible = new ArrayList<>();
        try (QueryResults r = engine.query(QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT, keys,
                direct))) {
            r.forEachRemaining(a -> visible.add(a.getString(Tags.StudyInstanceUID)));
        }
        if (visible.isEmpty()) {
            return Set.of();
        }
        Set<String> priors = new HashSet<>();
        for (int i = 0; i < visible.size(); i += CHUNK) {
            List<String> chunk = visible.subList(i, Math.min(visible.size(), i + CHUNK));
            List<Object[]> rows = catalog.read(s -> s.createSelectionQuery(
                    "select other.studyInstanceUid, other.studyDate, seen.studyDate from Study seen, Study other "
                            + "where other.patient = seen.patient and seen.studyInstanceUid in :uids "
                            + "and other.studyInstanceUid <> seen.studyInstanceUid", Object[].class)
                    .setParameter("uids", chunk).getResultList());
            for (Object[] row : rows) {
                LocalDate other = (LocalDate) row[1];
                LocalDate seen = (LocalDate) row[2];
                if (other != null && seen != null && !other.isAfter(seen)) {
                    priors.add((String) row[0]);
                }
            }
        }
        priors.removeAll(visible);
        return priors;
    }
}
