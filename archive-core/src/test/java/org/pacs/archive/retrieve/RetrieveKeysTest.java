// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.query.InvalidQueryException;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/** The keys of a C-MOVE or C-GET identifier (PS3.4 §C.4.2.2.1). */
class RetrieveKeysTest {

    static Attributes identifier(String level) {
        Attributes a = new Attributes();
        if (level != null) {
            a.setString(Tags.QueryRetrieveLevel, VR.CS, level);
        }
        return a;
    }

    @Nested
    class UniqueKeysAtTheLevel {

        @Test
        void aStudyRetrieveTakesAListOfUids() {
            Attributes id = identifier("STUDY");
            id.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3", "1.2.4", "1.2.3");
            RetrieveKeys keys = RetrieveKeys.parse(id, InformationModel.STUDY_ROOT);
            assertEquals(QueryRetrieveLevel.STUDY, keys.level());
            assertEquals(List.of("1.2.3", "1.2.4"), keys.uids());
        }

        @Test
        void anImageRetrieveKeepsTheHigherKeysThatNarrowIt() {
            Attributes id = identifier("IMAGE");
            id.setString(Tags.PatientID, VR.LO, "P1");
            id.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3");
            id.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.3.1");
            id.setString(Tags.SOPInstanceUID, VR.UI, "1.2.3.1.1", "1.2.3.1.2");
            RetrieveKeys keys = RetrieveKeys.parse(id, InformationModel.PATIENT_ROOT);
            assertEquals(new RetrieveKeys(QueryRetrieveLevel.IMAGE, List.of("1.2.3.1.1", "1.2.3.1.2"), "P1", "1.2.3",
                    "1.2.3.1"), keys);
        }

        @Test
        void studyRootIgnoresAPatientIdBelowThePatientLevel() {
            Attributes id = identifier("SERIES");
            id.setString(Tags.PatientID, VR.LO, "P1");
            id.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.3.1");
            RetrieveKeys keys = RetrieveKeys.parse(id, InformationModel.STUDY_ROOT);
            assertNull(keys.patientId());
            assertNull(keys.studyInstanceUid(), "relational: the higher key may be left out");
        }

        @Test
        void aPatientRetrieveNamesOnePatient() {
            Attributes id = identifier("PATIENT");
            id.setString(Tags.PatientID, VR.LO, "P1");
            assertEquals(List.of("P1"), RetrieveKeys.parse(id, InformationModel.PATIENT_ROOT).uids());
        }
    }

    @Nested
    class Refused {

        @ParameterizedTest(name = "level {0}")
        @CsvSource(value = {"NULL", "SERIESX", "''"}, nullValues = "NULL")
        void withoutAKnownLevel(String level) {
            Attributes id = identifier(level);
            id.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3");
            InvalidQueryException e = assertThrows(InvalidQueryException.class,
                    () -> RetrieveKeys.parse(id, InformationModel.STUDY_ROOT));
            assertEquals(Tags.QueryRetrieveLevel, e.offendingTag());
        }

        @Test
        void thePatientLevelInStudyRoot() {
            Attributes id = identifier("PATIENT");
            id.setString(Tags.PatientID, VR.LO, "P1");
            assertThrows(InvalidQueryException.class, () -> RetrieveKeys.parse(id, InformationModel.STUDY_ROOT));
        }

        @ParameterizedTest(name = "{0} without its unique key")
        @CsvSource({"STUDY, 0x0020000D", "SERIES, 0x0020000E", "IMAGE, 0x00080018"})
        void withoutTheUniqueKeyOfTheLevel(String level, String tag) {
            Attributes id = identifier(level);
            id.setNull(Integer.decode(tag), VR.UI);
            InvalidQueryException e = assertThrows(InvalidQueryException.class,
                    () -> RetrieveKeys.parse(id, InformationModel.STUDY_ROOT));
            assertEquals((int) Integer.decode(tag), e.offendingTag());
        }

        @Test
        void severalValuesForAHigherKey() {
            Attributes id = identifier("SERIES");
            id.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3", "1.2.4");
            id.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.3.1");
            InvalidQueryException e = assertThrows(InvalidQueryException.class,
                    () -> RetrieveKeys.parse(id, InformationModel.STUDY_ROOT));
            assertEquals(Tags.StudyInstanceUID, e.offendingTag());
        }
    }
}
