// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.catalog.TestHeaders;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/** Queries at each level, hierarchy constraints (PS3.4 §C.4.1.2.1), pages and cancellation. */
class QueryLevelsTest {
    private static final QueryOptions RELATIONAL = QueryOptions.DEFAULT.withRelational(true);
    /** A study of many instances, so image-level results span several catalog pages. */
    private static final int BIG = 520;

    @TempDir
    static Path dir;
    static Archive archive;
    static String bigStudy;
    static String bigSeries;

    @BeforeAll
    static void record() {
        archive = new Archive(dir);
        bigStudy = TestHeaders.uid();
        bigSeries = TestHeaders.uid();
        for (int n = BIG; n >= 1; n--) {
            Attributes ds = TestHeaders.instance("P9", "Big^Study", bigStudy, bigSeries);
            ds.setString(Tags.StudyDate, VR.DA, "20000101");
            ds.setInt(Tags.InstanceNumber, VR.IS, n);
            TestHeaders.record(archive.catalog, ds);
        }
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    private static List<String> run(QueryRequest request, Function<Attributes, String> value) {
        List<String> out = new ArrayList<>();
        try (QueryResults r = archive.engine.query(request)) {
            r.forEachRemaining(a -> out.add(value.apply(a)));
        }
        return out;
    }

    private static QueryRequest request(QueryRetrieveLevel level, InformationModel model, Attributes keys) {
        return QueryRequest.of(level, model, keys, AccessScope.all());
    }

    @Nested
    class Patient {
        @Test
        void returnsEachPatientOnceWithItsCounts() {
            Attributes keys = new Attributes();
            keys.setString(Tags.PatientName, VR.PN, "Doe*");
            keys.setNull(Tags.PatientID, VR.LO);
            keys.setNull(Tags.NumberOfPatientRelatedStudies, VR.IS);
            keys.setNull(Tags.NumberOfPatientRelatedInstances, VR.IS);

            List<String> found = run(request(QueryRetrieveLevel.PATIENT, InformationModel.PATIENT_ROOT, keys),
                    a -> a.getString(Tags.PatientID) + ":" + a.getString(Tags.NumberOfPatientRelatedStudies) + ":"
                            + a.getString(Tags.NumberOfPatientRelatedInstances));

            assertEquals(List.of("P1:2:2", "P2:1:1"), found);
        }

        @Test
        void isNotALevelOfTheStudyRootModel() {
            InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> archive.engine.query(
                    request(QueryRetrieveLevel.PATIENT, InformationModel.STUDY_ROOT, new Attributes())));
            assertEquals(Tags.QueryRetrieveLevel, e.offendingTag());
        }
    }

    @Nested
    class Hierarchy {
        @Test
        void aHierarchicalSeriesQueryNeedsTheStudyInstanceUid() {
            Attributes keys = new Attributes();
            keys.setNull(Tags.SeriesInstanceUID, VR.UI);
            InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> archive.engine.query(
                    request(QueryRetrieveLevel.SERIES, InformationModel.STUDY_ROOT, keys)));
            assertEquals(Tags.StudyInstanceUID, e.offendingTag());
        }

