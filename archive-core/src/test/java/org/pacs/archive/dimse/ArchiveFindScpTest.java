// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.net.Acceptor;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.DataWriter;
import org.pacs.dicom.net.Responses;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.dimse.CommandSet;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.DimseMessage;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.Scu;

/** C-FIND against a real archive: every level inside the peer's scope, refusals with their statuses, C-CANCEL. */
class ArchiveFindScpTest {
    static final String S1 = "2.25.71001";
    static final String S2 = "2.25.71002";

    @TempDir
    static Path dir;
    static TestArchive archive;
    static Connector connector;
    static Acceptor acceptor;

    @BeforeAll
    static void start() throws Exception {
        archive = new TestArchive(dir);
        archive.store(TestArchive.ct("P1", "Alpha^Anna", "Welby^Marcus", S1, S1 + ".1", S1 + ".1.1", 4096),
                TestArchive.ELE);
        archive.store(TestArchive.ct("P1", "Alpha^Anna", "Welby^Marcus", S1, S1 + ".1", S1 + ".1.2", 4096),
                TestArchive.ELE);
        archive.store(TestArchive.ct("P2", "Beta^Bert", "House^Gregory", S2, S2 + ".1", S2 + ".1.1", 4096),
                TestArchive.ELE);
        connector = new Connector(TestArchive.LIMITS, null);
        acceptor = archive.start(connector);
    }

    @AfterEach
    void reset() {
        archive.access.query = true;
        archive.access.scope = AccessScope.all();
        archive.audit.queryEntered = null;
    }

    @AfterAll
    static void stop() throws Exception {
        archive.close();
        connector.close();
    }

    record Found(int status, List<Attributes> matches) {
        Set<String> values(int tag) {
            Set<String> out = new TreeSet<>();
            matches.forEach(m -> out.add(m.getString(tag)));
            return out;
        }
    }

    static Found find(String sopClass, String transferSyntax, Attributes keys) throws IOException {
        try (Association as = Requestor.connect(connector, acceptor.port(), sopClass, transferSyntax)) {
            AcceptedContext pc = as.context(1);
            List<Attributes> matches = new ArrayList<>();
            int status = Scu.find(as, pc, Identifiers.encode(keys, transferSyntax), m -> {
                try {
                    matches.add(Identifiers.decode(m, transferSyntax));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, TestArchive.T);
            return new Found(status, matches);
        }
    }

    static Found find(String sopClass, Attributes keys) throws IOException {
        return find(sopClass, TestArchive.ELE, keys);
    }

    static AccessScope welbyOnly() {
        return AccessScope.restricted(Set.of("Welby^Marcus"), Set.of());
    }

    @Nested
    class AtEachLevelInsideTheScope {

        @Test
        void patientLevelShowsOnlyPatientsWithAVisibleStudy() throws IOException {
            Attributes keys = Requestor.keys("PATIENT", Tags.PatientID, VR.LO);
            keys.setNull(Tags.PatientName, VR.PN);
            assertEquals(Set.of("P1", "P2"), find(TestArchive.PATIENT_ROOT_FIND, keys).values(Tags.PatientID));
            archive.access.scope = welbyOnly();
            Found found = find(TestArchive.PATIENT_ROOT_FIND, keys);
            assertEquals(Status.SUCCESS, found.status());
            assertEquals(Set.of("P1"), found.values(Tags.PatientID));
        }

        @Test
        void studyLevelHidesStudiesOutsideTheScope() throws IOException {
            archive.access.scope = welbyOnly();
            Found found = find(TestArchive.STUDY_ROOT_FIND, Requestor.keys("STUDY", Tags.StudyInstanceUID, VR.UI));
            assertEquals(Status.SUCCESS, found.status());
            assertEquals(Set.of(S1), found.values(Tags.StudyInstanceUID));
        }

        @Test
        void patientRootStudyLevelNeedsThePatientAndStaysInTheScope() throws IOException {
            archive.access.scope = welbyOnly();
            Attributes keys = Requestor.keys("STUDY", Tags.StudyInstanceUID, VR.UI);
            keys.setString(Tags.PatientID, VR.LO, "P2");
            assertEquals(Set.of(), find(TestArchive.PATIENT_ROOT_FIND, keys).values(Tags.StudyInstanceUID));
            keys.setString(Tags.PatientID, VR.LO, "P1");
            assertEquals(Set.of(S1), find(TestArchive.PATIENT_ROOT_FIND, keys).values(Tags.StudyInstanceUID));
        }

        @Test
        void seriesLevelOfAHiddenStudyFindsNothing() throws IOException {
            archive.access.scope = welbyOnly();
            Attributes keys = Requestor.keys("SERIES", Tags.SeriesInstanceUID, VR.UI);
            keys.setString(Tags.StudyInstanceUID, VR.UI, S2);
            Found hidden = find(TestArchive.STUDY_ROOT_FIND, keys);
            assertEquals(Status.SUCCESS, hidden.status());
            assertEquals(List.of(), hidden.matches());
            keys.setString(Tags.StudyInstanceUID, VR.UI, S1);
            assertEquals(Set.of(S1 + ".1"), find(TestArchive.STUDY_ROOT_FIND, keys).values(Tags.SeriesInstanceUID));
        }

        @Test
        void imageLevelReturnsTheInstancesOfVisibleSeriesOnly() throws IOException {
            archive.access.scope = welbyOnly();
            Attributes keys = Requestor.keys("IMAGE", Tags.SOPInstanceUID, VR.UI);
            keys.setString(Tags.StudyInstanceUID, VR.UI, S1);
            keys.setString(Tags.SeriesInstanceUID, VR.UI, S1 + ".1");
            assertEquals(Set.of(S1 + ".1.1", S1 + ".1.2"), find(TestArchive.STUDY_ROOT_FIND, keys)
                    .values(Tags.SOPInstanceUID));
            keys.setString(Tags.StudyInstanceUID, VR.UI, S2);
            keys.setString(Tags.SeriesInstanceUID, VR.UI, S2 + ".1");
            assertEquals(List.of(), find(TestArchive.STUDY_ROOT_FIND, keys).matches());
        }

        @Test
        void matchesComeInTheRequestsTransferSyntaxNamingThisAeForRetrieval() throws IOException {
            Attributes keys = Requestor.keys("STUDY", Tags.StudyInstanceUID, VR.UI, S2);
            keys.setNull(Tags.RetrieveAETitle, VR.AE);
            keys.setNull(Tags.PatientName, VR.PN);
            Found found = find(TestArchive.STUDY_ROOT_FIND, TestArchive.ILE, keys);
            assertEquals(1, found.matches().size());
            Attributes match = found.matches().getFirst();
            assertEquals("Beta^Bert", match.getString(Tags.PatientName));
            assertEquals(TestArchive.AE, match.getString(Tags.RetrieveAETitle));
            assertEquals("STUDY", match.getString(Tags.QueryRetrieveLevel));
        }

        @Test
        void eachAcceptedQueryIsAuditedWithItsIdentifier() throws IOException {
            Attributes keys = Requestor.keys("STUDY", Tags.StudyInstanceUID, VR.UI, S1);
            int before = archive.audit.queries.size();
            find(TestArchive.STUDY_ROOT_FIND, keys);
            assertEquals(before + 1, archive.audit.queries.size());
            assertArrayEquals(Identifiers.encode(keys, TestArchive.ELE), archive.audit.queries.getLast());
        }
    }

    @Nested
    class Refusals {

        @Test
        void aPeerNotAllowedToQueryIsRefusedNotAuthorizedAndAudited() throws IOException {
            archive.access.query = false;
            int before = archive.audit.denied.size();
            Found found = find(TestArchive.STUDY_ROOT_FIND, Requestor.keys("STUDY", Tags.StudyInstanceUID, VR.UI));
            assertEquals(Status.NOT_AUTHORIZED, found.status());
            assertEquals(List.of(), found.matches());
            assertEquals(new RecordingAudit.Denied("C-FIND", "test: querying not allowed"),
                    archive.audit.denied.get(before));
        }

        @Test
        void aModelOtherThanPatientOrStudyRootIsNotSupported() throws IOException {
            Found found = find(TestArchive.PATIENT_STUDY_ONLY_FIND, Requestor.keys("STUDY", Tags.StudyInstanceUID,
                    VR.UI));
            assertEquals(Status.SOP_CLASS_NOT_SUPPORTED, found.status());
        }

        @Test
        void anIdentifierWithoutLevelDoesNotMatchTheSopClass() throws IOException {
            Attributes keys = new Attributes();
            keys.setNull(Tags.StudyInstanceUID, VR.UI);
            assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, find(TestArchive.STUDY_ROOT_FIND, keys).status());
        }

        @Test
        void thePatientLevelInStudyRootDoesNotMatchTheSopClass() throws IOException {
            assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, find(TestArchive.STUDY_ROOT_FIND,
                    Requestor.keys("PATIENT", Tags.PatientID, VR.LO)).status());
        }

        @Test
        void aHierarchicalQueryWithoutTheHigherUniqueKeyDoesNotMatchTheSopClass() throws IOException {
            assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, find(TestArchive.STUDY_ROOT_FIND,
                    Requestor.keys("SERIES", Tags.SeriesInstanceUID, VR.UI)).status());
        }

