// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.net.pdu.AAbort;
import org.pacs.dicom.net.pdu.AAssociateAC;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.AReleaseRP;
import org.pacs.dicom.net.pdu.AReleaseRQ;
import org.pacs.dicom.net.pdu.PDataTF;
import org.pacs.dicom.net.pdu.Pdu;
import org.pacs.dicom.net.pdu.PduLimits;
import org.pacs.dicom.net.pdu.PduReader;
import org.pacs.dicom.net.pdu.PduWriter;
import org.pacs.dicom.net.pdu.PresentationContextAC;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.PresentationDataValue;
import org.pacs.dicom.net.pdu.UserInformation;

class UpperLayerTest {

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final FakePort port = new FakePort();

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    static AAssociateRQ rq() {
        return new AAssociateRQ("SCP", "SCU", List.of(new PresentationContextRQ(1, "1.2.840.10008.1.1",
                "1.2.840.10008.1.2")), new UserInformation(16384, "1.2.3", "TEST"));
    }

    static AAssociateAC ac() {
        return new AAssociateAC(1, "SCP", "SCU", AAssociateRQ.DICOM_APPLICATION_CONTEXT,
                List.of(PresentationContextAC.accept(1, "1.2.840.10008.1.2")), new UserInformation(16384, "1.2.3",
                        "TEST"));
    }

    static PDataTF pdata() {
        return new PDataTF(new PresentationDataValue(1, true, true, new byte[] {1, 2}));
    }

    static final class FakePort implements UpperLayer.Port {
        final List<Pdu> sent = new CopyOnWriteArrayList<>();
        final List<Indication> indications = new CopyOnWriteArrayList<>();
        volatile int closes;
        volatile AAssociateRJ screenResult;

        @Override
        public void send(Pdu pdu) {
            sent.add(pdu);
        }

        @Override
        public void close() {
            closes++;
        }

        @Override
        public AAssociateRJ screen(AAssociateRQ request) {
            return screenResult;
        }

        @Override
        public void indicate(Indication indication) {
            indications.add(indication);
        }
    }

    private UpperLayer acceptorIn(State target) throws IOException {
        UpperLayer ul = new UpperLayer(false, port, scheduler, Duration.ofSeconds(5));
        ul.handle(Event.EVT5, null);
        if (target == State.STA2) {
            return ul;
        }
        ul.handle(Event.EVT6, rq());
        if (target == State.STA3) {
            return ul;
        }
        ul.handle(Event.EVT7, ac());
        if (target == State.STA6) {
            return ul;
        }
        throw new IllegalArgumentException(target.toString());
    }

    @Nested
    class Establishment {

        @Test
        @DisplayName("Sta2 + Evt6 → AE-6 → Sta3, then Evt7 → AE-7 → Sta6")
        void acceptorIndicatesRequestAndSendsAccept() throws IOException {
            UpperLayer ul = acceptorIn(State.STA3);
            assertEquals(State.STA3, ul.state());
            assertInstanceOf(Indication.AssociateRequested.class, port.indications.getFirst());
            ul.handle(Event.EVT7, ac());
            assertEquals(State.STA6, ul.state());
            assertEquals(List.of(ac()), port.sent);
        }

        @Test
        @DisplayName("Sta2 + Evt6 → AE-6 (not acceptable) → A-ASSOCIATE-RJ, Sta13")
        void providerRejectsWithoutIndication() throws IOException {
            port.screenResult = new AAssociateRJ(1, 2, 2);
            UpperLayer ul = acceptorIn(State.STA3);
            assertEquals(State.STA13, ul.state());
            assertEquals(List.of(new AAssociateRJ(1, 2, 2)), port.sent);
            assertTrue(port.indications.isEmpty());
        }

        @Test
        @DisplayName("Sta1 + Evt1 → AE-1 → Sta4 + Evt2 → AE-2 → Sta5 + Evt3 → AE-3 → Sta6")
        void requestorSendsRequestAndConfirmsAccept() throws IOException {
            UpperLayer ul = new UpperLayer(true, port, scheduler, Duration.ofSeconds(5));
            ul.handle(Event.EVT1, null);
            ul.handle(Event.EVT2, rq());
            assertEquals(State.STA5, ul.state());
            ul.handle(Event.EVT3, ac());
            assertEquals(State.STA6, ul.state());
            assertEquals(List.of(rq()), port.sent);
            assertInstanceOf(Indication.AssociateAccepted.class, port.indications.getFirst());
        }

