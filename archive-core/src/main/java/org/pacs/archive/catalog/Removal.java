// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.time.Instant;
import java.util.List;
import org.hibernate.Session;

/**
 * Deletes inside a writer's transaction, keeping counts, derived attributes and header pointers
 * right, and removing a series, study or patient left empty.
 */
final class Removal {
    private final Session s;
    private final Instant now;

    Removal(Session s, Instant now) {
        this.s = s;
        this.now = now;
    }

    List<BlobLocation> deleteStudy(String studyInstanceUid) {
        Study study = s.createSelectionQuery("from Study st join fetch st.patient where st.studyInstanceUid = :uid",
                Study.class).setParameter("uid", studyInstanceUid).uniqueResult();
        if (study == null) {
            return List.of();
        }
        List<BlobLocation> blobs = s.createSelectionQuery(
                "select i.blob from Instance i where i.series.study = :st", BlobLocation.class)
                .setParameter("st", study).getResultList();
        s.createMutationQuery(
                "delete from InstanceHeader h where h.id in (select i.id from Instance i where i.series.study = :st)")
                .setParameter("st", study).executeUpdate();
        s.createMutationQuery(
                "delete from Instance i where i.series.id in (select se.id from Series se where se.study = :st)")
                .setParameter("st", study).executeUpdate();
        s.createMutationQuery("delete from Series se where se.study = :st").setParameter("st", study).executeUpdate();
        Patient patient = study.getPatient();
        s.remove(study);
        s.flush();
        afterStudyRemoved(patient);
        return List.copyOf(blobs);
    }

    void removeInstance(Instance instance) {
        Series series = instance.getSeries();
        Study study = series.getStudy();
        Patient patient = study.getPatient();
        long id = instance.getId();
        s.createMutationQuery("delete from InstanceHeader h where h.id = :id").setParameter("id", id).executeUpdate();
        s.remove(instance);
        series.addInstances(-1);
        study.addCounts(0, -1, now);
        boolean seriesGone = series.getNumberOfSeriesRelatedInstances() <= 0;
        if (seriesGone) {
            s.remove(series);
            study.addCounts(-1, 0, now);
        }
        s.flush();
        if (study.getNumberOfStudyRelatedInstances() <= 0) {
            s.remove(study);
            s.flush();
            afterStudyRemoved(patient);
            return;
        }
        study.setModalitiesInStudy(DerivedAttributes.modalitiesInStudy(s, study));
        study.setSopClassesInStudy(DerivedAttributes.sopClassesInStudy(s, study));
        if (!seriesGone && series.getHeaderInstanceId() == id) {
            series.setHeaderInstanceId(DerivedAttributes.latestInstanceOf(s, series));
        }
        if (study.getHeaderInstanceId() == id) {
            study.setHeaderInstanceId(DerivedAttributes.latestInstanceOf(s, study));
        }
        if (patient.getHeaderInstanceId() == id) {
            patient.setHeaderInstanceId(DerivedAttributes.latestInstanceOf(s, patient));
        }
    }

    private void afterStudyRemoved(Patient patient) {
        long latest = DerivedAttributes.latestInstanceOf(s, patient);
        if (latest == 0) {
            s.remove(patient);
        } else {
            patient.setHeaderInstanceId(latest);
        }
    }
}