        @Test
        void anUndecodableIdentifierIsUnableToProcess() throws IOException {
            // (0008,0052) with a length far beyond the identifier
            byte[] garbage = {0x08, 0x00, 0x52, 0x00, 'C', 'S', (byte) 0xFF, 0x7F, 'S', 'T'};
            try (Association as = Requestor.connect(connector, acceptor.port(), TestArchive.STUDY_ROOT_FIND,
                    TestArchive.ELE)) {
                assertEquals(Status.UNABLE_TO_PROCESS, Scu.find(as, as.context(1), garbage, m -> { },
                        TestArchive.T));
            }
        }
    }

    @Nested
    class Cancel {

        @Test
        void aCancelBeforeTheFirstMatchEndsTheQueryWithCancelAndNoMatch() throws Exception {
            archive.audit.holdNextQuery();
            try (Association as = Requestor.connect(connector, acceptor.port(), TestArchive.STUDY_ROOT_FIND,
                    TestArchive.ELE)) {
                AcceptedContext pc = as.context(1);
                int id = as.nextMessageId();
                Responses responses = as.invoke(pc, CommandSet.request(Dimse.C_FIND_RQ, id, pc.abstractSyntax(), true)
                        .setInt(CommandSet.PRIORITY, Dimse.PRIORITY_MEDIUM), DataWriter.of(Identifiers.encode(
                        Requestor.keys("STUDY", Tags.StudyInstanceUID, VR.UI), TestArchive.ELE)));
                assertTrue(archive.audit.queryEntered.await(10, TimeUnit.SECONDS));
                as.cancel(pc, id);
                archive.access.awaitCancelled(id, TestArchive.T);
                archive.audit.releaseQuery.countDown();
                DimseMessage first = responses.next(TestArchive.T);
                assertEquals(Status.CANCEL, first.command().status(), "no pending match before the final response");
            }
        }
    }
}
