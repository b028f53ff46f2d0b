// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.net.Acceptor;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.RequestHandler;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.NRequest;
import org.pacs.dicom.net.service.NResult;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.ServiceRegistry;

/**
 * Storage Commitment Push Model against a real archive: an instance is committed only if the catalog
 * holds it and its stored object still verifies; the report comes on the requestor's association, or
 * on a new one when the requestor will not take it there.
 */
class StorageCommitmentScpTest {
    static final String STUDY = "2.25.75001";
    static final String GOOD = STUDY + ".1.1";
    static final String TAMPERED = STUDY + ".1.2";
    static final String DELETED = STUDY + ".1.3";
    static final String UNKNOWN = STUDY + ".1.99";

    @TempDir
    static Path dir;
    static TestArchive archive;
    static Connector connector;
    static Acceptor acceptor;

    @BeforeAll
    static void start() throws Exception {
        archive = new TestArchive(dir);
        for (String iuid : List.of(GOOD, TAMPERED, DELETED)) {
            archive.store(TestArchive.ct("P1", "Alpha^Anna", "Welby^Marcus", STUDY, STUDY + ".1", iuid, 4096),
                    TestArchive.ELE);
        }
        archive.tamper(TAMPERED);
        archive.blobs.delete(archive.location(DELETED).blob().toBlobRef().id());
        connector = new Connector(TestArchive.LIMITS, null);
        acceptor = archive.start(connector);
    }

    @AfterEach
    void reset() {
        archive.access.scope = org.pacs.archive.catalog.AccessScope.all();
        archive.access.store = true;
        archive.access.destinations.clear();
    }

    @AfterAll
    static void stop() throws Exception {
        archive.close();
        connector.close();
    }

