// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.net.Acceptor;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.dimse.CommandSet;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * C-MOVE to a DICOM-TLS destination: the sub-association goes only to the certificate bound to the
 * destination's AE title; another valid certificate from the same CA gets nothing.
 */
class ArchiveMoveScpTlsTest {
    static final String STUDY = "2.25.74001";

    @TempDir
    static Path dir;
    static TestArchive archive;
    static TestCertificates pki;
    static TestCertificates.Entity destinationCert;
    static Connector tlsConnector;
    static Connector plain;
    static Acceptor acceptor;
    static StoreReceiver destination;
    static byte[] stored;

    @BeforeAll
    static void start() throws Exception {
        archive = new TestArchive(dir);
        stored = archive.store(TestArchive.ct("P1", "Alpha^Anna", "Welby^Marcus", STUDY, STUDY + ".1", STUDY + ".1.1",
                4096), TestArchive.ELE);
        pki = new TestCertificates();
        TestCertificates.Entity archiveCert = pki.issue(TestArchive.AE);
        destinationCert = pki.issue("DEST");
        tlsConnector = new Connector(TestArchive.LIMITS, TlsPolicy.bcp195NonDowngrading(pki.context(archiveCert),
                TlsPolicy.ClientAuth.NONE));
        destination = new StoreReceiver(TlsPolicy.bcp195NonDowngrading(pki.context(destinationCert),
                TlsPolicy.ClientAuth.REQUIRED), TestArchive.ELE);
        plain = new Connector(TestArchive.LIMITS, null);
        acceptor = archive.start(tlsConnector);
    }

    @AfterAll
    static void stop() throws Exception {
        destination.close();
        archive.close();
        tlsConnector.close();
        plain.close();
    }

    static CommandSet moveTo(String destinationAe) throws Exception {
        try (Association as = Requestor.connect(plain, acceptor.port(), TestArchive.STUDY_ROOT_MOVE,
                TestArchive.ELE)) {
            return Scu.move(as, as.context(1), destinationAe, Identifiers.encode(Requestor.keys("STUDY",
                    Tags.StudyInstanceUID, VR.UI, STUDY), TestArchive.ELE), TestArchive.T);
        }
    }

    @Test
    void aDestinationPresentingItsBoundCertificateReceivesTheStudy() throws Exception {
        archive.access.destinations.put("DEST", new PeerAccess.Destination("DEST", "127.0.0.1", destination.port(),
                chain -> !chain.isEmpty() && chain.getFirst().equals(destinationCert.certificate())));
        int before = destination.received.size();
        CommandSet rsp = moveTo("DEST");
        assertEquals(Status.SUCCESS, rsp.status());
        assertEquals(before + 1, destination.received.size());
        assertArrayEquals(stored, destination.received.getLast().dataSet());
    }

    @Test
    void aDestinationWhoseCertificateIsNotTheBoundOneGetsNothingAndEverySubOperationFails() throws Exception {
        TestCertificates.Entity bound = pki.issue("DEST");
        archive.access.destinations.put("DEST", new PeerAccess.Destination("DEST", "127.0.0.1", destination.port(),
                chain -> !chain.isEmpty() && chain.getFirst().equals(bound.certificate())));
        int before = destination.received.size();
        int denied = archive.audit.denied.size();
        CommandSet rsp = moveTo("DEST");
        assertEquals(Status.OUT_OF_RESOURCES_SUB_OPERATIONS, rsp.status());
        assertEquals(1, rsp.getInt(CommandSet.NUMBER_OF_FAILED_SUBOPERATIONS, -1));
        assertEquals(0, rsp.getInt(CommandSet.NUMBER_OF_COMPLETED_SUBOPERATIONS, -1));
        assertEquals(before, destination.received.size(), "nothing was sent");
        assertTrue(archive.audit.denied.get(denied).reason().contains("not the one bound"));
    }
}
