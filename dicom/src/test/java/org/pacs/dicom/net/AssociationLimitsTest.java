// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.service.CEchoScp;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.ServiceRegistry;
import org.pacs.dicom.net.ul.State;

/** The configurable limits hold: idle time, data set sizes, buffered identifiers. */
class AssociationLimitsTest {

    static final String FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    private Acceptor acceptor;
    private final Connector connector = new Connector(Limits.DEFAULTS, null);

    @AfterEach
    void stop() {
        if (acceptor != null) {
            acceptor.close();
        }
        connector.close();
    }

    private void start(Limits limits) throws IOException {
        AcceptorSettings settings = new AcceptorSettings(List.of(TransferCapability.scp(Scu.VERIFICATION,
                TestDicom.ILE), TransferCapability.scp(TestDicom.CT_IMAGE_STORAGE, TestDicom.ELE),
                TransferCapability.scp(FIND, TestDicom.ILE)), TransferSyntaxPreference.ACCEPTOR, limits.maxPduLength(),
                Implementation.CLASS_UID, Implementation.VERSION_NAME, null, null, false, null);
        ServiceRegistry services = ServiceRegistry.builder().echo(CEchoScp.SUCCESS)
                .store((as, rq, data) -> {
                    data.transferTo(java.io.OutputStream.nullOutputStream());
                    return Status.SUCCESS;
                })
                .find((as, rq, matches) -> Status.SUCCESS).build();
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings, services, limits, null);
    }

    private Association connect(String sopClass, String ts) throws IOException {
        return connector.connect("127.0.0.1", acceptor.port(), Connector.request("ANY", "LIMITS",
                List.of(new PresentationContextRQ(1, sopClass, ts)), Limits.DEFAULTS), null);
    }

    @Test
    void idleAssociationIsAbortedAfterTheIdleTimeout() throws IOException {
        start(Limits.DEFAULTS.withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofSeconds(2)));
        Association as = connect(Scu.VERIFICATION, TestDicom.ILE);
        assertEquals(Status.SUCCESS, Scu.echo(as, Duration.ofSeconds(5)));
        assertTrue(as.awaitEnd(Duration.ofSeconds(5)), "aborted by the acceptor's idle timeout");
        assertEquals(State.STA1, as.state());
    }

    @Test
    void dataSetLongerThanTheLimitAbortsTheAssociation() throws IOException {
        start(Limits.DEFAULTS.withDataLimits(64 * 1024, 8 * 1024, 16 * 1024, 4096));
        Association as = connect(TestDicom.CT_IMAGE_STORAGE, TestDicom.ELE);
        var pc = as.context(TestDicom.CT_IMAGE_STORAGE).orElseThrow();
        assertThrows(IOException.class, () -> Scu.store(as, pc, "1.2.3", DataWriter.of(new byte[64 * 1024]),
                Duration.ofSeconds(5)));
        assertTrue(as.awaitEnd(Duration.ofSeconds(5)));
        try (Association next = connect(Scu.VERIFICATION, TestDicom.ILE)) {
            assertEquals(Status.SUCCESS, Scu.echo(next, Duration.ofSeconds(5)));
        }
    }

    @Test
    void identifierLongerThanTheBufferLimitAbortsTheAssociation() throws IOException {
        start(Limits.DEFAULTS.withDataLimits(64 * 1024, 1 << 30, 2048, 4096));
        Association as = connect(FIND, TestDicom.ILE);
        var pc = as.context(FIND).orElseThrow();
        assertThrows(IOException.class, () -> Scu.find(as, pc, new byte[10_000], m -> { }, Duration.ofSeconds(5)));
        assertTrue(as.awaitEnd(Duration.ofSeconds(5)));
    }

    @Test
    void smallNegotiatedPduFragmentsTheDataSet() throws IOException {
        start(Limits.DEFAULTS.withMaxPduLength(512, 512));
        Association as = connect(TestDicom.CT_IMAGE_STORAGE, TestDicom.ELE);
        assertEquals(512, as.accept().userInformation().maxPduLength());
        var pc = as.context(TestDicom.CT_IMAGE_STORAGE).orElseThrow();
        assertEquals(Status.SUCCESS, Scu.store(as, pc, "1.2.3", DataWriter.of(new byte[100_000]),
                Duration.ofSeconds(5)));
        as.release();
    }
}
