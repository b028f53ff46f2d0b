// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hibernate.Session;
import org.pacs.archive.catalog.Instance;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.catalog.Series;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;

/**
 * IMAGE level: the instances of the matching studies, a page of rows at a time so a study of many
 * thousand instances is never held whole, by study, series number, instance number and id.
 */
final class ImageLevelCursor extends LowerLevelCursor {
    private static final int STUDIES = 50;
    private static final int ROWS = 500;

    private final RowFilters filters;
    private final List<KeyMatcher> seriesResidual;
    private final List<KeyMatcher> instanceResidual;
    private Map<Long, StudyContext> studies;
    private int rowOffset;

    private ImageLevelCursor(Session session, ParsedQuery query, Selection selection, RowFilters filters,
            List<KeyMatcher> seriesResidual, List<KeyMatcher> instanceResidual) {
        super(session, query, selection);
        this.filters = filters;
        this.seriesResidual = seriesResidual;
        this.instanceResidual = instanceResidual;
    }

    static ImageLevelCursor open(Session session, ParsedQuery query) {
        RowFilters filters = new RowFilters();
        List<KeyMatcher> seriesResidual = filters.take(query.matchersAt(QueryRetrieveLevel.SERIES));
        List<KeyMatcher> instanceResidual = filters.take(query.matchersAt(QueryRetrieveLevel.IMAGE));
        UidListMatcher sop = uids(query, QueryRetrieveLevel.IMAGE, Tags.SOPInstanceUID);
        UidListMatcher series = uids(query, QueryRetrieveLevel.SERIES, Tags.SeriesInstanceUID);
        Selection selection;
        if (sop != null) {
            selection = select(session, query,
                    "select distinct i.series.study.id from Instance i where i.sopInstanceUid in (:uids)", sop.uids());
        } else if (series != null) {
            selection = select(session, query,
                    "select distinct se.study.id from Series se where se.seriesInstanceUid in (:uids)", series.uids());
        } else {
            selection = select(session, query, null, null);
        }
        return new ImageLevelCursor(session, query, selection, filters, seriesResidual, instanceResidual);
    }

    private static UidListMatcher uids(ParsedQuery query, QueryRetrieveLevel level, int tag) {
        return query.matchersAt(level).stream().filter(m -> m.tag() == tag && m instanceof UidListMatcher)
                .map(UidListMatcher.class::cast).findFirst().orElse(null);
    }

    @Override
    protected List<Attributes> nextBatch() {
        if (studies == null) {
            studies = nextStudies(STUDIES);
            rowOffset = 0;
            if (studies == null) {
                return null;
            }
        }
        if (studies.isEmpty()) {
            studies = null;
            return List.of();
        }
        List<Instance> rows = filters.bind(session.createSelectionQuery(
                "from Instance i join fetch i.series se where se.study.id in (:studies)" + filters.where()
                        + " order by se.study.id, se.seriesNumber nulls last, se.id, i.instanceNumber nulls last, i.id",
                Instance.class))
                .setParameter("studies", studies.keySet())
                .setFirstResult(rowOffset).setMaxResults(ROWS).getResultList();
        Map<Long, StudyContext> current = studies;
        if (rows.size() < ROWS) {
            studies = null;
        } else {
            rowOffset += ROWS;
        }
        List<Long> headerIds = new ArrayList<>(rows.size() * 2);
        for (Instance i : rows) {
            headerIds.add(i.getId());
            headerIds.add(i.getSeries().getHeaderInstanceId());
        }
        records.loadHeaders(headerIds);
        Map<Long, Attributes> seriesRecords = new HashMap<>();
        List<Attributes> out = new ArrayList<>(rows.size());
        for (Instance i : rows) {
            Series se = i.getSeries();
            Attributes series = seriesRecords.computeIfAbsent(se.getId(), id -> records.series(se));
            if (!allMatch(seriesResidual, series)) {
                continue;
            }
            Attributes instance = records.instance(i);
            if (!allMatch(instanceResidual, instance)) {
                continue;
            }
            StudyContext study = current.get(se.getStudy().getId());
            Map<QueryRetrieveLevel, Attributes> levels = new EnumMap<>(QueryRetrieveLevel.class);
            levels.put(QueryRetrieveLevel.PATIENT, study.patient());
            levels.put(QueryRetrieveLevel.STUDY, study.study());
            levels.put(QueryRetrieveLevel.SERIES, series);
            levels.put(QueryRetrieveLevel.IMAGE, instance);
            out.add(responses.build(levels));
        }
        return out;
    }
}
