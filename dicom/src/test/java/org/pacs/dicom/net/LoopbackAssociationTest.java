// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.AssociationPolicy;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.service.CEchoScp;
import org.pacs.dicom.net.service.NResult;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.ServiceRegistry;
import org.pacs.dicom.net.ul.State;

/** Our SCU against our SCP on 127.0.0.1. */
class LoopbackAssociationTest {

    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String COMMITMENT = "1.2.840.10008.1.20.1";
    static final String ILE = "1.2.840.10008.1.2";
    static final String ELE = "1.2.840.10008.1.2.1";
    static final Duration T = Duration.ofSeconds(10);

    private final AtomicLong storedBytes = new AtomicLong();
    private Acceptor acceptor;
    private final Connector connector = new Connector(Limits.DEFAULTS.withMaxPduLength(16384, 16384), null);

    @AfterEach
    void stop() {
        if (acceptor != null) {
            acceptor.close();
        }
        connector.close();
    }

    private void startScp(AssociationPolicy policy, Limits limits) throws Exception {
        AcceptorSettings settings = new AcceptorSettings(List.of(TransferCapability.scp(Scu.VERIFICATION, ILE),
                TransferCapability.scp(CT, ELE, ILE), TransferCapability.scp(FIND, ELE, ILE),
                TransferCapability.scp(COMMITMENT, ILE)), TransferSyntaxPreference.ACCEPTOR, limits.maxPduLength(),
                Implementation.CLASS_UID, Implementation.VERSION_NAME, null, null, false, policy);
        ServiceRegistry services = ServiceRegistry.builder().echo(CEchoScp.SUCCESS)
                .store((as, rq, data) -> {
                    storedBytes.addAndGet(data.transferTo(java.io.OutputStream.nullOutputStream()));
                    return Status.SUCCESS;
                })
                .find((as, rq, matches) -> {
                    for (int i = 0; i < 3; i++) {
                        matches.send(rq.identifier());
                    }
                    return Status.SUCCESS;
                })
                .action((as, rq) -> new NResult(Status.SUCCESS, null, rq.sopInstanceUid()))
                .build();
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings, services, limits, null);
    }

    private Association connect(String called, PresentationContextRQ... pcs) throws Exception {
        AAssociateRQ rq = Connector.request(called, "TESTSCU", List.of(pcs), Limits.DEFAULTS);
        return connector.connect("127.0.0.1", acceptor.port(), rq, null);
    }

    @Nested
    class Services {

        @Test
        void echoSucceedsAndReleaseClosesBothSides() throws Exception {
            startScp(null, Limits.DEFAULTS);
            Association as = connect("ARCHIVE", new PresentationContextRQ(1, Scu.VERIFICATION, ILE));
            assertEquals(Status.SUCCESS, Scu.echo(as, T));
            as.release();
            assertEquals(State.STA1, as.state());
        }

        @Test
        void storeStreamsADataSetLargerThanManyPdus() throws Exception {
            startScp(null, Limits.DEFAULTS);
            Association as = connect("ARCHIVE", new PresentationContextRQ(1, CT, ELE));
            AcceptedContext pc = as.context(CT).orElseThrow();
            assertEquals(ELE, pc.transferSyntax());
            long size = 5L * 1024 * 1024 + 7;
            int status = Scu.store(as, pc, "1.2.3.4", out -> {
                byte[] chunk = new byte[8192];
                for (long left = size; left > 0; left -= chunk.length) {
                    out.write(chunk, 0, (int) Math.min(chunk.length, left));
                }
            }, T);
            assertEquals(Status.SUCCESS, status);
            assertEquals(size, storedBytes.get());
            as.release();
        }

        @Test
        void findReturnsEachPendingMatchThenSuccess() throws Exception {
            startScp(null, Limits.DEFAULTS);
            Association as = connect("ARCHIVE", new PresentationContextRQ(1, FIND, ILE));
            List<byte[]> matches = new ArrayList<>();
            byte[] identifier = {0x10, 0, 0x20, 0, 0, 0, 0, 0};
            assertEquals(Status.SUCCESS, Scu.find(as, as.context(FIND).orElseThrow(), identifier, matches::add, T));
            assertEquals(3, matches.size());
            assertArrayEquals(identifier, matches.getFirst());
            as.release();
        }

        @Test
        void storageCommitmentActionIsAnswered() throws Exception {
            startScp(null, Limits.DEFAULTS);
            Association as = connect("ARCHIVE", new PresentationContextRQ(1, COMMITMENT, ILE));
            NResult r = Scu.n(as, as.context(COMMITMENT).orElseThrow(), Dimse.N_ACTION_RQ,
                    "1.2.840.10008.1.20.1.1", 1, null, new byte[] {8, 0, 0x55, 0x11, 0, 0, 0, 0}, T);
            assertEquals(Status.SUCCESS, r.status());
            assertEquals("1.2.840.10008.1.20.1.1", r.affectedSopInstanceUid());
            as.release();
        }

        @Test
        void unsupportedServiceAnswersSopClassNotSupported() throws Exception {
            startScp(null, Limits.DEFAULTS);
            Association as = connect("ARCHIVE", new PresentationContextRQ(1, COMMITMENT, ILE));
            NResult r = Scu.n(as, as.context(COMMITMENT).orElseThrow(), Dimse.N_GET_RQ, "1.2.3", 0,
                    new int[] {0x00100010}, null, T);
            assertEquals(Status.SOP_CLASS_NOT_SUPPORTED, r.status());
            as.release();
        }
    }

    @Nested
    class Rejection {

        @Test
        void calledAeTitlePolicyRejectsWithReason7() throws Exception {
            startScp(AssociationPolicy.calledAeTitles(Set.of("ARCHIVE")), Limits.DEFAULTS);
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                    () -> connect("WRONG", new PresentationContextRQ(1, Scu.VERIFICATION, ILE)));
            assertEquals(new AAssociateRJ(1, 1, 7), e.reject());
        }

        @Test
        void associationsBeyondThePerPeerLimitAreRejectedTransient() throws Exception {
            startScp(null, Limits.DEFAULTS.withMaxAssociations(8, 1));
            Association first = connect("ARCHIVE", new PresentationContextRQ(1, Scu.VERIFICATION, ILE));
            AssociationRejectedException e = assertThrows(AssociationRejectedException.class,
                    () -> connect("ARCHIVE", new PresentationContextRQ(1, Scu.VERIFICATION, ILE)));
            assertEquals(new AAssociateRJ(2, 3, 2), e.reject());
            assertEquals(Status.SUCCESS, Scu.echo(first, T));
            first.release();
        }

        @Test
        void abortEndsTheAssociationAndFailsOutstandingWork() throws Exception {
            startScp(null, Limits.DEFAULTS);
            Association as = connect("ARCHIVE", new PresentationContextRQ(1, Scu.VERIFICATION, ILE));
            as.abort();
            assertTrue(as.awaitEnd(T));
            assertThrows(java.io.IOException.class, () -> Scu.echo(as, T));
        }
    }
}