        @Test
        void aHierarchicalStudyQueryOfThePatientRootNeedsThePatientId() {
            Attributes keys = new Attributes();
            keys.setString(Tags.PatientID, VR.LO, "P*");
            InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> archive.engine.query(
                    request(QueryRetrieveLevel.STUDY, InformationModel.PATIENT_ROOT, keys)));
            assertEquals(Tags.PatientID, e.offendingTag());
        }

        @Test
        void aHierarchicalImageQueryNeedsTheSeriesInstanceUid() {
            Attributes keys = new Attributes();
            keys.setString(Tags.StudyInstanceUID, VR.UI, bigStudy);
            InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> archive.engine.query(
                    request(QueryRetrieveLevel.IMAGE, InformationModel.STUDY_ROOT, keys)));
            assertEquals(Tags.SeriesInstanceUID, e.offendingTag());
        }

        @Test
        void listsTheSeriesOfAStudyBySeriesNumber() {
            Attributes keys = new Attributes();
            keys.setString(Tags.StudyInstanceUID, VR.UI, archive.uids.get("S3"));
            keys.setNull(Tags.Modality, VR.CS);
            keys.setNull(Tags.NumberOfSeriesRelatedInstances, VR.IS);

            assertEquals(List.of("CT:1", "MR:1"), run(request(QueryRetrieveLevel.SERIES, InformationModel.STUDY_ROOT,
                    keys), a -> a.getString(Tags.Modality) + ":" + a.getString(Tags.NumberOfSeriesRelatedInstances)));
        }

        @Test
        void aRelationalSeriesQueryMatchesAcrossStudies() {
            Attributes keys = new Attributes();
            keys.setString(Tags.Modality, VR.CS, "MR");
            keys.setNull(Tags.StudyInstanceUID, VR.UI);

            List<String> studies = run(request(QueryRetrieveLevel.SERIES, InformationModel.STUDY_ROOT, keys)
                    .withOptions(RELATIONAL), a -> archive.keys.get(a.getString(Tags.StudyInstanceUID)));

            assertEquals(List.of("S2", "S3", "S5"), studies);
        }

        @Test
        void rejectsAKeyValueNotOfItsVr() {
            Attributes keys = new Attributes();
            keys.setString(Tags.StudyDate, VR.DA, "2024-01-01");
            InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> archive.engine.query(
                    request(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT, keys)));
            assertEquals(Tags.StudyDate, e.offendingTag());
        }
    }

    @Nested
    class Pages {
        private QueryRequest allStudies(int offset, int limit, boolean residual) {
            Attributes keys = new Attributes();
            keys.setNull(Tags.StudyInstanceUID, VR.UI);
            if (residual) {
                keys.setString(Tags.NumberOfStudyRelatedSeries, VR.IS, "1"); // matched on the header side
            }
            return request(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT, keys).withPage(offset, limit);
        }

        private List<String> studies(QueryRequest r) {
            return run(r, a -> archive.keys.getOrDefault(a.getString(Tags.StudyInstanceUID), "BIG"));
        }

        @Test
        void newestStudiesComeFirstAndPagesFollowEachOther() {
            assertEquals(List.of("S5", "S3"), studies(allStudies(0, 2, false)));
            assertEquals(List.of("S2", "S6"), studies(allStudies(2, 2, false)));
            assertEquals(List.of("S1", "S4", "BIG"), studies(allStudies(4, 10, false)));
        }

        @Test
        void pagesCountOnlyMatchesWhenKeysAreMatchedOnTheHeaderSide() {
            // S3 has two series: it is not a match, and must not take a place in the page.
            assertEquals(List.of("S2", "S6"), studies(allStudies(1, 2, true)));
            assertEquals(6, archive.engine.count(allStudies(0, 0, true)));
            assertEquals(7, archive.engine.count(allStudies(3, 1, false)));
        }

        @Test
        void imageLevelReadsABigStudyPageByPageInInstanceOrder() {
            Attributes keys = new Attributes();
            keys.setString(Tags.StudyInstanceUID, VR.UI, bigStudy);
            keys.setString(Tags.SeriesInstanceUID, VR.UI, bigSeries);
            keys.setNull(Tags.InstanceNumber, VR.IS);
            QueryRequest all = request(QueryRetrieveLevel.IMAGE, InformationModel.STUDY_ROOT, keys);

            List<String> numbers = run(all, a -> a.getString(Tags.InstanceNumber));
            List<String> across = run(all.withPage(495, 10), a -> a.getString(Tags.InstanceNumber));

            assertEquals(BIG, numbers.size());
            assertEquals("1", numbers.get(0));
            assertEquals(Integer.toString(BIG), numbers.get(BIG - 1));
            assertEquals(List.of("496", "497", "498", "499", "500", "501", "502", "503", "504", "505"), across);
        }

        @Test
        void findsOneInstanceByItsUidWithoutNamingItsStudy() {
            Attributes header = archive.headers.get("S6").get(0);
            Attributes keys = new Attributes();
            keys.setString(Tags.SOPInstanceUID, VR.UI, header.getString(Tags.SOPInstanceUID));
            assertEquals(List.of(archive.uids.get("S6")), run(request(QueryRetrieveLevel.IMAGE,
                    InformationModel.STUDY_ROOT, withStudyUid(keys)).withOptions(RELATIONAL),
                    a -> a.getString(Tags.StudyInstanceUID)));
        }

        private static Attributes withStudyUid(Attributes keys) {
            keys.setNull(Tags.StudyInstanceUID, VR.UI);
            return keys;
        }
    }

    @Nested
    class Cancellation {
        @Test
        void cancelEndsTheResults() {
            Attributes keys = new Attributes();
            keys.setNull(Tags.StudyInstanceUID, VR.UI);
            try (QueryResults r = archive.engine.query(request(QueryRetrieveLevel.STUDY,
                    InformationModel.STUDY_ROOT, keys))) {
                assertTrue(r.hasNext());
                r.next();
                r.cancel();
                assertTrue(r.isCancelled());
                assertFalse(r.hasNext());
            }
        }

        @Test
        void theCallbackFormStopsWhenTheSinkSaysSo() {
            Attributes keys = new Attributes();
            keys.setString(Tags.StudyInstanceUID, VR.UI, bigStudy);
            keys.setString(Tags.SeriesInstanceUID, VR.UI, bigSeries);
            int handed = archive.engine.query(request(QueryRetrieveLevel.IMAGE, InformationModel.STUDY_ROOT, keys),
                    a -> false);
            assertEquals(1, handed);
        }
    }
}
