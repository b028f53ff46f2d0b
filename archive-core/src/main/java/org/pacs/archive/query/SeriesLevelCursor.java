// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.catalog.Series;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;

/** SERIES level: the series of the matching studies, by study, series number and id. */
final class SeriesLevelCursor extends LowerLevelCursor {
    private final RowFilters filters;
    private final List<KeyMatcher> seriesResidual;

    private SeriesLevelCursor(Session session, ParsedQuery query, Selection selection, RowFilters filters,
            List<KeyMatcher> seriesResidual) {
        super(session, query, selection);
        this.filters = filters;
        this.seriesResidual = seriesResidual;
    }

    static SeriesLevelCursor open(Session session, ParsedQuery query) {
        RowFilters filters = new RowFilters();
        List<KeyMatcher> residual = filters.take(query.matchersAt(QueryRetrieveLevel.SERIES));
        UidListMatcher seriesUids = query.matchersAt(QueryRetrieveLevel.SERIES).stream()
                .filter(m -> m.tag() == Tags.SeriesInstanceUID && m instanceof UidListMatcher)
                .map(UidListMatcher.class::cast).findFirst().orElse(null);
        Selection selection = seriesUids != null
                ? select(session, query,
                        "select distinct se.study.id from Series se where se.seriesInstanceUid in (:uids)",
                        seriesUids.uids())
                : select(session, query, null, null);
        return new SeriesLevelCursor(session, query, selection, filters, residual);
    }

    @Override
    protected List<Attributes> nextBatch() {
        Map<Long, StudyContext> studies = nextStudies(StudyLevelCursor.CHUNK);
        if (studies == null) {
            return null;
        }
        if (studies.isEmpty()) {
            return List.of();
        }
        List<Series> series = filters.bind(session.createSelectionQuery(
                "from Series se where se.study.id in (:studies)" + filters.where()
                        + " order by se.study.id, se.seriesNumber nulls last, se.id", Series.class))
                .setParameter("studies", studies.keySet()).getResultList();
        records.loadHeaders(series.stream().map(Series::getHeaderInstanceId).toList());
        List<Attributes> out = new ArrayList<>(series.size());
        for (Series se : series) {
            Attributes record = records.series(se);
            if (!allMatch(seriesResidual, record)) {
                continue;
            }
            StudyContext study = studies.get(se.getStudy().getId());
            Map<QueryRetrieveLevel, Attributes> levels = new EnumMap<>(QueryRetrieveLevel.class);
            levels.put(QueryRetrieveLevel.PATIENT, study.patient());
            levels.put(QueryRetrieveLevel.STUDY, study.study());
            levels.put(QueryRetrieveLevel.SERIES, record);
            out.add(responses.build(levels));
        }
        return out;
    }
}
