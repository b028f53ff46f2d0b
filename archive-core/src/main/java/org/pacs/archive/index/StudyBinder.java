// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

import static org.pacs.archive.index.StudyIndexFields.*;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.hibernate.search.engine.backend.document.DocumentElement;
import org.hibernate.search.engine.backend.document.IndexFieldReference;
import org.hibernate.search.engine.backend.document.model.dsl.IndexSchemaElement;
import org.hibernate.search.engine.backend.types.Projectable;
import org.hibernate.search.engine.backend.types.Sortable;
import org.hibernate.search.mapper.pojo.bridge.mapping.programmatic.TypeBinder;
import org.hibernate.search.mapper.pojo.bridge.TypeBridge;
import org.hibernate.search.mapper.pojo.bridge.binding.TypeBindingContext;
import org.hibernate.search.mapper.pojo.bridge.runtime.TypeBridgeWriteContext;

/**
 * Lays out a study's index document (fields named in {@link StudyIndexFields}) and writes it from a
 * {@link StudyDocument}. Patient attributes are copied into each of the patient's study documents, so
 * one query over studies answers patient- and study-level keys; a change to the patient reindexes its
 * studies through the declared dependencies.
 */
public final class StudyBinder implements TypeBinder {
    @Override
    public void bind(TypeBindingContext context) {
        context.dependencies()
                .use("studyInstanceUid").use("studyDate").use("studyTime").use("accessionNumber")
                .use("studyId").use("studyDescription").use("referringPhysicianName")
                .use("modalitiesInStudy").use("sopClassesInStudy")
                .use("patient.patientId").use("patient.issuerOfPatientId").use("patient.patientName")
                .use("patient.patientBirthDate").use("patient.patientSex");
        context.bridge(StudyDocument.class, new Bridge(context.indexSchemaElement()));
    }

    private static final class Bridge implements TypeBridge<StudyDocument> {
        private final IndexFieldReference<Long> studyPk;
        private final IndexFieldReference<Long> patientPk;
        private final IndexFieldReference<String> studyUid;
        private final IndexFieldReference<LocalDate> studyDate;
        private final IndexFieldReference<LocalTime> studyTime;
        private final IndexFieldReference<LocalDateTime> studyStart;
        private final IndexFieldReference<LocalDateTime> studyEnd;
        private final IndexFieldReference<String> accession;
        private final IndexFieldReference<String> studyId;
        private final IndexFieldReference<String> description;
        private final NameFields referring;
        private final IndexFieldReference<String> modalities;
        private final IndexFieldReference<String> sopClasses;
        private final IndexFieldReference<String> patientId;
        private final IndexFieldReference<String> issuer;
        private final NameFields patientName;
        private final IndexFieldReference<LocalDate> birthDate;
        private final IndexFieldReference<String> sex;

        Bridge(IndexSchemaElement schema) {
            studyPk = schema.field(STUDY_PK, f -> f.asLong().sortable(Sortable.YES)
                    .projectable(Projectable.YES)).toReference();
            patientPk = schema.field(PATIENT_PK, f -> f.asLong().sortable(Sortable.YES)
                    .projectable(Projectable.YES)).toReference();
            studyUid = keyword(schema, STUDY_INSTANCE_UID);
            studyDate = schema.field(STUDY_DATE, f -> f.asLocalDate().sortable(Sortable.YES)).toReference();
            studyTime = schema.field(STUDY_TIME, f -> f.asLocalTime().sortable(Sortable.YES)).toReference();
            studyStart = schema.field(STUDY_START, f -> f.asLocalDateTime()).toReference();
            studyEnd = schema.field(STUDY_END, f -> f.asLocalDateTime()).toReference();
            accession = keyword(schema, ACCESSION_NUMBER);
            studyId = keyword(schema, STUDY_ID);
            description = keyword(schema, STUDY_DESCRIPTION);
            referring = new NameFields(schema, REFERRING_PHYSICIAN_NAME);
            modalities = schema.field(MODALITIES_IN_STUDY, f -> f.asString()).multiValued().toReference();
            sopClasses = schema.field(SOP_CLASSES_IN_STUDY, f -> f.asString()).multiValued().toReference();
            patientId = keyword(schema, PATIENT_ID);
            issuer = keyword(schema, ISSUER_OF_PATIENT_ID);
            patientName = new NameFields(schema, PATIENT_NAME);
            birthDate = schema.field(PATIENT_BIRTH_DATE, f -> f.asLocalDate()).toReference();
            sex = keyword(schema, PATIENT_SEX);
        }

        private static IndexFieldReference<String> keyword(IndexSchemaElement schema, String name) {
            return schema.field(name, f -> f.asString()).toReference();
        }

        @Override
        public void write(DocumentElement doc, StudyDocument study, TypeBridgeWriteContext context) {
            doc.addValue(studyPk, study.getId());
            addIfPresent(doc, studyUid, study.getStudyInstanceUid());
            LocalDate date = study.getStudyDate();
            LocalTime time = study.getStudyTime();
            doc.addValue(studyDate, date);
            doc.addValue(studyTime, time);
            if (date != null) {
                doc.addValue(studyStart, date.atTime(time != null ? time : LocalTime.MIN));
                doc.addValue(studyEnd, date.atTime(time != null ? time : LocalTime.MAX));
            }
            addIfPresent(doc, accession, study.getAccessionNumber());
            addIfPresent(doc, studyId, study.getStudyId());
            addIfPresent(doc, description, study.getStudyDescription());
            referring.write(doc, study.getReferringPhysicianName());
            addEach(doc, modalities, study.getModalitiesInStudy());
            addEach(doc, sopClasses, study.getSopClassesInStudy());
            PatientDocument patient = study.getPatient();
            if (patient != null) {
                doc.addValue(patientPk, patient.getId());
                addIfPresent(doc, patientId, patient.getPatientId());
                addIfPresent(doc, issuer, patient.getIssuerOfPatientId());
                patientName.write(doc, patient.getPatientName());
                doc.addValue(birthDate, patient.getPatientBirthDate());
                addIfPresent(doc, sex, patient.getPatientSex());
            }
        }

        private static void addIfPresent(DocumentElement doc, IndexFieldReference<String> field, String value) {
            if (value != null && !value.isEmpty()) {
                doc.addValue(field, value);
            }
        }

        private static void addEach(DocumentElement doc, IndexFieldReference<String> field, String joined) {
            if (joined != null && !joined.isEmpty()) {
                for (String v : joined.split("\\\\")) {
                    addIfPresent(doc, field, v);
                }
            }
        }
    }

    /** The three fields of a person name: exact keys, folded keys, analyzed words. */
    private static final class NameFields {
        private final IndexFieldReference<String> exact;
        private final IndexFieldReference<String> folded;
        private final IndexFieldReference<String> words;

        NameFields(IndexSchemaElement schema, String name) {
            exact = schema.field(name, f -> f.asString()).multiValued().toReference();
            folded = schema.field(name + FOLDED, f -> f.asString()).multiValued().toReference();
            words = schema.field(name + WORDS, f -> f.asString().analyzer(PERSON_NAME_WORDS_ANALYZER))
                    .toReference();
        }

        void write(DocumentElement doc, String name) {
            List<String> keys = PersonNameKeys.exactKeys(name);
            if (keys.isEmpty()) {
                return;
            }
            keys.forEach(k -> doc.addValue(exact, k));
            PersonNameKeys.foldedKeys(name).forEach(k -> doc.addValue(folded, k));
            doc.addValue(words, String.join(" ", PersonNameKeys.words(name)));
        }
    }
}
