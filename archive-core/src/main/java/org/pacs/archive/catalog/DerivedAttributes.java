// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.util.List;
import java.util.TreeSet;
import org.hibernate.Session;

/**
 * Recomputes derived attributes from the rows after a change that an increment cannot follow (a
 * series changing modality, an instance going away). Callers flush pending changes first.
 */
final class DerivedAttributes {
    private DerivedAttributes() {
    }

    /** Modalities in Study (0008,0061): the distinct modalities of the study's series. */
    static String modalitiesInStudy(Session s, Study study) {
        return joined(s.createSelectionQuery(
                "select distinct se.modality from Series se where se.study = :st and se.modality is not null",
                String.class).setParameter("st", study).getResultList());
    }

    /** SOP Classes in Study (0008,0062): the distinct SOP classes of the study's instances. */
    static String sopClassesInStudy(Session s, Study study) {
        return joined(s.createSelectionQuery(
                "select distinct i.sopClassUid from Instance i where i.series.study = :st", String.class)
                .setParameter("st", study).getResultList());
    }

    static long latestInstanceOf(Session s, Series series) {
        return max(s.createSelectionQuery("select max(i.id) from Instance i where i.series = :x", Long.class)
                .setParameter("x", series).getSingleResult());
    }

    static long latestInstanceOf(Session s, Study study) {
        return max(s.createSelectionQuery("select max(i.id) from Instance i where i.series.study = :x",
                Long.class).setParameter("x", study).getSingleResult());
    }

    static long latestInstanceOf(Session s, Patient patient) {
        return max(s.createSelectionQuery("select max(i.id) from Instance i where i.series.study.patient = :x",
                Long.class).setParameter("x", patient).getSingleResult());
    }

    private static long max(Long id) {
        return id == null ? 0 : id;
    }

    private static String joined(List<String> values) {
        return String.join("\\", new TreeSet<>(values));
    }
}
