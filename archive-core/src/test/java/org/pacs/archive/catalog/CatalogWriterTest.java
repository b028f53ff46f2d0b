// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacs.archive.catalog.TestHeaders.instance;
import static org.pacs.archive.catalog.TestHeaders.uid;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

class CatalogWriterTest {
    @TempDir
    Path dir;
    Catalog catalog;
    CatalogWriter writer;

    @BeforeEach
    void open() {
        catalog = TestHeaders.open(dir, TestHeaders.secrets());
        writer = catalog.writer();
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    private Study study(String uid) {
        return catalog.read(s -> s.createSelectionQuery("from Study where studyInstanceUid = :u", Study.class)
                .setParameter("u", uid).getSingleResult());
    }

    private Series series(String uid) {
        return catalog.read(s -> s.createSelectionQuery("from Series where seriesInstanceUid = :u", Series.class)
                .setParameter("u", uid).getSingleResult());
    }

    @Nested
    class Record {
        @Test
        void storesANewInstanceWithItsPatientStudyAndSeries() {
            String study = uid();
            String series = uid();
            Attributes ds = instance("P1", "Doe^Jane", study, series);
            BlobLocation blob = TestHeaders.blob();

            RecordResult r = writer.record(ds, TestHeaders.EXPLICIT_LE, blob, DuplicatePolicy.KEEP_EXISTING);

            assertEquals(RecordResult.Outcome.STORED, r.outcome());
            assertTrue(r.blobToDelete().isEmpty());
            List<InstanceLocation> found = catalog.findInstances(QueryRetrieveLevel.IMAGE,
                    ds.getString(Tags.SOPInstanceUID));
            assertEquals(List.of(new InstanceLocation(study, series, ds.getString(Tags.SOPInstanceUID),
                    TestHeaders.CT_IMAGE, TestHeaders.EXPLICIT_LE, blob)), found);
            Study st = study(study);
            assertEquals("CT", st.getModalitiesInStudy());
            assertEquals(TestHeaders.CT_IMAGE, st.getSopClassesInStudy());
            assertEquals(java.time.LocalDate.of(2024, 1, 15), st.getStudyDate());
            assertEquals(java.time.LocalTime.of(10, 15), st.getStudyTime());
        }

        @Test
        void takesTheTransferSyntaxFromTheHeaderWhenNotGiven() {
            Attributes ds = instance("P1", "Doe^Jane", uid(), uid());
            ds.setString(Tags.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.4.50");

            writer.record(ds, TestHeaders.blob(), DuplicatePolicy.KEEP_EXISTING);

            assertEquals("1.2.840.10008.1.2.4.50", catalog.findInstances(QueryRetrieveLevel.IMAGE,
                    ds.getString(Tags.SOPInstanceUID)).get(0).transferSyntaxUid());
        }

        @Test
        void rejectsAnInstanceWithoutStudyInstanceUidNamingTheAttributeNotAValue() {
            Attributes ds = instance("SECRET-ID", "Secret^Name", uid(), uid());
            ds.remove(Tags.StudyInstanceUID);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TestHeaders.record(catalog, ds));

            assertTrue(e.getMessage().contains("Study Instance UID (0020,000D)"));
            assertFalse(e.getMessage().contains("SECRET"));
            assertEquals(0, catalog.countInstances());
        }

        @Test
        void rejectsASeriesRecordedUnderAnotherStudyAndWritesNothing() {
            String series = uid();
            TestHeaders.record(catalog, instance("P1", "Doe^Jane", uid(), series));

            assertThrows(IllegalArgumentException.class,
                    () -> TestHeaders.record(catalog, instance("P1", "Doe^Jane", uid(), series)));

            assertEquals(1, catalog.countStudies());
            assertEquals(1, catalog.countInstances());
        }

        @Test
        void rejectsAHeaderLargerThanTheCatalogKeeps() {
            Attributes ds = instance("P1", "Doe^Jane", uid(), uid());
            java.util.Random random = new java.util.Random(1);
            StringBuilder noise = new StringBuilder();
            while (noise.length() < 3 * InstanceHeader.MAX_LENGTH) {
                noise.append((char) ('!' + random.nextInt(90)));
            }
            ds.setString(Tags.ImageComments, VR.LT, noise.toString());

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> TestHeaders.record(catalog, ds));

            assertTrue(e.getMessage().contains("larger than the catalog keeps"));
            assertEquals(0, catalog.countInstances());
        }

        @Test
        void givesEachInstanceWithoutPatientIdAPatientOfItsOwn() {
            Attributes a = instance("X", "Anon", uid(), uid());
            Attributes b = instance("X", "Anon", uid(), uid());
            a.remove(Tags.PatientID);
            b.remove(Tags.PatientID);

            TestHeaders.record(catalog, a);
            TestHeaders.record(catalog, b);

            assertEquals(2, catalog.countPatients());
        }

        @Test
        void filesStudiesOfOnePatientIdAndIssuerUnderOnePatient() {
            TestHeaders.record(catalog, instance("P1", "Doe^Jane", uid(), uid()));
            TestHeaders.record(catalog, instance("P1", "Doe^Jane", uid(), uid()));
            Attributes otherIssuer = instance("P1", "Doe^Jane", uid(), uid());
            otherIssuer.setString(Tags.IssuerOfPatientID, VR.LO, "OTHER");
            TestHeaders.record(catalog, otherIssuer);

            assertEquals(2, catalog.countPatients());
            assertEquals(3, catalog.countStudies());
        }
    }

