// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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

/** C-MOVE against a real archive to a plaintext destination: what arrives, refusals, C-CANCEL. */
class ArchiveMoveScpTest {
    static final String S1 = "2.25.72001";
    static final String S2 = "2.25.72002";
    static final String DEST = "DEST";

    @TempDir
    static Path dir;
    static TestArchive archive;
    static Connector connector;
    static Acceptor acceptor;
    /** SOP Instance UID to the data set as it was stored. */
    static Map<String, byte[]> stored;
    StoreReceiver destination;

    @BeforeAll
    static void start() throws Exception {
        archive = new TestArchive(dir);
        stored = Map.of(
                S1 + ".1.1", archive.store(TestArchive.ct("P1", "Alpha^Anna", "Welby^Marcus", S1, S1 + ".1",
                        S1 + ".1.1", 96 * 1024), TestArchive.ELE),
                S1 + ".1.2", archive.store(TestArchive.ct("P1", "Alpha^Anna", "Welby^Marcus", S1, S1 + ".1",
                        S1 + ".1.2", 4096), TestArchive.ELE),
                S2 + ".1.1", archive.store(TestArchive.ct("P2", "Beta^Bert", "House^Gregory", S2, S2 + ".1",
                        S2 + ".1.1", 4096), TestArchive.ILE));
        connector = new Connector(TestArchive.LIMITS, null);
        acceptor = archive.start(connector);
    }

    @BeforeEach
    void destination() throws IOException {
        destination = new StoreReceiver(null, TestArchive.ELE, TestArchive.ILE);
        archive.access.plainDestination(DEST, destination.port());
    }

    @AfterEach
    void reset() {
        destination.close();
        archive.access.retrieve = true;
        archive.access.scope = AccessScope.all();
        archive.access.destinations.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        archive.close();
        connector.close();
    }

    static Attributes study(String... uids) {
        return Requestor.keys("STUDY", Tags.StudyInstanceUID, VR.UI, uids);
    }

    /** Sends C-MOVE with its own message ID and returns its responses. */
    static Responses move(Association as, int messageId, String destinationAe, Attributes keys) throws IOException {
        AcceptedContext pc = as.context(1);
        return as.invoke(pc, CommandSet.request(Dimse.C_MOVE_RQ, messageId, pc.abstractSyntax(), true)
                .setInt(CommandSet.PRIORITY, Dimse.PRIORITY_MEDIUM)
                .setString(CommandSet.MOVE_DESTINATION, destinationAe),
                DataWriter.of(Identifiers.encode(keys, TestArchive.ELE)));
    }

    static CommandSet moveAndWait(String destinationAe, Attributes keys) throws IOException {
        try (Association as = Requestor.connect(connector, acceptor.port(), TestArchive.STUDY_ROOT_MOVE,
                TestArchive.ELE)) {
            return move(as, as.nextMessageId(), destinationAe, keys).last(TestArchive.T).command();
        }
    }

    static int count(CommandSet rsp, int tag) {
        return rsp.getInt(tag, -1);
    }

    @Nested
    class ToAnAllowedDestination {

        @Test
        void eachInstanceArrivesByteForByteAsStoredWithTheMoveOriginator() throws IOException {
            try (Association as = Requestor.connect(connector, acceptor.port(), TestArchive.STUDY_ROOT_MOVE,
                    TestArchive.ELE)) {
                int id = as.nextMessageId();
                CommandSet rsp = move(as, id, DEST, study(S1, S2)).last(TestArchive.T).command();
                assertEquals(Status.SUCCESS, rsp.status());
                assertEquals(3, count(rsp, CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS));
                assertEquals(0, count(rsp, CommandSet.NUMBER_OF_FAILED_SUBOPERATIONS));
                assertEquals(3, destination.received.size());
                for (StoreReceiver.Received r : destination.received) {
                    assertArrayEquals(stored.get(r.request().sopInstanceUid()), r.dataSet(),
                            r.request().sopInstanceUid());
                    assertEquals(Requestor.AE, r.request().moveOriginatorAeTitle());
                    assertEquals(id, r.request().moveOriginatorMessageId());
                }
                StoreReceiver.Received ile = destination.received.stream()
                        .filter(r -> r.request().sopInstanceUid().equals(S2 + ".1.1")).findFirst().orElseThrow();
                assertEquals(TestArchive.ILE, ile.request().transferSyntax(), "sent in its stored syntax");
            }
        }

        @Test
        void aSeriesAndAnInstanceCanBeMovedAlone() throws IOException {
            Attributes series = Requestor.keys("SERIES", Tags.SeriesInstanceUID, VR.UI, S1 + ".1");
            series.setString(Tags.StudyInstanceUID, VR.UI, S1);
            assertEquals(2, count(moveAndWait(DEST, series), CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS));
            Attributes image = Requestor.keys("IMAGE", Tags.SOPInstanceUID, VR.UI, S1 + ".1.2");
            image.setString(Tags.StudyInstanceUID, VR.UI, S1);
            image.setString(Tags.SeriesInstanceUID, VR.UI, S1 + ".1");
            assertEquals(1, count(moveAndWait(DEST, image), CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS));
            assertEquals(3, destination.received.size());
        }

        @Test
        void aHigherKeyThatDoesNotHoldTheSeriesSendsNothing() throws IOException {
            Attributes series = Requestor.keys("SERIES", Tags.SeriesInstanceUID, VR.UI, S1 + ".1");
            series.setString(Tags.StudyInstanceUID, VR.UI, S2);
            CommandSet rsp = moveAndWait(DEST, series);
            assertEquals(Status.SUCCESS, rsp.status());
            assertEquals(0, count(rsp, CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS));
            assertEquals(0, destination.received.size());
        }

