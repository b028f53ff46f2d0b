// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.Objects;
import java.util.function.Predicate;
import org.hibernate.Session;
import org.pacs.archive.catalog.Catalog;
import org.pacs.dicom.data.Attributes;

/**
 * The archive's one query engine, behind C-FIND, QIDO-RS and the portal: matches an identifier at a
 * Query/Retrieve level (PS3.4 §C.2.2.2, §C.4.1.2) inside the caller's access scope, and streams the
 * response identifiers. Patient and study keys are matched by the study index where it answers them
 * exactly (names, wild cards, dates, UIDs), everything else against the stored headers.
 *
 * <pre>{@code
 * Attributes keys = new Attributes();
 * keys.setString(Tags.PatientID, VR.LO, "12345");
 * keys.setNull(Tags.StudyInstanceUID, VR.UI);
 * keys.setNull(Tags.StudyDate, VR.DA);
 * try (QueryResults results = engine.query(QueryRequest.of(QueryRetrieveLevel.STUDY,
 *         InformationModel.STUDY_ROOT, keys, AccessScope.all()))) {
 *     results.forEachRemaining(sendPending);
 * }
 * }</pre>
 */
public final class QueryEngine {
    private final Catalog catalog;

    public QueryEngine(Catalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * Starts a query; matches are read as the results are consumed.
     *
     * @throws InvalidQueryException if the identifier cannot be answered
     */
    public QueryResults query(QueryRequest request) {
        ParsedQuery query = ParsedQuery.parse(request);
        Session session = catalog.sessionFactory().openSession();
        session.setDefaultReadOnly(true);
        try {
            return switch (request.level()) {
                case PATIENT -> PatientLevelCursor.open(session, query);
                case STUDY -> StudyLevelCursor.open(session, query);
                case SERIES -> SeriesLevelCursor.open(session, query);
                case IMAGE -> ImageLevelCursor.open(session, query);
            };
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    /**
     * Hands each match to {@code sink} until it answers false or the matches end.
     *
     * @return the matches handed over
     */
    public int query(QueryRequest request, Predicate<Attributes> sink) {
        int n = 0;
        try (QueryResults results = query(request)) {
            while (results.hasNext()) {
                n++;
                if (!sink.test(results.next())) {
                    break;
                }
            }
        }
        return n;
    }

    /** The number of matches, ignoring offset and limit (for a total beside a page). */
    public long count(QueryRequest request) {
        QueryRequest all = request.withPage(0, 0);
        try (QueryResults results = query(all)) {
            if (results instanceof StudyLevelCursor study) {
                long n = study.indexCount();
                if (n >= 0) {
                    return n;
                }
            }
            long n = 0;
            while (results.hasNext()) {
                results.next();
                n++;
            }
            return n;
        }
    }
}