        @Test
        @DisplayName("Sta2 + Evt18 → AA-2 → Sta1: ARTIM expiry closes a silent connection")
        void artimClosesAConnectionThatNeverSendsARequest() throws Exception {
            UpperLayer ul = new UpperLayer(false, port, scheduler, Duration.ofMillis(50));
            ul.handle(Event.EVT5, null);
            assertEquals(State.STA1, ul.await(s -> s == State.STA1, Duration.ofSeconds(5)));
            assertEquals(1, port.closes);
        }
    }

    @Nested
    class ProtocolErrors {

        @Test
        @DisplayName("Sta6 + Evt6 → AA-8: unexpected A-ASSOCIATE-RQ aborts with reason unexpected-PDU")
        void unexpectedPduAbortsWithProviderSource() throws IOException {
            UpperLayer ul = acceptorIn(State.STA6);
            ul.handle(Event.EVT6, rq());
            assertEquals(State.STA13, ul.state());
            assertEquals(AAbort.byServiceProvider(AAbort.UNEXPECTED_PDU), port.sent.getLast());
            Indication.Aborted aborted = assertInstanceOf(Indication.Aborted.class, port.indications.getLast());
            assertTrue(aborted.byProvider());
        }

        @Test
        @DisplayName("Sta2 + Evt10 → AA-1: P-DATA before association")
        void dataBeforeAssociationIsAborted() throws IOException {
            UpperLayer ul = acceptorIn(State.STA2);
            ul.handle(Event.EVT10, pdata());
            assertEquals(State.STA13, ul.state());
            assertEquals(AAbort.byServiceProvider(AAbort.UNEXPECTED_PDU), port.sent.getLast());
        }

        @Test
        void localRequestInTheWrongStateThrows() {
            UpperLayer ul = new UpperLayer(false, port, scheduler, Duration.ofSeconds(5));
            assertThrows(IllegalStateException.class, () -> ul.handle(Event.EVT9, pdata()));
        }

        @Test
        void readLoopTurnsAnInvalidPduIntoAnAbortAndStops() throws Exception {
            UpperLayer ul = acceptorIn(State.STA6);
            byte[] garbage = {9, 0, 0, 0, 0, 4, 0, 0, 0, 0};
            ByteArrayInputStream in = new ByteArrayInputStream(garbage);
            ul.readLoop(new PduReader(in, PduLimits.DEFAULT), in);
            assertEquals(AAbort.byServiceProvider(AAbort.UNRECOGNIZED_PDU), port.sent.getLast());
            assertEquals(State.STA1, ul.state());
        }
    }

    @Nested
    class Release {

        @Test
        @DisplayName("Sta6 + Evt12 → AR-2 → Sta8 + Evt14 → AR-4 → Sta13 + Evt17 → AR-5 → Sta1")
        void acceptorAnswersRelease() throws IOException {
            UpperLayer ul = acceptorIn(State.STA6);
            ul.handle(Event.EVT12, new AReleaseRQ());
            assertEquals(State.STA8, ul.state());
            ul.handle(Event.EVT14, null);
            assertEquals(new AReleaseRP(), port.sent.getLast());
            ul.handle(Event.EVT17, null);
            assertEquals(State.STA1, ul.state());
        }

        @Test
        @DisplayName("Release collision, requestor: Sta7 + Evt12 → AR-8 → Sta9 + Evt14 → AR-9 → Sta11 + Evt13 → AR-3")
        void requestorResolvesReleaseCollision() throws IOException {
            UpperLayer ul = new UpperLayer(true, port, scheduler, Duration.ofSeconds(5));
            ul.handle(Event.EVT1, null);
            ul.handle(Event.EVT2, rq());
            ul.handle(Event.EVT3, ac());
            ul.handle(Event.EVT11, null);
            ul.handle(Event.EVT12, new AReleaseRQ());
            assertEquals(State.STA9, ul.state());
            ul.handle(Event.EVT14, null);
            assertEquals(State.STA11, ul.state());
            ul.handle(Event.EVT13, new AReleaseRP());
            assertEquals(State.STA1, ul.state());
            assertInstanceOf(Indication.ReleaseConfirmed.class, port.indications.getLast());
        }

        @Test
        void readLoopDeliversPduEventsInOrder() throws Exception {
            UpperLayer ul = acceptorIn(State.STA6);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            PduWriter w = new PduWriter(bytes);
            w.write(pdata());
            w.write(new AReleaseRQ());
            ByteArrayInputStream in = new ByteArrayInputStream(bytes.toByteArray());
            ul.readLoop(new PduReader(in, PduLimits.DEFAULT), in);
            List<Indication> got = port.indications;
            assertInstanceOf(Indication.PData.class, got.get(1));
            assertInstanceOf(Indication.ReleaseRequested.class, got.get(2));
            // The stream ended in Sta8: A-P-ABORT indication (AA-4).
            assertInstanceOf(Indication.Aborted.class, got.get(3));
        }
    }
}
