// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.time.LocalDate;
import java.time.LocalTime;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;

/** The column values of one instance's header, read once before the transaction starts. */
record InstanceFacts(
        String sopInstanceUid, String sopClassUid, String seriesInstanceUid, String studyInstanceUid,
        String transferSyntaxUid, String specificCharacterSet, Integer instanceNumber,
        String patientId, String issuerOfPatientId, PersonNameColumns patientName, LocalDate patientBirthDate,
        String patientSex,
        LocalDate studyDate, LocalTime studyTime, String accessionNumber, String studyId, String studyDescription,
        String referringPhysicianName,
        String modality, Integer seriesNumber, String seriesDescription, String bodyPartExamined) {

    /**
     * @throws IllegalArgumentException naming the first missing unique key (never its value)
     */
    static InstanceFacts of(Attributes ds, String transferSyntaxUid) {
        String charset = ds.containsValue(Tags.SpecificCharacterSet)
                ? String.join("\\", ds.getStrings(Tags.SpecificCharacterSet)) : null;
        return new InstanceFacts(
                required(ds, Tags.SOPInstanceUID, "SOP Instance UID (0008,0018)"),
                required(ds, Tags.SOPClassUID, "SOP Class UID (0008,0016)"),
                required(ds, Tags.SeriesInstanceUID, "Series Instance UID (0020,000E)"),
                required(ds, Tags.StudyInstanceUID, "Study Instance UID (0020,000D)"),
                checkUid(transferSyntaxUid, "Transfer Syntax UID (0002,0010)"),
                Columns.fit(charset, 256),
                Columns.integer(ds, Tags.InstanceNumber),
                Columns.string(ds, Tags.PatientID, 64),
                Columns.string(ds, Tags.IssuerOfPatientID, 64),
                PersonNameColumns.of(Columns.joined(ds, Tags.PatientName, 1024)),
                DicomDates.parseDate(ds.getString(Tags.PatientBirthDate)),
                Columns.string(ds, Tags.PatientSex, 16),
                DicomDates.parseDate(ds.getString(Tags.StudyDate)),
                DicomDates.parseTime(ds.getString(Tags.StudyTime)),
                Columns.string(ds, Tags.AccessionNumber, 64),
                Columns.string(ds, Tags.StudyID, 64),
                Columns.string(ds, Tags.StudyDescription, 1024),
                Columns.joined(ds, Tags.ReferringPhysicianName, 1024),
                Columns.string(ds, Tags.Modality, 16),
                Columns.integer(ds, Tags.SeriesNumber),
                Columns.string(ds, Tags.SeriesDescription, 1024),
                Columns.string(ds, Tags.BodyPartExamined, 64));
    }

    private static String required(Attributes ds, int tag, String name) {
        return checkUid(ds.getString(tag), name);
    }

    private static String checkUid(String uid, String name) {
        if (uid == null || uid.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        if (uid.length() > 64) {
            throw new IllegalArgumentException(name + " is longer than 64 characters");
        }
        if (uid.indexOf('\0') >= 0) {
            // Only digits and dots belong in a UID (PS3.5 §9.1); a NUL is also what PostgreSQL cannot store.
            throw new IllegalArgumentException(name + " contains a NUL character");
        }
        return uid;
    }

    boolean samePatientAs(Patient p) {
        return patientId != null && patientId.equals(p.getPatientId())
                && (issuerOfPatientId == null ? "" : issuerOfPatientId).equals(p.getIssuerOfPatientId());
    }
}