    @Nested
    class DuplicatePolicies {
        @Test
        void keepExistingKeepsTheRecordedBlobAndHandsBackTheNewOne() {
            Attributes ds = instance("P1", "Doe^Jane", uid(), uid());
            BlobLocation first = TestHeaders.blob();
            BlobLocation second = TestHeaders.blob();
            writer.record(ds, TestHeaders.EXPLICIT_LE, first, DuplicatePolicy.KEEP_EXISTING);

            RecordResult r = writer.record(ds, TestHeaders.EXPLICIT_LE, second, DuplicatePolicy.KEEP_EXISTING);

            assertEquals(RecordResult.Outcome.DUPLICATE_KEPT, r.outcome());
            assertEquals(second, r.unreferencedBlob());
            assertEquals(first, catalog.findInstances(QueryRetrieveLevel.IMAGE, ds.getString(Tags.SOPInstanceUID))
                    .get(0).blob());
            assertEquals(1, catalog.countInstances());
        }

        @Test
        void replaceReferencesTheNewBlobAndHandsBackThePreviousOne() {
            String study = uid();
            Attributes ds = instance("P1", "Doe^Jane", study, uid());
            BlobLocation first = TestHeaders.blob();
            BlobLocation second = TestHeaders.blob();
            writer.record(ds, TestHeaders.EXPLICIT_LE, first, DuplicatePolicy.REPLACE);
            ds.setString(Tags.StudyDescription, VR.LO, "CORRECTED");

            RecordResult r = writer.record(ds, "1.2.840.10008.1.2", second, DuplicatePolicy.REPLACE);

            assertEquals(RecordResult.Outcome.REPLACED, r.outcome());
            assertEquals(first, r.unreferencedBlob());
            InstanceLocation now = catalog.findInstances(QueryRetrieveLevel.IMAGE, ds.getString(Tags.SOPInstanceUID))
                    .get(0);
            assertEquals(second, now.blob());
            assertEquals("1.2.840.10008.1.2", now.transferSyntaxUid());
            assertEquals(1, catalog.countInstances());
            assertEquals(1, study(study).getNumberOfStudyRelatedInstances());
            assertEquals("CORRECTED", study(study).getStudyDescription());
        }

        @Test
        void replaceIntoAnotherSeriesMovesTheInstanceAndDropsTheEmptySeries() {
            String study = uid();
            String oldSeries = uid();
            String newSeries = uid();
            Attributes ds = instance("P1", "Doe^Jane", study, oldSeries);
            TestHeaders.record(catalog, ds);
            TestHeaders.record(catalog, instance("P1", "Doe^Jane", study, newSeries));
            ds.setString(Tags.SeriesInstanceUID, VR.UI, newSeries);

            RecordResult r = writer.record(ds, TestHeaders.EXPLICIT_LE, TestHeaders.blob(), DuplicatePolicy.REPLACE);

            assertEquals(RecordResult.Outcome.REPLACED, r.outcome());
            assertEquals(1, catalog.countSeries());
            assertEquals(2, series(newSeries).getNumberOfSeriesRelatedInstances());
            assertEquals(1, study(study).getNumberOfStudyRelatedSeries());
            assertEquals(2, study(study).getNumberOfStudyRelatedInstances());
        }
    }

