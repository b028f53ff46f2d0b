// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.net.pdu.AAssociateAC;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextAC;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.RoleSelection;
import org.pacs.dicom.net.pdu.SopClassExtendedNegotiation;
import org.pacs.dicom.net.pdu.UserIdentityRQ;
import org.pacs.dicom.net.pdu.UserInformation;

class AssociationNegotiationTest {

    static final String VERIFICATION = "1.2.840.10008.1.1";
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    static final String ILE = "1.2.840.10008.1.2";
    static final String ELE = "1.2.840.10008.1.2.1";
    static final String JPEG = "1.2.840.10008.1.2.4.50";
    static final PeerInfo PEER = new PeerInfo(new InetSocketAddress("127.0.0.1", 40000), List.of());

    static AcceptorSettings settings(AssociationPolicy policy, UserIdentityAuthenticator auth) {
        return new AcceptorSettings(List.of(TransferCapability.scp(VERIFICATION, ILE),
                TransferCapability.scp(CT, ELE, ILE), TransferCapability.scu(CT, ELE, ILE)),
                TransferSyntaxPreference.ACCEPTOR, 65536, "1.2.3.4", "PACS", e -> new byte[] {1}, auth, false, policy);
    }

    static AAssociateRQ rq(UserInformation ui, PresentationContextRQ... pcs) {
        return new AAssociateRQ("ARCHIVE", "MODALITY", List.of(pcs), ui);
    }

    static UserInformation ui() {
        return new UserInformation(16384, "1.2.3.5", null);
    }

    @Nested
    class PresentationContextResults {

        @Test
        void acceptsWithTheAcceptorsPreferredSyntaxAndRejectsTheRest() {
            AAssociateRQ rq = rq(ui(), new PresentationContextRQ(1, CT, ILE, ELE),
                    new PresentationContextRQ(3, MR, ILE), new PresentationContextRQ(5, CT, JPEG),
                    new PresentationContextRQ(7, VERIFICATION, ILE));
            AAssociateAC ac = (AAssociateAC) AssociationNegotiation.answer(rq, PEER,
                    settings(null, null)).response();
            assertEquals(PresentationContextAC.accept(1, ELE), ac.presentationContext(1));
            assertEquals(PresentationContextAC.ABSTRACT_SYNTAX_NOT_SUPPORTED, ac.presentationContext(3).result());
            assertEquals(PresentationContextAC.TRANSFER_SYNTAXES_NOT_SUPPORTED, ac.presentationContext(5).result());
            assertEquals(PresentationContextAC.accept(7, ILE), ac.presentationContext(7));
            assertEquals(Set.of(1, 7), PresentationContexts.accepted(rq, ac).keySet());
        }

        @Test
        void requestorPreferenceTakesTheFirstProposedSyntaxWeSupport() {
            AAssociateRQ rq = rq(ui(), new PresentationContextRQ(1, CT, ILE, ELE));
            var answer = PresentationContexts.negotiate(rq, settings(null, null).capabilities(),
                    TransferSyntaxPreference.REQUESTOR);
            assertEquals(PresentationContextAC.accept(1, ILE), answer.contexts().getFirst());
        }

        @Test
        void roleSelectionForCGetLetsTheRequestorBeStorageScp() {
            AAssociateRQ rq = rq(ui().withRoleSelections(List.of(new RoleSelection(CT, false, true))),
                    new PresentationContextRQ(1, CT, ELE));
            AAssociateAC ac = (AAssociateAC) AssociationNegotiation.answer(rq, PEER, settings(null, null)).response();
            assertEquals(List.of(new RoleSelection(CT, false, true)), ac.userInformation().roleSelections());
            AcceptedContext ctx = PresentationContexts.accepted(rq, ac).get(1);
            assertTrue(ctx.roles().requestorScp());
            assertTrue(ctx.roles().acceptorScu());
        }

        @Test
        void roleTheAcceptorCannotServeRejectsTheContext() {
            AAssociateRQ rq = rq(ui().withRoleSelections(List.of(new RoleSelection(VERIFICATION, false, true))),
                    new PresentationContextRQ(1, VERIFICATION, ILE));
            AAssociateAC ac = (AAssociateAC) AssociationNegotiation.answer(rq, PEER, settings(null, null)).response();
            assertEquals(PresentationContextAC.ABSTRACT_SYNTAX_NOT_SUPPORTED, ac.presentationContext(1).result());
        }

        @Test
        void extendedNegotiationIsAnsweredThroughTheCallback() {
            AAssociateRQ rq = rq(ui().withExtendedNegotiations(List.of(new SopClassExtendedNegotiation(CT,
                    new byte[] {1, 0, 1})), List.of()), new PresentationContextRQ(1, CT, ELE));
            AAssociateAC ac = (AAssociateAC) AssociationNegotiation.answer(rq, PEER, settings(null, null)).response();
            assertArrayEquals(new byte[] {1},
                    ac.userInformation().extendedNegotiations().getFirst().applicationInformation());
        }
    }

