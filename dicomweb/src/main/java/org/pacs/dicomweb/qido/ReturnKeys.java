// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.qido;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.dict.Tags;

/**
 * The attributes QIDO-RS returns without being asked (PS3.18 §10.6.3.3, Tables 10.6.3-3, -4 and -5),
 * and the larger set {@code includefield=all} stands for. Retrieve URL (0008,1190) is added by the
 * resource from the response's UIDs; Specific Character Set is implied by JSON and XML (UTF-8).
 */
final class ReturnKeys {
    static final List<Integer> STUDY = List.of(Tags.StudyDate, Tags.StudyTime, Tags.AccessionNumber,
            Tags.InstanceAvailability, Tags.ModalitiesInStudy, Tags.ReferringPhysicianName, Tags.TimezoneOffsetFromUTC,
            Tags.PatientName, Tags.PatientID, Tags.PatientBirthDate, Tags.PatientSex, Tags.StudyInstanceUID,
            Tags.StudyID, Tags.NumberOfStudyRelatedSeries, Tags.NumberOfStudyRelatedInstances);

    static final List<Integer> SERIES = List.of(Tags.Modality, Tags.TimezoneOffsetFromUTC, Tags.SeriesDescription,
            Tags.SeriesInstanceUID, Tags.SeriesNumber, Tags.NumberOfSeriesRelatedInstances,
            Tags.PerformedProcedureStepStartDate, Tags.PerformedProcedureStepStartTime,
            Tags.RequestAttributesSequence);

    static final List<Integer> INSTANCE = List.of(Tags.SOPClassUID, Tags.SOPInstanceUID, Tags.InstanceAvailability,
            Tags.TimezoneOffsetFromUTC, Tags.InstanceNumber, Tags.Rows, Tags.Columns, Tags.BitsAllocated,
            Tags.NumberOfFrames);

    private static final List<Integer> STUDY_MORE = List.of(Tags.StudyDescription, Tags.PatientAge, Tags.PatientSize,
            Tags.PatientWeight, Tags.IssuerOfPatientID, Tags.OtherPatientIDs, Tags.SOPClassesInStudy,
            Tags.NameOfPhysiciansReadingStudy, Tags.PhysiciansOfRecord, Tags.AdmittingDiagnosesDescription,
            Tags.ProcedureCodeSequence, Tags.RequestedProcedureDescription, Tags.StudyComments);

    private static final List<Integer> SERIES_MORE = List.of(Tags.SeriesDate, Tags.SeriesTime, Tags.BodyPartExamined,
            Tags.Laterality, Tags.ProtocolName, Tags.PerformingPhysicianName, Tags.OperatorsName, Tags.InstitutionName,
            Tags.InstitutionalDepartmentName, Tags.StationName, Tags.Manufacturer, Tags.ManufacturerModelName,
            Tags.PatientPosition, Tags.FrameOfReferenceUID, Tags.PerformedProcedureStepID,
            Tags.PerformedProcedureStepDescription);

    private static final List<Integer> INSTANCE_MORE = List.of(Tags.ImageType, Tags.ContentDate, Tags.ContentTime,
            Tags.AcquisitionDate, Tags.AcquisitionTime, Tags.AcquisitionNumber, Tags.SamplesPerPixel,
            Tags.PhotometricInterpretation, Tags.BitsStored, Tags.HighBit, Tags.PixelRepresentation,
            Tags.PixelSpacing, Tags.ImagePositionPatient, Tags.ImageOrientationPatient, Tags.SliceThickness,
            Tags.SliceLocation, Tags.WindowCenter, Tags.WindowWidth, Tags.RescaleIntercept, Tags.RescaleSlope,
            Tags.SpacingBetweenSlices, Tags.PlanarConfiguration);

    private ReturnKeys() {
    }

    /**
     * The default return keys of a query at {@code level}; {@code withHigherLevels} when the resource
     * is not scoped to the study (or series) above, whose attributes are then returned too.
     */
    static Set<Integer> defaults(QueryRetrieveLevel level, boolean studyScoped, boolean seriesScoped) {
        Set<Integer> keys = new LinkedHashSet<>();
        switch (level) {
            case STUDY -> keys.addAll(STUDY);
            case SERIES -> {
                if (!studyScoped) {
                    keys.addAll(STUDY);
                }
                keys.addAll(SERIES);
            }
            case IMAGE -> {
                if (!studyScoped) {
                    keys.addAll(STUDY);
                }
                if (!seriesScoped) {
                    keys.addAll(SERIES);
                }
                keys.addAll(INSTANCE);
            }
            default -> throw new IllegalArgumentException("QIDO-RS has no " + level + " level");
        }
        return keys;
    }

    /** {@code includefield=all}: every attribute the archive knows for the levels down to {@code level}. */
    static List<Integer> all(QueryRetrieveLevel level) {
        List<Integer> keys = new ArrayList<>(STUDY);
        keys.addAll(STUDY_MORE);
        if (level.compareTo(QueryRetrieveLevel.SERIES) >= 0) {
            keys.addAll(SERIES);
            keys.addAll(SERIES_MORE);
        }
        if (level == QueryRetrieveLevel.IMAGE) {
            keys.addAll(INSTANCE);
            keys.addAll(INSTANCE_MORE);
        }
        return keys;
    }
}
