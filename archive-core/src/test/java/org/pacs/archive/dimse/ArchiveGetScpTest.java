// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.retrieve.RetrieveOutcome;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.AttributesBuilder;
import org.pacs.dicom.io.DataSetReader;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.TransferSyntax;
import org.pacs.dicom.net.Acceptor;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.DataWriter;
import org.pacs.dicom.net.dimse.CommandSet;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.DimseMessage;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.RoleSelection;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.ServiceRegistry;
import org.pacs.dicom.net.service.StoreRequest;

/** C-GET against a real archive: instances come back over the requestor's association, transcoded when they must be. */
class ArchiveGetScpTest {
    static final String EXPLICIT = "2.25.73001";
    static final String BIG = "2.25.73002";
    static final String DEFLATED = "2.25.73003";
    static final String COMPRESSED = "2.25.73004";

    @TempDir
    static Path dir;
    static TestArchive archive;
    static Connector connector;
    static Acceptor acceptor;
    static byte[] explicitStored;
    static byte[] compressedStored;
    static Attributes bigDataSet;
    static Attributes deflatedDataSet;

    record Got(StoreRequest request, byte[] dataSet) {
    }

    final List<Got> got = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        archive = new TestArchive(dir);
        explicitStored = archive.store(TestArchive.ct("P1", "Alpha^Anna", "Welby^Marcus", EXPLICIT, EXPLICIT + ".1",
                EXPLICIT + ".1.1", 4096), TestArchive.ELE);
        bigDataSet = TestArchive.ct("P1", "Alpha^Anna", "Welby^Marcus", BIG, BIG + ".1", BIG + ".1.1", 256 * 1024);
        archive.store(bigDataSet, TestArchive.ELE);
        deflatedDataSet = TestArchive.ct("P2", "Beta^Bert", "House^Gregory", DEFLATED, DEFLATED + ".1",
                DEFLATED + ".1.1", 4096);
        archive.store(deflatedDataSet, TestArchive.DEFLATED);
        compressedStored = archive.store(TestArchive.encapsulated(TestArchive.ct("P3", "Gamma^Gina", "House^Gregory",
                COMPRESSED, COMPRESSED + ".1", COMPRESSED + ".1.1", 4096)), TestArchive.JPEG_BASELINE);
        connector = new Connector(TestArchive.LIMITS, null);
        acceptor = archive.start(connector);
    }

    @AfterEach
    void reset() {
        archive.access.retrieve = true;
    }

    @AfterAll
    static void stop() throws Exception {
        archive.close();
        connector.close();
    }

    /** C-GET of {@code studyUid}, accepting CT storage in {@code transferSyntaxes} in the SCP role. */
    CommandSet get(String studyUid, String... transferSyntaxes) throws IOException {
        ServiceRegistry storeScp = ServiceRegistry.builder().store((as, rq, data) -> {
            got.add(new Got(rq, data.readAllBytes()));
            return Status.SUCCESS;
        }).build();
        List<PresentationContextRQ> pcs = new ArrayList<>();
        pcs.add(new PresentationContextRQ(1, TestArchive.STUDY_ROOT_GET, TestArchive.ELE));
        for (int i = 0; i < transferSyntaxes.length; i++) {
            pcs.add(new PresentationContextRQ(3 + 2 * i, TestArchive.CT, transferSyntaxes[i]));
        }
        try (Association as = Requestor.connect(connector, acceptor.port(), pcs,
                List.of(new RoleSelection(TestArchive.CT, false, true)), storeScp)) {
            DimseMessage rsp = as.invoke(as.context(1), CommandSet.request(Dimse.C_GET_RQ, as.nextMessageId(),
                    TestArchive.STUDY_ROOT_GET, true).setInt(CommandSet.PRIORITY, Dimse.PRIORITY_MEDIUM),
                    DataWriter.of(Identifiers.encode(Requestor.keys("STUDY", Tags.StudyInstanceUID, VR.UI, studyUid),
                            TestArchive.ELE))).last(TestArchive.T);
            if (rsp.dataSet() != null) {
                failedList = Identifiers.decode(rsp.dataSet(), TestArchive.ELE).getStrings(Tags.FailedSOPInstanceUIDList);
            }
            return rsp.command();
        }
    }

    String[] failedList;

    static Attributes decode(byte[] dataSet, String transferSyntax) throws IOException {
        AttributesBuilder b = new AttributesBuilder(new Attributes(), ReadOptions.defaults());
        new DataSetReader(new ByteArrayInputStream(dataSet), TransferSyntax.of(transferSyntax), ReadOptions.defaults())
                .read(b);
        return b.result();
    }

    @Test
    void anInstanceComesBackByteForByteInItsStoredSyntax() throws IOException {
        CommandSet rsp = get(EXPLICIT, TestArchive.ELE);
        assertEquals(Status.SUCCESS, rsp.status());
        assertEquals(1, rsp.getInt(CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS, -1));
        assertEquals(TestArchive.ELE, got.getFirst().request().transferSyntax());
        assertArrayEquals(explicitStored, got.getFirst().dataSet());
    }

    @Test
    void explicitVrIsTranscodedToImplicitWhenThatIsAllTheRequestorAccepts() throws IOException {
        CommandSet rsp = get(BIG, TestArchive.ILE);
        assertEquals(Status.SUCCESS, rsp.status());
        Got g = got.getFirst();
        assertEquals(TestArchive.ILE, g.request().transferSyntax());
        assertEquals(bigDataSet, decode(g.dataSet(), TestArchive.ILE));
    }

    @Test
    void aDeflatedInstanceIsInflatedForARequestorWithoutDeflate() throws IOException {
        CommandSet rsp = get(DEFLATED, TestArchive.ELE);
        assertEquals(Status.SUCCESS, rsp.status());
        assertEquals(TestArchive.ELE, got.getFirst().request().transferSyntax());
        assertEquals(deflatedDataSet, decode(got.getFirst().dataSet(), TestArchive.ELE));
    }

    @Test
    void aCompressedInstanceGoesAsStoredWhenItsSyntaxIsAccepted() throws IOException {
        CommandSet rsp = get(COMPRESSED, TestArchive.JPEG_BASELINE, TestArchive.ELE);
        assertEquals(Status.SUCCESS, rsp.status());
        assertEquals(TestArchive.JPEG_BASELINE, got.getFirst().request().transferSyntax());
        assertArrayEquals(compressedStored, got.getFirst().dataSet());
    }

    @Test
    void aCompressedInstanceIsAFailedSubOperationForARequestorThatOnlyTakesNativeSyntaxes() throws IOException {
        int before = archive.audit.retrieved.size();
        CommandSet rsp = get(COMPRESSED, TestArchive.ELE, TestArchive.ILE);
        assertEquals(Status.OUT_OF_RESOURCES_SUB_OPERATIONS, rsp.status(), "every sub-operation failed");
        assertEquals(1, rsp.getInt(CommandSet.NUMBER_OF_FAILED_SUBOPERATIONS, -1));
        assertEquals(0, rsp.getInt(CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS, -1));
        assertArrayEquals(new String[] {COMPRESSED + ".1.1"}, failedList);
        assertTrue(got.isEmpty());
        RetrieveOutcome outcome = archive.audit.retrieved.get(before).outcome();
        assertEquals(COMPRESSED + ".1.1", outcome.failures().getFirst().sopInstanceUid());
        assertTrue(outcome.failures().getFirst().reason().contains("compressed"), outcome.failures().getFirst()
                .reason());
    }

    @Test
    void withoutTheStorageScpRoleNothingIsSent() throws IOException {
        List<PresentationContextRQ> pcs = List.of(new PresentationContextRQ(1, TestArchive.STUDY_ROOT_GET,
                TestArchive.ELE), new PresentationContextRQ(3, TestArchive.CT, TestArchive.ELE));
        try (Association as = Requestor.connect(connector, acceptor.port(), pcs, List.of(), null)) {
            // The archive is only the SCU of CT storage: without role selection the context is refused.
            assertNull(as.context(3));
            DimseMessage rsp = as.invoke(as.context(1), CommandSet.request(Dimse.C_GET_RQ, as.nextMessageId(),
                    TestArchive.STUDY_ROOT_GET, true), DataWriter.of(Identifiers.encode(Requestor.keys("STUDY",
                    Tags.StudyInstanceUID, VR.UI, EXPLICIT), TestArchive.ELE))).last(TestArchive.T);
            assertEquals(Status.OUT_OF_RESOURCES_SUB_OPERATIONS, rsp.command().status());
        }
    }

    @Test
    void aPeerNotAllowedToRetrieveIsNotAuthorized() throws IOException {
        archive.access.retrieve = false;
        assertEquals(Status.NOT_AUTHORIZED, get(EXPLICIT, TestArchive.ELE).status());
        assertTrue(got.isEmpty());
    }

    @Test
    void aTamperedBlobFailsItsSubOperationAndSendsNothingOfIt() throws Exception {
        String study = "2.25.73009";
        archive.store(TestArchive.ct("P9", "Delta^Dora", "House^Gregory", study, study + ".1", study + ".1.1", 4096),
                TestArchive.ELE);
        archive.tamper(study + ".1.1");
        CommandSet rsp = get(study, TestArchive.ILE);
        assertEquals(1, rsp.getInt(CommandSet.NUMBER_OF_FAILED_SUBOPERATIONS, -1));
        assertTrue(got.isEmpty());
    }
}