    /** Transaction UID and Referenced SOP Sequence for SOP instance UID to SOP class UID. */
    static byte[] actionInformation(String transactionUid, Map<String, String> references) throws IOException {
        Attributes ds = new Attributes();
        ds.setString(Tags.TransactionUID, VR.UI, transactionUid);
        Sequence seq = ds.newSequence(Tags.ReferencedSOPSequence, references.size());
        references.forEach((iuid, cuid) -> {
            Attributes item = seq.addItem();
            item.setString(Tags.ReferencedSOPClassUID, VR.UI, cuid);
            item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, iuid);
        });
        return Identifiers.encode(ds, TestArchive.ELE);
    }

    static NResult requestCommitment(Association as, int actionType, byte[] information) throws IOException {
        return Scu.n(as, as.context(1), Dimse.N_ACTION_RQ, UID.StorageCommitmentPushModelInstance, actionType, null,
                information, TestArchive.T);
    }

    static Association connect(RequestHandler handler) throws IOException {
        return Requestor.connect(connector, acceptor.port(), List.of(new org.pacs.dicom.net.pdu.PresentationContextRQ(
                1, UID.StorageCommitmentPushModel, TestArchive.ELE)), List.of(), handler);
    }

    static Map<String, Integer> failures(Attributes info) {
        Map<String, Integer> out = new LinkedHashMap<>();
        Sequence failed = info.getSequence(Tags.FailedSOPSequence);
        if (failed != null) {
            failed.forEach(i -> out.put(i.getString(Tags.ReferencedSOPInstanceUID), i.getInt(Tags.FailureReason, -1)));
        }
        return out;
    }

    @Test
    void storedInstancesThatVerifyAreCommittedInAReportOnTheSameAssociation() throws Exception {
        BlockingQueue<NRequest> reports = new LinkedBlockingQueue<>();
        RequestHandler scu = ServiceRegistry.builder().eventReport((as, rq) -> {
            reports.add(rq);
            return NResult.status(Status.SUCCESS);
        }).build();
        try (Association as = connect(scu)) {
            NResult r = requestCommitment(as, 1, actionInformation("2.25.75100", Map.of(GOOD, TestArchive.CT)));
            assertEquals(Status.SUCCESS, r.status());
            NRequest report = reports.poll(10, TimeUnit.SECONDS);
            assertNotNull(report, "N-EVENT-REPORT on the requestor's association");
            assertEquals(1, report.typeId(), "Storage Commitment Request Successful");
            assertEquals(UID.StorageCommitmentPushModelInstance, report.sopInstanceUid());
            Attributes info = Identifiers.decode(report.dataSet(), report.transferSyntax());
            assertEquals("2.25.75100", info.getString(Tags.TransactionUID));
            assertEquals(GOOD, info.getSequence(Tags.ReferencedSOPSequence).getFirst()
                    .getString(Tags.ReferencedSOPInstanceUID));
            assertEquals(TestArchive.AE, info.getString(Tags.RetrieveAETitle));
            assertNull(info.getSequence(Tags.FailedSOPSequence));
        }
    }

    @Test
    void aModalityThatMayStoreButNotReadGetsItsInstancesCommitted() throws Exception {
        // The default registration of a modality: store only, so it may read (query, retrieve) nothing.
        archive.access.scope = org.pacs.archive.catalog.AccessScope.none();
        BlockingQueue<NRequest> reports = new LinkedBlockingQueue<>();
        RequestHandler scu = ServiceRegistry.builder().eventReport((as, rq) -> {
            reports.add(rq);
            return NResult.status(Status.SUCCESS);
        }).build();
        try (Association as = connect(scu)) {
            assertEquals(Status.SUCCESS, requestCommitment(as, 1, actionInformation("2.25.75101",
                    Map.of(GOOD, TestArchive.CT))).status());
            NRequest report = reports.poll(10, TimeUnit.SECONDS);
            assertNotNull(report, "N-EVENT-REPORT on the requestor's association");
            assertEquals(1, report.typeId(), "Storage Commitment Request Successful");
            assertNull(Identifiers.decode(report.dataSet(), report.transferSyntax()).getSequence(Tags.FailedSOPSequence));
        }
    }

    @Test
    void unknownTamperedDeletedAndMisclassifiedInstancesAreNotCommitted() throws Exception {
        BlockingQueue<NRequest> reports = new LinkedBlockingQueue<>();
        RequestHandler scu = ServiceRegistry.builder().eventReport((as, rq) -> {
            reports.add(rq);
            return NResult.status(Status.SUCCESS);
        }).build();
        Map<String, String> refs = new LinkedHashMap<>();
        refs.put(GOOD, TestArchive.CT);
        refs.put(UNKNOWN, TestArchive.CT);
        refs.put(TAMPERED, TestArchive.CT);
        refs.put(DELETED, TestArchive.CT);
        try (Association as = connect(scu)) {
            assertEquals(Status.SUCCESS, requestCommitment(as, 1, actionInformation("2.25.75101", refs)).status());
            NRequest report = reports.poll(10, TimeUnit.SECONDS);
            assertNotNull(report);
            assertEquals(2, report.typeId(), "Storage Commitment Request Complete - Failures Exist");
            Attributes info = Identifiers.decode(report.dataSet(), report.transferSyntax());
            assertEquals(Map.of(UNKNOWN, 0x0112, TAMPERED, 0x0110, DELETED, 0x0110), failures(info));
            assertEquals(1, info.getSequence(Tags.ReferencedSOPSequence).size());
        }
        try (Association as = connect(scu)) {
            requestCommitment(as, 1, actionInformation("2.25.75102", Map.of(GOOD, TestArchive.MR)));
            Attributes info = Identifiers.decode(reports.poll(10, TimeUnit.SECONDS).dataSet(), TestArchive.ELE);
            assertEquals(Map.of(GOOD, 0x0119), failures(info), "Class/Instance conflict");
        }
    }

    @Test
    void aRequestorThatRefusesTheReportOnItsAssociationGetsItOnANewOne() throws Exception {
        try (StoreReceiver modality = new StoreReceiver(null, TestArchive.ELE)) {
            archive.access.plainDestination(Requestor.AE, modality.port());
            // No handler on the requestor's association: the report there is refused (0211).
            try (Association as = connect(null)) {
                assertEquals(Status.SUCCESS, requestCommitment(as, 1, actionInformation("2.25.75103",
                        Map.of(GOOD, TestArchive.CT))).status());
                NRequest report = modality.eventReports.poll(10, TimeUnit.SECONDS);
                assertNotNull(report, "N-EVENT-REPORT on a new association to the registered AE");
                assertEquals(1, report.typeId());
                assertEquals("2.25.75103", Identifiers.decode(report.dataSet(), report.transferSyntax())
                        .getString(Tags.TransactionUID));
            }
        }
    }

    @Test
    void aPeerNotAllowedToStoreIsNotAuthorized() throws Exception {
        archive.access.store = false;
        try (Association as = connect(null)) {
            assertEquals(Status.NOT_AUTHORIZED, requestCommitment(as, 1, actionInformation("2.25.75104",
                    Map.of(GOOD, TestArchive.CT))).status());
        }
    }

    @Test
    void anotherActionTypeIsNoSuchAction() throws Exception {
        try (Association as = connect(null)) {
            assertEquals(Status.NO_SUCH_ACTION_TYPE, requestCommitment(as, 2, actionInformation("2.25.75105",
                    Map.of(GOOD, TestArchive.CT))).status());
        }
    }

    @Test
    void aRequestWithoutTransactionUidIsAnInvalidArgument() throws Exception {
        Attributes ds = new Attributes();
        ds.newSequence(Tags.ReferencedSOPSequence, 1).addItem().setString(Tags.ReferencedSOPInstanceUID, VR.UI, GOOD);
        try (Association as = connect(null)) {
            assertEquals(0x0115, requestCommitment(as, 1, Identifiers.encode(ds, TestArchive.ELE)).status());
        }
    }
}
