// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.dimse.CommandSet;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.DimseMessage;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.RoleSelection;
import org.pacs.dicom.net.service.NResult;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.ServiceRegistry;

/** C-GET, C-MOVE, C-CANCEL and Storage Commitment with our code on both sides. */
class LoopbackRetrieveTest {

    static final Duration T = Duration.ofSeconds(10);
    static final String STUDY = InteropScp.STUDY_UID;
    private Path dir;
    private InteropScp archive;
    private InteropScp destination;
    private final Connector connector = new Connector(Limits.DEFAULTS, null);
    private byte[] dataSet;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("loopback-retrieve");
        archive = new InteropScp(Files.createDirectories(dir.resolve("archive")), null, Limits.DEFAULTS);
        destination = new InteropScp(Files.createDirectories(dir.resolve("dest")), null, Limits.DEFAULTS);
        dataSet = TestDicom.ctImage(STUDY, STUDY + ".1", STUDY + ".1.1", 32, 32).encode(true);
        try (Association as = connect(archive, List.of(new PresentationContextRQ(1, TestDicom.CT_IMAGE_STORAGE,
                TestDicom.ELE)), List.of(), null)) {
            AcceptedContext pc = as.context(TestDicom.CT_IMAGE_STORAGE).orElseThrow();
            assertEquals(Status.SUCCESS, Scu.store(as, pc, STUDY + ".1.1", DataWriter.of(dataSet), T));
        }
    }

    @AfterEach
    void stop() throws IOException {
        archive.close();
        destination.close();
        connector.close();
        try (var all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private Association connect(InteropScp scp, List<PresentationContextRQ> pcs, List<RoleSelection> roles,
            RequestHandler handler) throws IOException {
        AAssociateRQ base = Connector.request(InteropScp.AE, "LOOPSCU", pcs, Limits.DEFAULTS);
        AAssociateRQ rq = new AAssociateRQ(base.calledAeTitle(), base.callingAeTitle(), base.presentationContexts(),
                base.userInformation().withRoleSelections(roles));
        return connector.connect("127.0.0.1", scp.port(), rq, handler);
    }

    static byte[] identifier() {
        return new TestDicom.DataSet().string(0x00080052, "CS", "STUDY").string(0x0020000D, "UI", STUDY)
                .encode(false);
    }

    @Test
    void cGetBringsTheInstanceBackOverTheSameAssociation() throws IOException {
        Map<String, byte[]> received = new ConcurrentHashMap<>();
        RequestHandler storeScp = ServiceRegistry.builder().store((as, rq, data) -> {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            data.transferTo(b);
            received.put(rq.sopInstanceUid(), b.toByteArray());
            return Status.SUCCESS;
        }).build();
        try (Association as = connect(archive, List.of(new PresentationContextRQ(1, InteropScp.STUDY_ROOT_GET,
                TestDicom.ILE), new PresentationContextRQ(3, TestDicom.CT_IMAGE_STORAGE, TestDicom.ELE)),
                List.of(new RoleSelection(TestDicom.CT_IMAGE_STORAGE, false, true)), storeScp)) {
            assertTrue(as.context(3).roles().requestorScp());
            CommandSet rsp = Scu.get(as, as.context(InteropScp.STUDY_ROOT_GET).orElseThrow(), identifier(), T);
            assertEquals(Status.SUCCESS, rsp.status());
            assertEquals(1, rsp.getInt(CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS, -1));
            assertArrayEquals(dataSet, received.get(STUDY + ".1.1"));
        }
    }

    @Test
    void cMoveStoresToTheDestinationAndCountsSubOperations() throws IOException {
        archive.addDestination(InteropScp.AE, destination.port());
        try (Association as = connect(archive, List.of(new PresentationContextRQ(1, InteropScp.STUDY_ROOT_MOVE,
                TestDicom.ILE)), List.of(), null)) {
            CommandSet rsp = Scu.move(as, as.context(InteropScp.STUDY_ROOT_MOVE).orElseThrow(), InteropScp.AE, identifier(),
                    T);
            assertEquals(Status.SUCCESS, rsp.status());
            assertEquals(1, rsp.getInt(CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS, -1));
            assertEquals(0, rsp.getInt(CommandSet.NUMBER_OF_FAILED_SUBOPERATIONS, -1));
            assertArrayEquals(dataSet, Files.readAllBytes(destination.stored().get(STUDY + ".1.1").dataSet()));
        }
    }

    @Test
    void cGetWithoutTheStorageRoleFailsAndListsTheFailedInstance() throws IOException {
        try (Association as = connect(archive, List.of(new PresentationContextRQ(1, InteropScp.STUDY_ROOT_GET,
                TestDicom.ILE)), List.of(), null)) {
            DimseMessage rsp = as.invoke(as.context(1), CommandSet.request(Dimse.C_GET_RQ, as.nextMessageId(),
                    InteropScp.STUDY_ROOT_GET, true), DataWriter.of(identifier())).last(T);
            assertEquals(Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES, rsp.command().status());
            assertEquals(1, rsp.command().getInt(CommandSet.NUMBER_OF_FAILED_SUBOPERATIONS, -1));
            assertEquals(STUDY + ".1.1", org.pacs.dicom.net.service.Identifiers.decode(rsp.dataSet(),
                    TestDicom.ILE).getString(0x00080058));
        }
    }

    @Test
    void cCancelEndsAFindWithCancelStatus() throws Exception {
        CountDownLatch firstMatchSent = new CountDownLatch(1);
        String find = InteropScp.STUDY_ROOT_FIND;
        RequestHandler slowFind = ServiceRegistry.builder().find((as, rq, matches) -> {
            for (int i = 0; i < 1000; i++) {
                if (rq.isCancelled()) {
                    return Status.CANCEL;
                }
                matches.send(identifier());
                firstMatchSent.countDown();
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000); // a slow query
            }
            return Status.SUCCESS;
        }).build();
        try (Acceptor scp = Acceptor.start(new java.net.InetSocketAddress("127.0.0.1", 0),
                new org.pacs.dicom.net.acse.AcceptorSettings(List.of(org.pacs.dicom.net.acse.TransferCapability.scp(
                        find, TestDicom.ILE)), org.pacs.dicom.net.acse.TransferSyntaxPreference.ACCEPTOR, 65536,
                        Implementation.CLASS_UID, Implementation.VERSION_NAME, null, null, false, null),
                slowFind, Limits.DEFAULTS, null);
                Association as = connector.connect("127.0.0.1", scp.port(), Connector.request("ANY", "CANCELLER",
                        List.of(new PresentationContextRQ(1, find, TestDicom.ILE)), Limits.DEFAULTS), null)) {
            AcceptedContext pc = as.context(1);
            int id = as.nextMessageId();
            Responses responses = as.invoke(pc, CommandSet.request(Dimse.C_FIND_RQ, id, find, true),
                    DataWriter.of(identifier()));
            assertTrue(firstMatchSent.await(5, TimeUnit.SECONDS));
            as.cancel(pc, id);
            DimseMessage last = responses.last(T);
            assertEquals(Status.CANCEL, last.command().status());
        }
    }

    @Test
    void storageCommitmentActionThenEventReportOnTheSameAssociation() throws Exception {
        String commitment = "1.2.840.10008.1.20.1";
        String instance = "1.2.840.10008.1.20.1.1";
        CountDownLatch reported = new CountDownLatch(1);
        RequestHandler scuSide = ServiceRegistry.builder().eventReport((as, rq) -> {
            assertEquals(1, rq.typeId());
            reported.countDown();
            return NResult.status(Status.SUCCESS);
        }).build();
        RequestHandler scpSide = ServiceRegistry.builder().action((as, rq) -> {
            // Answer the N-ACTION, then report the result as the standard's SCP does (PS3.4 J.3.3).
            Thread.ofVirtual().start(() -> {
                try {
                    Scu.n(as, as.context(commitment).orElseThrow(), Dimse.N_EVENT_REPORT_RQ, instance, 1, null,
                            rq.dataSet(), T);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            return NResult.status(Status.SUCCESS);
        }).build();
        try (Acceptor scp = Acceptor.start(new java.net.InetSocketAddress("127.0.0.1", 0),
                new org.pacs.dicom.net.acse.AcceptorSettings(List.of(org.pacs.dicom.net.acse.TransferCapability.scp(
                        commitment, TestDicom.ILE)), org.pacs.dicom.net.acse.TransferSyntaxPreference.ACCEPTOR,
                        65536, Implementation.CLASS_UID, Implementation.VERSION_NAME, null, null, false, null),
                scpSide, Limits.DEFAULTS, null);
                Association as = connector.connect("127.0.0.1", scp.port(), Connector.request("ANY", "MODALITY",
                        List.of(new PresentationContextRQ(1, commitment, TestDicom.ILE)), Limits.DEFAULTS),
                        scuSide)) {
            NResult r = Scu.n(as, as.context(1), Dimse.N_ACTION_RQ, instance, 1, null,
                    new TestDicom.DataSet().string(0x00081195, "UI", "1.2.3.4").encode(false), T);
            assertEquals(Status.SUCCESS, r.status());
            assertTrue(reported.await(5, TimeUnit.SECONDS), "N-EVENT-REPORT reached the SCU");
        }
    }
}