    @Nested
    class DerivedAttributes {
        @Test
        void countsAndModalitiesFollowInserts() {
            String study = uid();
            String ct = uid();
            String mr = uid();
            for (int i = 0; i < 3; i++) {
                TestHeaders.record(catalog, instance("P1", "Doe^Jane", study, ct));
            }
            for (int i = 0; i < 2; i++) {
                Attributes ds = instance("P1", "Doe^Jane", study, mr);
                ds.setString(Tags.Modality, VR.CS, "MR");
                ds.setString(Tags.SOPClassUID, VR.UI, TestHeaders.MR_IMAGE);
                TestHeaders.record(catalog, ds);
            }

            Study st = study(study);
            assertEquals(2, st.getNumberOfStudyRelatedSeries());
            assertEquals(5, st.getNumberOfStudyRelatedInstances());
            assertEquals("CT\\MR", st.getModalitiesInStudy());
            assertEquals(TestHeaders.CT_IMAGE + "\\" + TestHeaders.MR_IMAGE, st.getSopClassesInStudy());
            assertEquals(3, series(ct).getNumberOfSeriesRelatedInstances());
            assertEquals(2, series(mr).getNumberOfSeriesRelatedInstances());
        }

        @Test
        void aSeriesChangingModalityRecomputesModalitiesInStudy() {
            String study = uid();
            String series = uid();
            TestHeaders.record(catalog, instance("P1", "Doe^Jane", study, series));
            Attributes ds = instance("P1", "Doe^Jane", study, series);
            ds.setString(Tags.Modality, VR.CS, "PT");
            TestHeaders.record(catalog, ds);

            assertEquals("PT", study(study).getModalitiesInStudy());
        }
    }

    @Test
    void concurrentWritersOfOneStudyKeepExactCounts() throws Exception {
        String study = uid();
        String series = uid();
        int threads = 4;
        int each = 25;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        TestHeaders.record(catalog, instance("P1", "Doe^Jane", study, series));
                    }
                }));
            }
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, study(study).getNumberOfStudyRelatedInstances());
        assertEquals(threads * each, series(series).getNumberOfSeriesRelatedInstances());
        assertEquals(1, catalog.countStudies());
        assertEquals(1, catalog.countPatients());
    }

    @Nested
    class DeleteStudy {
        @Test
        void deletesTheStudyAndHandsBackItsBlobs() {
            String study = uid();
            BlobLocation a = TestHeaders.blob();
            BlobLocation b = TestHeaders.blob();
            writer.record(instance("P1", "Doe^Jane", study, uid()), TestHeaders.EXPLICIT_LE, a,
                    DuplicatePolicy.KEEP_EXISTING);
            writer.record(instance("P1", "Doe^Jane", study, uid()), TestHeaders.EXPLICIT_LE, b,
                    DuplicatePolicy.KEEP_EXISTING);

            List<BlobLocation> blobs = writer.deleteStudy(study);

            assertEquals(java.util.Set.of(a, b), java.util.Set.copyOf(blobs));
            assertEquals(0, catalog.countStudies());
            assertEquals(0, catalog.countSeries());
            assertEquals(0, catalog.countInstances());
            assertEquals(0, catalog.countPatients());
        }

        @Test
        void keepsThePatientWhileItHasAnotherStudy() {
            String gone = uid();
            String kept = uid();
            TestHeaders.record(catalog, instance("P1", "Doe^Jane", kept, uid()));
            TestHeaders.record(catalog, instance("P1", "Doe^Jane", gone, uid()));

            writer.deleteStudy(gone);

            assertEquals(1, catalog.countPatients());
            Patient p = catalog.read(s -> s.createSelectionQuery("from Patient", Patient.class).getSingleResult());
            long keptInstance = catalog.read(s -> s.createSelectionQuery(
                    "select max(i.id) from Instance i", Long.class).getSingleResult());
            assertEquals(keptInstance, p.getHeaderInstanceId());
        }

        @Test
        void answersAnUnknownStudyWithNoBlobs() {
            assertTrue(writer.deleteStudy(uid()).isEmpty());
        }
    }

    @Test
    void findInstancesAtStudyLevelListsThemBySeriesAndInstanceNumber() {
        String study = uid();
        String s2 = uid();
        String s1 = uid();
        for (int n : new int[] {2, 1}) {
            Attributes ds = instance("P1", "Doe^Jane", study, s2);
            ds.setInt(Tags.SeriesNumber, VR.IS, 2);
            ds.setInt(Tags.InstanceNumber, VR.IS, n);
            TestHeaders.record(catalog, ds);
        }
        TestHeaders.record(catalog, instance("P1", "Doe^Jane", study, s1));

        List<InstanceLocation> all = catalog.findInstances(QueryRetrieveLevel.STUDY, study);

        assertEquals(List.of(s1, s2, s2), all.stream().map(InstanceLocation::seriesInstanceUid).toList());
        assertEquals(3, catalog.findInstances(QueryRetrieveLevel.PATIENT, "P1").size());
        assertEquals(2, catalog.findInstances(QueryRetrieveLevel.SERIES, s2).size());
        assertNull(catalog.findInstances(QueryRetrieveLevel.SERIES, uid()).stream().findAny().orElse(null));
    }
}
