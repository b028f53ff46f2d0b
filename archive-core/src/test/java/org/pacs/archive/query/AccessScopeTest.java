// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/** The access scope is applied inside the query: hidden studies never show, nor count, nor fill a page. */
class AccessScopeTest {
    private static final QueryOptions OPTIONS = QueryOptions.DEFAULT;

    @TempDir
    static Path dir;
    static Archive archive;

    @BeforeAll
    static void record() {
        archive = new Archive(dir);
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    private static AccessScope welby() {
        return AccessScope.restricted(Set.of("WELBY^marcus"), Set.of());
    }

    private static Attributes allStudies() {
        Attributes keys = new Attributes();
        keys.setNull(Tags.StudyInstanceUID, VR.UI);
        return keys;
    }

    private List<String> page(AccessScope scope, int offset, int limit) {
        List<String> out = new ArrayList<>();
        try (QueryResults r = archive.engine.query(new QueryRequest(QueryRetrieveLevel.STUDY,
                InformationModel.STUDY_ROOT, allStudies(), scope, OPTIONS, offset, limit))) {
            r.forEachRemaining(a -> out.add(archive.keys.get(a.getString(Tags.StudyInstanceUID))));
        }
        return out;
    }

    @Test
    void seesOnlyStudiesOfItsReferringPhysiciansWhateverTheCase() {
        assertEquals(Set.of("S1", "S3"), archive.studies(allStudies(), welby(), OPTIONS));
    }

    @Test
    void seesTheStudiesOfItsShareSet() {
        AccessScope shared = AccessScope.restricted(Set.of(), Set.of(archive.uids.get("S4")));
        assertEquals(Set.of("S4"), archive.studies(allStudies(), shared, OPTIONS));
    }

    @Test
    void seesTheUnionOfNamesAndShareSet() {
        AccessScope both = AccessScope.restricted(Set.of("Welby^Marcus"), Set.of(archive.uids.get("S4")));
        assertEquals(Set.of("S1", "S3", "S4"), archive.studies(allStudies(), both, OPTIONS));
    }

    @Test
    void noneSeesNothing() {
        assertEquals(Set.of(), archive.studies(allStudies(), AccessScope.none(), OPTIONS));
        assertEquals(0, archive.engine.count(QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT,
                allStudies(), AccessScope.none())));
    }

    @Test
    void countsOnlyVisibleStudies() {
        QueryRequest r = QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT, allStudies(), welby());
        assertEquals(2, archive.engine.count(r));
        assertEquals(6, archive.engine.count(QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT,
                allStudies(), AccessScope.all())));
    }

    @Test
    void pagesOverVisibleStudiesOnly() {
        assertEquals(List.of("S3"), page(welby(), 0, 1));
        assertEquals(List.of("S1"), page(welby(), 1, 1));
        assertEquals(List.of(), page(welby(), 2, 1));
    }

    @Test
    void keysMatchedOnTheHeaderStayWithinTheScope() {
        Attributes keys = allStudies();
        keys.setString(Tags.AdmittingDiagnosesDescription, VR.LO, "*i*");
        assertEquals(Set.of("S1", "S2", "S3"), archive.studies(keys, AccessScope.all(), OPTIONS));
        assertEquals(Set.of("S1", "S3"), archive.studies(keys, welby(), OPTIONS));
    }

    @Test
    void patientsAreVisibleThroughVisibleStudiesAndCountOnlyThose() {
        Attributes keys = new Attributes();
        keys.setNull(Tags.PatientID, VR.LO);
        keys.setNull(Tags.NumberOfPatientRelatedStudies, VR.IS);
        List<String> seen = new ArrayList<>();
        try (QueryResults r = archive.engine.query(QueryRequest.of(QueryRetrieveLevel.PATIENT,
                InformationModel.PATIENT_ROOT, keys, welby()))) {
            r.forEachRemaining(a -> seen.add(a.getString(Tags.PatientID) + ":"
                    + a.getString(Tags.NumberOfPatientRelatedStudies)));
        }
        // P1 has S1 (Welby) and S6 (Kildare): one visible study.
        assertEquals(List.of("P1:1", "P3:1"), seen);
    }

    @Test
    void hiddenStudiesAreNotReachedThroughTheirSeries() {
        Attributes keys = new Attributes();
        keys.setString(Tags.StudyInstanceUID, VR.UI, archive.uids.get("S2"));
        keys.setNull(Tags.SeriesInstanceUID, VR.UI);
        try (QueryResults r = archive.engine.query(QueryRequest.of(QueryRetrieveLevel.SERIES,
                InformationModel.STUDY_ROOT, keys, welby()))) {
            assertFalse(r.hasNext());
        }
        Attributes bySeries = new Attributes();
        bySeries.setString(Tags.SeriesInstanceUID, VR.UI,
                archive.headers.get("S2").get(0).getString(Tags.SeriesInstanceUID));
        try (QueryResults r = archive.engine.query(QueryRequest.of(QueryRetrieveLevel.SERIES,
                InformationModel.STUDY_ROOT, bySeries, welby()).withOptions(OPTIONS.withRelational(true)))) {
            assertFalse(r.hasNext());
        }
    }

    @Test
    void retrieveListsOnlyVisibleInstances() {
        assertEquals(0, archive.catalog.findInstances(QueryRetrieveLevel.STUDY, List.of(archive.uids.get("S2")),
                welby()).size());
        assertEquals(2, archive.catalog.findInstances(QueryRetrieveLevel.STUDY, List.of(archive.uids.get("S3")),
                welby()).size());
        assertEquals(1, archive.catalog.findInstances(QueryRetrieveLevel.PATIENT, List.of("P1"), welby()).size());
    }
}