    @Nested
    class UserIdentityNegotiation {

        @Test
        void refusedIdentityIsRejectedPermanentByServiceUserNoReasonGiven() {
            AAssociateRQ rq = rq(ui().withUserIdentity(UserIdentityRQ.usernameAndPasscode("alice", "bad".toCharArray(),
                    false), null), new PresentationContextRQ(1, VERIFICATION, ILE));
            var outcome = AssociationNegotiation.answer(rq, PEER,
                    settings(null, (id, peer) -> new UserIdentityAuthenticator.Refused("wrong passcode")));
            assertEquals(new AAssociateRJ(1, 1, 1), outcome.response());
        }

        @Test
        void positiveResponseIsReturnedWhenRequested() {
            AAssociateRQ rq = rq(ui().withUserIdentity(new UserIdentityRQ(UserIdentityRQ.JWT, true,
                    "eyJ.x.y".getBytes(), null), null), new PresentationContextRQ(1, VERIFICATION, ILE));
            var outcome = AssociationNegotiation.answer(rq, PEER, settings(null,
                    (id, peer) -> new UserIdentityAuthenticator.Accepted(new UserIdentity(id.type(), "bob"),
                            new byte[0])));
            AAssociateAC ac = assertInstanceOf(AAssociateAC.class, outcome.response());
            assertEquals(0, ac.userInformation().userIdentityAC().serverResponse().length);
            assertEquals(new UserIdentity(UserIdentityRQ.JWT, "bob"), outcome.identity());
        }

        @Test
        void noResponseSubItemWhenNotRequested() {
            AAssociateRQ rq = rq(ui().withUserIdentity(UserIdentityRQ.username("carol", false), null),
                    new PresentationContextRQ(1, VERIFICATION, ILE));
            var outcome = AssociationNegotiation.answer(rq, PEER, settings(null,
                    (id, peer) -> UserIdentityAuthenticator.Accepted.of(id.type(), id.primaryText())));
            assertNull(((AAssociateAC) outcome.response()).userInformation().userIdentityAC());
        }
    }

    @Nested
    class Policy {

        @Test
        void unknownCalledAeTitleIsRejectedWithReason7() {
            var outcome = AssociationNegotiation.answer(rq(ui(), new PresentationContextRQ(1, VERIFICATION, ILE)),
                    PEER, settings(AssociationPolicy.calledAeTitles(Set.of("OTHER")), null));
            assertEquals(new AAssociateRJ(1, 1, 7), outcome.response());
        }

        @Test
        void unknownCallingAeTitleIsRejectedWithReason3() {
            var outcome = AssociationNegotiation.answer(rq(ui(), new PresentationContextRQ(1, VERIFICATION, ILE)),
                    PEER, settings(AssociationPolicy.calledAeTitles(Set.of("ARCHIVE"))
                            .and(AssociationPolicy.callingAeTitles(Set.of("CT1"))), null));
            assertEquals(new AAssociateRJ(1, 1, 3), outcome.response());
        }

        @Test
        void policySeesPeerAndAuthenticatedIdentity() {
            AtomicReference<AssociationRequest> seen = new AtomicReference<>();
            AAssociateRQ rq = rq(ui().withUserIdentity(UserIdentityRQ.username("dave", false), null),
                    new PresentationContextRQ(1, VERIFICATION, ILE));
            AssociationNegotiation.answer(rq, PEER, settings(req -> {
                seen.set(req);
                return AssociationPolicy.Decision.ACCEPT;
            }, (id, peer) -> UserIdentityAuthenticator.Accepted.of(id.type(), id.primaryText())));
            assertSame(PEER, seen.get().peer());
            assertEquals("dave", seen.get().userIdentity().principal());
            assertEquals("MODALITY", seen.get().callingAeTitle());
        }

        @Test
        void protocolVersionWithoutBitZeroIsRejectedByTheProvider() {
            AAssociateRQ rq = new AAssociateRQ(2, "ARCHIVE", "MODALITY", AAssociateRQ.DICOM_APPLICATION_CONTEXT,
                    List.of(new PresentationContextRQ(1, VERIFICATION, ILE)), ui());
            assertEquals(new AAssociateRJ(1, 2, 2), AssociationNegotiation.screen(rq));
        }

        @Test
        void foreignApplicationContextIsRejectedWithReason2() {
            AAssociateRQ rq = new AAssociateRQ(1, "ARCHIVE", "MODALITY", "1.2.3.4.5",
                    List.of(new PresentationContextRQ(1, VERIFICATION, ILE)), ui());
            assertEquals(new AAssociateRJ(1, 1, 2),
                    AssociationNegotiation.answer(rq, PEER, settings(null, null)).response());
        }
    }
}
