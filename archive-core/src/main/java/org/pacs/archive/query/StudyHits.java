// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import static org.pacs.archive.index.StudyIndexFields.*;

import java.util.List;
import org.hibernate.Session;
import org.hibernate.search.engine.search.query.SearchQuery;
import org.hibernate.search.engine.search.query.SearchScroll;
import org.hibernate.search.engine.search.query.SearchScrollResult;
import org.hibernate.search.engine.search.sort.dsl.SearchSortFactory;
import org.hibernate.search.engine.search.sort.dsl.SortFinalStep;
import org.hibernate.search.mapper.orm.Search;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.Study;

/**
 * The studies the index matches, as (study id, patient id) pairs in a fixed order, read chunk by chunk
 * from one index snapshot (a scroll), or as one page when the index alone decides the matches.
 */
final class StudyHits implements AutoCloseable {
    /** The orders results come in; ties are broken by catalog id, so pages are stable. */
    enum Order {
        /** Study level: newest study first, undated ones last. */
        NEWEST_FIRST,
        /** Patient level: grouped by patient. */
        BY_PATIENT,
        /** Series and image levels: by study. */
        BY_STUDY
    }

    private final SearchQuery<long[]> query;
    private SearchScroll<long[]> scroll;
    private List<long[]> page;
    private boolean done;

    private StudyHits(SearchQuery<long[]> query) {
        this.query = query;
    }

    static StudyHits of(Session session, List<KeyMatcher> indexed, AccessScope scope, Order order) {
        SearchQuery<long[]> q = Search.session(session).search(Study.class)
                .select(f -> f.composite()
                        .from(f.field(STUDY_PK, Long.class), f.field(PATIENT_PK, Long.class))
                        .asArray(a -> new long[] {(Long) a[0], (Long) a[1]}))
                .where(f -> StudyIndexPredicates.predicate(f, indexed, scope))
                .sort(f -> sort(f, order))
                .toQuery();
        return new StudyHits(q);
    }

    private static SortFinalStep sort(SearchSortFactory f, Order order) {
        return switch (order) {
            case NEWEST_FIRST -> f.composite()
                    .add(f.field(STUDY_DATE).desc().missing().last())
                    .add(f.field(STUDY_TIME).desc().missing().last())
                    .add(f.field(STUDY_PK).desc());
            case BY_PATIENT -> f.composite().add(f.field(PATIENT_PK).asc()).add(f.field(STUDY_PK).asc());
            case BY_STUDY -> f.field(STUDY_PK).asc();
        };
    }

    /** Reads hits {@code offset} to {@code offset + limit} as the only chunk. */
    StudyHits page(int offset, int limit) {
        page = query.fetchHits(offset, limit);
        return this;
    }

    /** Reads the hits as a scroll of {@code chunk} hits at a time. */
    StudyHits scroll(int chunk) {
        scroll = query.scroll(chunk);
        return this;
    }

    long totalCount() {
        return query.fetchTotalHitCount();
    }

    /** The next chunk of hits, or null at the end. */
    List<long[]> next() {
        if (done) {
            return null;
        }
        if (page != null) {
            done = true;
            return page.isEmpty() ? null : page;
        }
        SearchScrollResult<long[]> chunk = scroll.next();
        if (!chunk.hasHits()) {
            done = true;
            return null;
        }
        return chunk.hits();
    }

    @Override
    public void close() {
        if (scroll != null) {
            scroll.close();
        }
    }
}
