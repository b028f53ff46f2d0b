// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.AAbort;
import org.pacs.dicom.net.pdu.AAssociateAC;
import org.pacs.dicom.net.pdu.Fixtures;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.service.CEchoScp;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.ServiceRegistry;
import org.pacs.dicom.net.tls.TestPki;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * Hostile peers against the acceptor: each is aborted or closed, and the acceptor keeps answering
 * C-ECHO for others.
 */
class AcceptorHostileInputTest {

    static final Duration READ = Duration.ofSeconds(5);
    static final Limits LIMITS = Limits.DEFAULTS.withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(5),
            Duration.ofMillis(500)).withMaxPduLength(16384, 16384).withMaxAssociations(4, 4);

    private Acceptor acceptor;
    private Path tmp;

    static AcceptorSettings settings() {
        return new AcceptorSettings(List.of(TransferCapability.scp(Scu.VERIFICATION, TestDicom.ILE)),
                TransferSyntaxPreference.ACCEPTOR, LIMITS.maxPduLength(), Implementation.CLASS_UID,
                Implementation.VERSION_NAME, null, null, false, null);
    }

    static ServiceRegistry services() {
        return ServiceRegistry.builder().echo(CEchoScp.SUCCESS).build();
    }

    private void start(TlsPolicy tls) throws IOException {
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings(), services(), LIMITS, tls);
    }

    @AfterEach
    void stop() throws IOException {
        if (acceptor != null) {
            acceptor.close();
        }
        if (tmp != null) {
            try (var all = Files.walk(tmp)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    static void assertStillAnswersEcho(int port, Connector connector) throws IOException {
        try (connector; Association as = connector.connect("127.0.0.1", port, Connector.request("ANY-SCP", "PROBE",
                List.of(new PresentationContextRQ(1, Scu.VERIFICATION, TestDicom.ILE)), Limits.DEFAULTS), null)) {
            assertEquals(Status.SUCCESS, Scu.echo(as, Duration.ofSeconds(5)));
        }
    }

    void assertStillAnswersEcho() throws IOException {
        awaitNoConnections();
        assertStillAnswersEcho(acceptor.port(), new Connector(Limits.DEFAULTS, null));
    }

    /** An established association from a raw peer: RQ fixture sent, AC read. */
    RawPeer associated() throws IOException {
        RawPeer peer = new RawPeer(acceptor.port(), READ);
        peer.send(Fixtures.hex("a-associate-rq-echo.hex"));
        assertInstanceOf(AAssociateAC.class, peer.read());
        return peer;
    }

    @ParameterizedTest(name = "{0} before association is aborted or closed")
    @ValueSource(strings = {"hostile-unknown-pdu-type.hex", "hostile-pdata-length-exceeds-limit.hex",
        "hostile-item-overruns-pdu.hex", "hostile-even-context-id.hex", "hostile-release-rq-long.hex",
        "hostile-unknown-item-in-rq.hex", "hostile-truncated-associate-rq.hex", "p-data-tf-c-echo-rq.hex",
        "a-release-rq.hex"})
    void hostileFirstPduIsAbortedOrClosed(String fixture) throws IOException {
        start(null);
        try (RawPeer peer = new RawPeer(acceptor.port(), READ)) {
            peer.send(Fixtures.hex(fixture));
            peer.readUntilClosed();
        }
        assertStillAnswersEcho();
    }

    @Test
    void unexpectedSecondAssociateRequestIsAbortedAsUnexpectedPdu() throws IOException {
        start(null);
        try (RawPeer peer = associated()) {
            peer.send(Fixtures.hex("a-associate-rq-echo.hex"));
            assertEquals(AAbort.byServiceProvider(AAbort.UNEXPECTED_PDU), peer.readUntilClosed());
        }
        assertStillAnswersEcho();
    }

    @Test
    void pduLargerThanNegotiatedIsAbortedAsInvalidParameter() throws IOException {
        start(null);
        try (RawPeer peer = associated()) {
            byte[] big = new byte[6 + 20000];
            big[0] = 4;
            int len = 20000;
            big[2] = (byte) (len >>> 24);
            big[3] = (byte) (len >>> 16);
            big[4] = (byte) (len >>> 8);
            big[5] = (byte) len;
            peer.send(java.util.Arrays.copyOf(big, 6));
            assertEquals(AAbort.byServiceProvider(AAbort.INVALID_PDU_PARAMETER_VALUE), peer.readUntilClosed());
        }
        assertStillAnswersEcho();
    }

    @Test
    void pdvOnAContextNeverAcceptedIsAborted() throws IOException {
        start(null);
        try (RawPeer peer = associated()) {
            byte[] echo = Fixtures.hex("p-data-tf-c-echo-rq.hex");
            echo[10] = 3; // presentation context 3 was never proposed
            peer.send(echo);
            AAbort abort = peer.readUntilClosed();
            assertNotNull(abort);
            assertEquals(AAbort.SERVICE_USER, abort.source());
        }
        assertStillAnswersEcho();
    }

    @Test
    void commandInTooManyFragmentsIsAborted() throws IOException {
        Limits few = LIMITS.withDataLimits(1024, 1 << 20, 4096, 8);
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings(), services(), few, null);
        try (RawPeer peer = associated()) {
            for (int i = 0; i < 20; i++) {
                peer.send(new byte[] {4, 0, 0, 0, 0, 7, 0, 0, 0, 3, 1, 1, 0});
            }
            assertNotNull(peer.readUntilClosed());
        }
        assertStillAnswersEcho();
    }

    @Test
    void peerThatStopsReadingIsClosedAfterTheIdleTimeout() throws Exception {
        String find = "1.2.840.10008.5.1.4.1.2.2.1";
        AcceptorSettings settings = new AcceptorSettings(List.of(TransferCapability.scp(find, TestDicom.ILE)),
                TransferSyntaxPreference.ACCEPTOR, LIMITS.maxPduLength(), Implementation.CLASS_UID,
                Implementation.VERSION_NAME, null, null, false, null);
        byte[] bigMatch = new byte[60_000];
        ServiceRegistry endlessFind = ServiceRegistry.builder().find((as, rq, matches) -> {
            for (int i = 0; i < 100_000; i++) {
                matches.send(bigMatch); // blocks once the peer's window is full
            }
            return Status.SUCCESS;
        }).build();
        Limits limits = LIMITS.withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500), Duration.ofMillis(500));
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings, endlessFind, limits, null);
        try (Connector connector = new Connector(Limits.DEFAULTS, null)) {
            Association as = connector.connect("127.0.0.1", acceptor.port(), Connector.request("ANY", "SLOWREADER",
                    List.of(new PresentationContextRQ(1, find, TestDicom.ILE)), Limits.DEFAULTS), null);
            // Ask, then never take a response: after 64 queued responses our reader stops reading too.
            as.invoke(as.context(1), org.pacs.dicom.net.dimse.CommandSet.request(
                    org.pacs.dicom.net.dimse.Dimse.C_FIND_RQ, as.nextMessageId(), find, true),
                    DataWriter.of(new byte[] {8, 0, 0x52, 0, 6, 0, 0, 0, 'S', 'T', 'U', 'D', 'Y', ' '}));
            awaitNoConnections(); // the acceptor closed the association it could not send on
            as.abort();
            assertTrue(as.awaitEnd(Duration.ofSeconds(5)), "our requestor's blocked reader was freed");
        }
    }

    @Test
    void byteAtATimePDataAfterAssociationIsCutOffByTheIdleTimeout() throws Exception {
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings(), services(),
                LIMITS.withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(500)), null);
        long start = System.nanoTime();
        try (RawPeer peer = associated()) {
            peer.send(new byte[] {4, 0, 0, 0, 0x10, 0}); // a 4096-byte P-DATA-TF announced
            try {
                for (int i = 0; i < 4096; i++) {
                    peer.send(new byte[] {0});
                    Thread.sleep(20); // every read well inside the socket timeout
                }
            } catch (IOException closedByServer) {
                // expected once the watchdog fires
            }
            peer.drain();
        }
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(10).toNanos(), "cut off, not sent to the end");
        assertStillAnswersEcho();
    }

    @Test
    void byteAtATimeSenderIsCutOffByArtim() throws Exception {
        start(null);
        byte[] rq = Fixtures.hex("a-associate-rq-echo.hex");
        long start = System.nanoTime();
        try (RawPeer peer = new RawPeer(acceptor.port(), READ)) {
            try {
                for (byte b : rq) {
                    peer.send(new byte[] {b});
                    Thread.sleep(20); // 211 bytes x 20 ms is far longer than the 500 ms ARTIM timer
                }
            } catch (IOException closedByServer) {
                // expected once ARTIM fires
            }
            assertNull(peer.readUntilClosed());
        }
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "closed by ARTIM, not by the end");
        assertStillAnswersEcho();
    }

    @Test
    void connectionFloodIsShedAndLaterAssociationsWork() throws IOException {
        start(null);
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 60; i++) {
                Socket s = new Socket();
                s.connect(new InetSocketAddress("127.0.0.1", acceptor.port()), 5000);
                flood.add(s);
            }
        } finally {
            for (Socket s : flood) {
                s.close();
            }
        }
        assertStillAnswersEcho();
    }

    /** The acceptor notices closed connections asynchronously; bounded wait for it to drain. */
    void awaitNoConnections() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (acceptor.activeConnections() > 0 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
        }
        assertEquals(0, acceptor.activeConnections(), "connections still open");
    }

    @Test
    void tlsClientThatNeverFinishesItsHandshakeIsClosed() throws Exception {
        tmp = Files.createTempDirectory("hostile-tls");
        TestPki pki = TestPki.create(tmp);
        TestPki.Entity server = pki.issue("server", "scp");
        TestPki.Entity client = pki.issue("client", "scu");
        start(TlsPolicy.bcp195NonDowngrading(pki.context(server), TlsPolicy.ClientAuth.REQUIRED));
        long start = System.nanoTime();
        try (RawPeer peer = new RawPeer(acceptor.port(), READ)) {
            peer.send(new byte[] {0x16, 0x03, 0x01}); // the start of a ClientHello, then silence
            peer.drain();
        }
        assertTrue(System.nanoTime() - start < Duration.ofSeconds(4).toNanos(), "closed by the handshake timeout");
        awaitNoConnections();
        assertStillAnswersEcho(acceptor.port(), new Connector(Limits.DEFAULTS,
                TlsPolicy.bcp195NonDowngrading(pki.context(client), TlsPolicy.ClientAuth.REQUIRED)));
    }

    @Test
    void plaintextAgainstTlsPortIsClosed() throws Exception {
        tmp = Files.createTempDirectory("hostile-tls");
        TestPki pki = TestPki.create(tmp);
        start(TlsPolicy.bcp195NonDowngrading(pki.context(pki.issue("server", "scp")), TlsPolicy.ClientAuth.REQUIRED));
        try (RawPeer peer = new RawPeer(acceptor.port(), READ)) {
            peer.send(Fixtures.hex("a-associate-rq-echo.hex"));
            peer.drain();
        }
        assertTrue(acceptor.activeConnections() <= 1);
    }
}