        @Test
        void studiesOutsideThePeersScopeAreNotSent() throws IOException {
            archive.access.scope = AccessScope.restricted(Set.of("Welby^Marcus"), Set.of());
            CommandSet rsp = moveAndWait(DEST, study(S1, S2));
            assertEquals(Status.SUCCESS, rsp.status());
            assertEquals(2, count(rsp, CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS));
            assertTrue(destination.received.stream().allMatch(r -> r.request().sopInstanceUid().startsWith(S1)));
        }

        @Test
        void thePatientRootModelMovesAWholePatient() throws IOException {
            try (Association as = Requestor.connect(connector, acceptor.port(), TestArchive.PATIENT_ROOT_MOVE,
                    TestArchive.ELE)) {
                CommandSet rsp = move(as, as.nextMessageId(), DEST, Requestor.keys("PATIENT", Tags.PatientID, VR.LO,
                        "P1")).last(TestArchive.T).command();
                assertEquals(Status.SUCCESS, rsp.status());
                assertEquals(2, count(rsp, CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS));
            }
        }

        @Test
        void theTransferIsAuditedPerPatient() throws IOException {
            int before = archive.audit.retrieved.size();
            moveAndWait(DEST, study(S1, S2));
            List<RecordingAudit.Retrieved> records = archive.audit.retrieved.subList(before,
                    archive.audit.retrieved.size());
            assertEquals(2, records.size());
            assertEquals(new RecordingAudit.Retrieved(DEST, "P1", Set.of(S1), records.get(0).outcome()),
                    records.get(0));
            assertEquals("P2", records.get(1).patientId());
            assertEquals(Status.SUCCESS, records.get(0).outcome().status());
        }
    }

    @Nested
    class Refused {

        @Test
        void anUnknownDestinationIsMoveDestinationUnknown() throws IOException {
            int before = archive.audit.denied.size();
            CommandSet rsp = moveAndWait("NOWHERE", study(S1));
            assertEquals(Status.MOVE_DESTINATION_UNKNOWN, rsp.status());
            assertEquals(0, destination.received.size());
            assertEquals("C-MOVE to NOWHERE", archive.audit.denied.get(before).what());
        }

        @Test
        void aPeerNotAllowedToRetrieveIsNotAuthorized() throws IOException {
            archive.access.retrieve = false;
            CommandSet rsp = moveAndWait(DEST, study(S1));
            assertEquals(Status.NOT_AUTHORIZED, rsp.status());
            assertEquals(0, destination.received.size());
        }

        @Test
        void aDestinationThatCannotBeReachedFailsEverySubOperation() throws IOException {
            int port = destination.port();
            destination.close();
            archive.access.plainDestination(DEST, port);
            CommandSet rsp = moveAndWait(DEST, study(S1));
            assertEquals(Status.OUT_OF_RESOURCES_SUB_OPERATIONS, rsp.status());
            assertEquals(2, count(rsp, CommandSet.NUMBER_OF_FAILED_SUBOPERATIONS));
            assertEquals(0, count(rsp, CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS));
        }

        @Test
        void anIdentifierWithoutTheUniqueKeyDoesNotMatchTheSopClass() throws IOException {
            Attributes keys = new Attributes();
            keys.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
            assertEquals(Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS, moveAndWait(DEST, keys).status());
        }
    }

    @Nested
    class StoredObjectFailingAuthentication {

        @Test
        void isNeverDeliveredTruncatedAndEndsTheSubAssociation() throws IOException {
            String study = "2.25.72009";
            // Larger than one 1 MiB segment of the blob store, altered in its last segment: the blob opens,
            // and fails only once part of the data set has gone out.
            archive.store(TestArchive.ct("P9", "Delta^Dora", "House^Gregory", study, study + ".1", study + ".1.1",
                    2560 * 1024), TestArchive.ELE);
            archive.store(TestArchive.ct("P9", "Delta^Dora", "House^Gregory", study, study + ".1", study + ".1.2",
                    4096), TestArchive.ELE);
            archive.tamper(study + ".1.1");
            CommandSet rsp = moveAndWait(DEST, study(study));
            assertEquals(Status.OUT_OF_RESOURCES_SUB_OPERATIONS, rsp.status());
            assertEquals(2, count(rsp, CommandSet.NUMBER_OF_FAILED_SUBOPERATIONS));
            assertEquals(0, destination.received.size(), "no truncated data set was taken for a whole one");
        }
    }

    @Nested
    class Cancel {

        @Test
        void aCancelAfterTheFirstSubOperationStopsTheRestAndCountsThem() throws Exception {
            CountDownLatch firstArrived = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            destination.beforeAnswer = index -> {
                if (index == 1) {
                    firstArrived.countDown();
                    try {
                        goOn.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            };
            try (Association as = Requestor.connect(connector, acceptor.port(), TestArchive.STUDY_ROOT_MOVE,
                    TestArchive.ELE)) {
                int id = as.nextMessageId();
                Responses responses = move(as, id, DEST, study(S1, S2));
                assertTrue(firstArrived.await(10, TimeUnit.SECONDS));
                as.cancel(as.context(1), id);
                archive.access.awaitCancelled(id, TestArchive.T);
                goOn.countDown();
                DimseMessage last = responses.last(TestArchive.T);
                assertEquals(Status.CANCEL, last.command().status());
                assertEquals(1, count(last.command(), CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS));
                assertEquals(2, count(last.command(), CommandSet.NUMBER_OF_REMAINING_SUBOPERATIONS));
                assertEquals(1, destination.received.size());
            }
        }
    }
}
