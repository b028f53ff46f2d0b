// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import java.util.ArrayList;
import java.util.List;
import org.pacs.dicom.net.pdu.AAssociateAC;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.Pdu;
import org.pacs.dicom.net.pdu.SopClassExtendedNegotiation;
import org.pacs.dicom.net.pdu.UserIdentityAC;
import org.pacs.dicom.net.pdu.UserIdentityRQ;
import org.pacs.dicom.net.pdu.UserInformation;

/**
 * The acceptor's answer to an A-ASSOCIATE-RQ (PS3.8 §7.1, PS3.7 Annex D.3.3): provider checks,
 * user identity, the association policy, then presentation contexts, roles and extended
 * negotiation. Pure apart from calling the authenticator and the policy.
 */
public final class AssociationNegotiation {

    private AssociationNegotiation() {
    }

    /** The answer: either {@code accept} (with the identity it established) or {@code reject}. */
    public record Outcome(Pdu response, UserIdentity identity, String why) {

        public boolean accepted() {
            return response instanceof AAssociateAC;
        }
    }

    /**
     * The service provider's own checks (AE-6): protocol version 1 (bit 0) and the DICOM
     * application context. Null when acceptable.
     */
    public static AAssociateRJ screen(AAssociateRQ rq) {
        if ((rq.protocolVersion() & 1) == 0) {
            return new AAssociateRJ(AAssociateRJ.REJECTED_PERMANENT, AAssociateRJ.SOURCE_SERVICE_PROVIDER_ACSE,
                    AAssociateRJ.ACSE_PROTOCOL_VERSION_NOT_SUPPORTED);
        }
        return null;
    }

    public static Outcome answer(AAssociateRQ rq, PeerInfo peer, AcceptorSettings settings) {
        if (!AAssociateRQ.DICOM_APPLICATION_CONTEXT.equals(rq.applicationContext())) {
            return reject(AAssociateRJ.USER_APPLICATION_CONTEXT_NAME_NOT_SUPPORTED, "application context "
                    + rq.applicationContext() + " not supported");
        }
        UserIdentityRQ idRq = rq.userInformation().userIdentityRQ();
        UserIdentity identity = null;
        UserIdentityAC idAc = null;
        if (idRq == null && settings.identityRequired()) {
            return reject(AAssociateRJ.USER_NO_REASON_GIVEN, "no user identity sent");
        }
        if (idRq != null && settings.authenticator() != null) {
            UserIdentityAuthenticator.Result result = settings.authenticator().authenticate(idRq, peer);
            if (result instanceof UserIdentityAuthenticator.Refused refused) {
                // PS3.7 §D.3.3.7.3: an unacceptable identity is rejected as rejected-permanent by the
                // service user, no-reason-given; the cause is logged locally only.
                return reject(AAssociateRJ.USER_NO_REASON_GIVEN, "user identity refused: " + refused.why());
            }
            UserIdentityAuthenticator.Accepted accepted = (UserIdentityAuthenticator.Accepted) result;
            identity = accepted.identity();
            if (idRq.positiveResponseRequested()) {
                idAc = new UserIdentityAC(accepted.serverResponse());
            }
        }
        AssociationPolicy.Decision decision = settings.policy().decide(new AssociationRequest(rq, peer, identity));
        if (decision instanceof AssociationPolicy.Reject r) {
            return new Outcome(r.reject(), identity, "rejected by association policy");
        }
        PresentationContexts.Answer contexts = PresentationContexts.negotiate(rq, settings.capabilities(),
                settings.preference());
        List<SopClassExtendedNegotiation> extended = new ArrayList<>();
        for (SopClassExtendedNegotiation e : rq.userInformation().extendedNegotiations()) {
            byte[] info = settings.extendedNegotiation().apply(e);
            if (info != null) {
                extended.add(new SopClassExtendedNegotiation(e.sopClassUid(), info));
            }
        }
        UserInformation ui = new UserInformation(settings.maxPduLength(), settings.implementationClassUid(),
                settings.implementationVersionName()).withRoleSelections(contexts.roleSelections())
                .withExtendedNegotiations(extended, List.of()).withUserIdentity(null, idAc);
        if (rq.userInformation().asyncOperationsWindow() != null) {
            // One operation at a time each way (PS3.7 §D.3.3.3): the default made explicit.
            ui = ui.withAsyncOperationsWindow(new org.pacs.dicom.net.pdu.AsyncOperationsWindow(1, 1));
        }
        AAssociateAC ac = new AAssociateAC(1, rq.calledAeTitle(), rq.callingAeTitle(), rq.applicationContext(),
                contexts.contexts(), ui);
        return new Outcome(ac, identity, null);
    }

    private static Outcome reject(int userReason, String why) {
        return new Outcome(new AAssociateRJ(AAssociateRJ.REJECTED_PERMANENT, AAssociateRJ.SOURCE_SERVICE_USER,
                userReason), null, why);
    }
}
