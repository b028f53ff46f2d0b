// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

/**
 * Names of the fields of a study's index document. Person names appear three times: exact keys, keys
 * folded for case and accents ({@link PersonNameKeys}), and analyzed words for fuzzy matching.
 */
public final class StudyIndexFields {
    /** The study's catalog id; sortable, projectable. */
    public static final String STUDY_PK = "studyPk";
    /** The patient's catalog id; sortable, projectable (patient-level queries group on it). */
    public static final String PATIENT_PK = "patientPk";

    public static final String STUDY_INSTANCE_UID = "studyInstanceUid";
    public static final String STUDY_DATE = "studyDate";
    public static final String STUDY_TIME = "studyTime";
    /** Start of the study's date and time; the day's start when the time is unknown. */
    public static final String STUDY_START = "studyStart";
    /** End of the study's date and time; the day's end when the time is unknown. */
    public static final String STUDY_END = "studyEnd";
    public static final String ACCESSION_NUMBER = "accessionNumber";
    public static final String STUDY_ID = "studyId";
    public static final String STUDY_DESCRIPTION = "studyDescription";
    public static final String REFERRING_PHYSICIAN_NAME = "referringPhysicianName";
    public static final String MODALITIES_IN_STUDY = "modalitiesInStudy";
    public static final String SOP_CLASSES_IN_STUDY = "sopClassesInStudy";

    public static final String PATIENT_ID = "patientId";
    public static final String ISSUER_OF_PATIENT_ID = "issuerOfPatientId";
    public static final String PATIENT_NAME = "patientName";
    public static final String PATIENT_BIRTH_DATE = "patientBirthDate";
    public static final String PATIENT_SEX = "patientSex";

    /** Suffix of the folded (case- and accent-insensitive) keys of a person name field. */
    public static final String FOLDED = "_folded";
    /** Suffix of the analyzed words of a person name field. */
    public static final String WORDS = "_words";

    /** The analyzer of the {@link #WORDS} fields, defined by {@link IndexAnalysis}. */
    public static final String PERSON_NAME_WORDS_ANALYZER = "personNameWords";

    private StudyIndexFields() {
    }
}
