// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.Set;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.dict.Tags;

/**
 * The level of the information model each attribute belongs to (PS3.4 §C.6.1.1 and §C.6.2.1, the
 * Patient, Study and Series modules of PS3.3 for optional keys): it decides which entity a key is
 * matched against and which header answers it. Anything not listed is an instance attribute. A few
 * attributes are answered at whatever level the query is ({@link #isQueryLevel}).
 */
final class AttributeLevels {
    private static final Set<Integer> STUDY_LEVEL_PATIENT_GROUP = Set.of(
            Tags.PatientAge, Tags.PatientSize, Tags.PatientWeight, Tags.Occupation,
            Tags.AdditionalPatientHistory, Tags.SmokingStatus, Tags.PregnancyStatus, Tags.LastMenstrualDate);

    private static final Set<Integer> PATIENT = Set.of(
            Tags.NumberOfPatientRelatedStudies, Tags.NumberOfPatientRelatedSeries,
            Tags.NumberOfPatientRelatedInstances, Tags.ReferencedPatientSequence);

    private static final Set<Integer> STUDY = Set.of(
            Tags.StudyInstanceUID, Tags.StudyDate, Tags.StudyTime, Tags.AccessionNumber,
            Tags.IssuerOfAccessionNumberSequence, Tags.StudyID, Tags.StudyDescription,
            Tags.ReferringPhysicianName, Tags.ReferringPhysicianIdentificationSequence,
            Tags.ConsultingPhysicianName, Tags.ModalitiesInStudy, Tags.SOPClassesInStudy,
            Tags.AnatomicRegionsInStudyCodeSequence, Tags.NumberOfStudyRelatedSeries,
            Tags.NumberOfStudyRelatedInstances, Tags.OtherStudyNumbers, Tags.ProcedureCodeSequence,
            Tags.NameOfPhysiciansReadingStudy, Tags.PhysiciansOfRecord, Tags.AdmittingDiagnosesDescription,
            Tags.AdmittingDiagnosesCodeSequence, Tags.ReferencedStudySequence, Tags.StudyStatusID,
            Tags.StudyComments, Tags.RequestedProcedureDescription);

    private static final Set<Integer> SERIES = Set.of(
            Tags.Modality, Tags.SeriesInstanceUID, Tags.SeriesNumber, Tags.SeriesDescription,
            Tags.SeriesDescriptionCodeSequence, Tags.SeriesDate, Tags.SeriesTime, Tags.BodyPartExamined,
            Tags.Laterality, Tags.NumberOfSeriesRelatedInstances, Tags.PerformedProcedureStepStartDate,
            Tags.PerformedProcedureStepStartTime, Tags.PerformedProcedureStepID,
            Tags.PerformedProcedureStepDescription, Tags.RequestAttributesSequence,
            Tags.ReferencedPerformedProcedureStepSequence, Tags.PerformingPhysicianName, Tags.OperatorsName,
            Tags.InstitutionName, Tags.InstitutionalDepartmentName, Tags.StationName, Tags.Manufacturer,
            Tags.ManufacturerModelName, Tags.ProtocolName, Tags.PatientPosition, Tags.FrameOfReferenceUID);

    /** Answered from the entity at the query's level, whatever it is. */
    private static final Set<Integer> QUERY_LEVEL = Set.of(
            Tags.RetrieveAETitle, Tags.InstanceAvailability, Tags.TimezoneOffsetFromUTC);

    private AttributeLevels() {
    }

    static QueryRetrieveLevel levelOf(int tag) {
        if (PATIENT.contains(tag)) {
            return QueryRetrieveLevel.PATIENT;
        }
        if (Tag.group(tag) == 0x0010 && !STUDY_LEVEL_PATIENT_GROUP.contains(tag)) {
            return QueryRetrieveLevel.PATIENT;
        }
        if (STUDY.contains(tag) || STUDY_LEVEL_PATIENT_GROUP.contains(tag)) {
            return QueryRetrieveLevel.STUDY;
        }
        if (SERIES.contains(tag)) {
            return QueryRetrieveLevel.SERIES;
        }
        return QueryRetrieveLevel.IMAGE;
    }

    static boolean isQueryLevel(int tag) {
        return QUERY_LEVEL.contains(tag);
    }

    /** Never matched nor copied: they describe the identifier itself (PS3.4 §C.2.2.2, §C.4.1.1.3.1). */
    static boolean isControl(int tag) {
        return tag == Tags.SpecificCharacterSet || tag == Tags.QueryRetrieveLevel || Tag.group(tag) == 0x0000
                || Tag.group(tag) == 0x0002 || Tag.isGroupLength(tag);
    }
}
