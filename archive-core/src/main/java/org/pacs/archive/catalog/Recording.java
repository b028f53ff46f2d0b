// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import jakarta.persistence.OptimisticLockException;
import java.time.Instant;
import java.util.Objects;
import org.hibernate.Session;

/**
 * One {@link CatalogWriter#record} inside its transaction. Level attributes (patient, study, series)
 * and the header answering each level's return keys follow the most recently recorded instance. A
 * study stays with the patient it was first recorded under; an instance carrying another Patient ID
 * does not change that patient's attributes.
 */
final class Recording {
    private final Session s;
    private final InstanceFacts f;
    private final byte[] header;
    private final BlobLocation blob;
    private final Instant now;

    Recording(Session s, InstanceFacts facts, byte[] header, BlobLocation blob, Instant now) {
        this.s = s;
        this.f = facts;
        this.header = header;
        this.blob = blob;
        this.now = now;
    }

    RecordResult run(DuplicatePolicy policy) {
        Instance existing = s.createSelectionQuery("""
                from Instance i join fetch i.series se join fetch se.study st join fetch st.patient
                where i.sopInstanceUid = :uid""", Instance.class)
                .setParameter("uid", f.sopInstanceUid()).uniqueResult();
        if (existing == null) {
            insert();
            return new RecordResult(RecordResult.Outcome.STORED, null);
        }
        if (policy == DuplicatePolicy.KEEP_EXISTING) {
            return new RecordResult(RecordResult.Outcome.DUPLICATE_KEPT, blob);
        }
        BlobLocation previous = existing.getBlob();
        Series series = existing.getSeries();
        Study study = series.getStudy();
        if (series.getSeriesInstanceUid().equals(f.seriesInstanceUid())
                && study.getStudyInstanceUid().equals(f.studyInstanceUid())) {
            boolean sopClassChanged = !existing.getSopClassUid().equals(f.sopClassUid());
            existing.setObject(f.sopClassUid(), f.instanceNumber(), f.transferSyntaxUid(), f.specificCharacterSet(),
                    blob, now);
            s.get(InstanceHeader.class, existing.getId()).setData(header);
            refreshLevels(study.getPatient(), study, series, existing, false);
            study.addCounts(0, 0, now);
            if (sopClassChanged) {
                s.flush();
                study.setSopClassesInStudy(DerivedAttributes.sopClassesInStudy(s, study));
            }
        } else {
            // The replacement names another series or study: the old instance leaves its place first.
            new Removal(s, now).removeInstance(existing);
            s.flush();
            insert();
        }
        return new RecordResult(RecordResult.Outcome.REPLACED, previous);
    }

    private void insert() {
        // Most instances join a series already recorded: one lookup brings its study and patient too.
        Series known = s.createSelectionQuery("""
                from Series se join fetch se.study st join fetch st.patient where se.seriesInstanceUid = :uid""",
                Series.class).setParameter("uid", f.seriesInstanceUid()).uniqueResult();
        if (known != null && known.getStudy().getStudyInstanceUid().equals(f.studyInstanceUid())) {
            addInstance(known.getStudy().getPatient(), known.getStudy(), known, false);
            return;
        }
        Study study = s.createSelectionQuery("from Study st join fetch st.patient where st.studyInstanceUid = :uid",
                Study.class).setParameter("uid", f.studyInstanceUid()).uniqueResult();
        Patient patient = null;
        boolean newPatient = false;
        boolean newStudy = study == null;
        if (newStudy) {
            patient = findPatient();
            newPatient = patient == null;
            if (newPatient) {
                patient = new Patient(f.patientId(), f.issuerOfPatientId());
            }
            study = new Study(patient, f.studyInstanceUid(), now);
        } else {
            patient = study.getPatient();
        }
        Series series = known;
        boolean newSeries = series == null;
        if (newSeries) {
            series = new Series(study, f.seriesInstanceUid());
        } else if (newStudy || !Objects.equals(series.getStudy().getId(), study.getId())) {
            if (newStudy && series.getStudy().getStudyInstanceUid().equals(f.studyInstanceUid())) {
                // Another archive on the same database committed this study between the two reads above.
                throw new OptimisticLockException("study recorded concurrently");
            }
            throw new IllegalArgumentException("Series Instance UID (0020,000E) is recorded under another study");
        }
        if (newPatient) {
            s.persist(patient);
        }
        if (newStudy) {
            s.persist(study);
        }
        if (newSeries) {
            s.persist(series);
        }
        addInstance(patient, study, series, newSeries);
    }

    private void addInstance(Patient patient, Study study, Series series, boolean newSeries) {
        Instance instance = new Instance(series, f.sopInstanceUid());
        instance.setObject(f.sopClassUid(), f.instanceNumber(), f.transferSyntaxUid(), f.specificCharacterSet(),
                blob, now);
        s.persist(instance);
        s.persist(new InstanceHeader(instance, header));
        series.addInstances(1);
        study.addCounts(newSeries ? 1 : 0, 1, now);
        study.addSopClass(f.sopClassUid());
        refreshLevels(patient, study, series, instance, newSeries);
    }

    private Patient findPatient() {
        if (f.patientId() == null) {
            return null; // no Patient ID: a patient of its own
        }
        return s.createSelectionQuery(
                "from Patient p where p.patientId = :id and p.issuerOfPatientId = :issuer", Patient.class)
                .setParameter("id", f.patientId())
                .setParameter("issuer", f.issuerOfPatientId() == null ? "" : f.issuerOfPatientId())
                .uniqueResult();
    }

    private void refreshLevels(Patient patient, Study study, Series series, Instance instance, boolean newSeries) {
        boolean modalityChanged = !newSeries && !Objects.equals(series.getModality(), f.modality());
        series.setAttributes(f.modality(), f.seriesNumber(), f.seriesDescription(), f.bodyPartExamined());
        series.setHeaderInstanceId(instance.getId());
        if (modalityChanged) {
            s.flush();
            study.setModalitiesInStudy(DerivedAttributes.modalitiesInStudy(s, study));
        } else {
            study.addModality(f.modality());
        }
        study.setAttributes(f.studyDate(), f.studyTime(), f.accessionNumber(), f.studyId(), f.studyDescription(),
                f.referringPhysicianName());
        study.setHeaderInstanceId(instance.getId());
        if (patient.getPatientId() == null || f.samePatientAs(patient)) {
            patient.setName(f.patientName());
            patient.setPatientBirthDate(f.patientBirthDate());
            patient.setPatientSex(f.patientSex());
            patient.setHeaderInstanceId(instance.getId());
        }
    }
}
