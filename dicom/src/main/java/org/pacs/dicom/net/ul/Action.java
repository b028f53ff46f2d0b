// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.ul;

import org.pacs.dicom.net.pdu.AAbort;
import org.pacs.dicom.net.pdu.AAssociateAC;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.AReleaseRP;
import org.pacs.dicom.net.pdu.AReleaseRQ;
import org.pacs.dicom.net.pdu.PDataTF;
import org.pacs.dicom.net.pdu.PduException;

/**
 * Actions of the upper layer protocol machine (PS3.8 §9.2.2, Tables 9-6 to 9-9). Each performs its
 * side effects through an {@link UpperLayerContext} and returns the next state; AE-6 and AR-8
 * branch. The payload is what came with the event: the PDU received, the PDU the local user asks
 * to send, or the {@link PduException} of Evt19.
 */
public enum Action {
    AE_1("Issue TRANSPORT CONNECT request primitive to local transport service") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.connect();
            return State.STA4;
        }
    },
    AE_2("Send A-ASSOCIATE-RQ-PDU") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.send((AAssociateRQ) payload);
            return State.STA5;
        }
    },
    AE_3("Issue A-ASSOCIATE confirmation (accept) primitive") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.indicate(new Indication.AssociateAccepted((AAssociateAC) payload));
            return State.STA6;
        }
    },
    AE_4("Issue A-ASSOCIATE confirmation (reject) primitive and close transport connection") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.indicate(new Indication.AssociateRejected((AAssociateRJ) payload));
            ctx.close();
            return State.STA1;
        }
    },
    AE_5("Issue Transport connection response primitive; start ARTIM timer") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.startArtim();
            return State.STA2;
        }
    },
    AE_6("Stop ARTIM timer and if A-ASSOCIATE-RQ acceptable by service-provider: issue A-ASSOCIATE indication"
            + " primitive (Sta3); otherwise issue A-ASSOCIATE-RJ-PDU and start ARTIM timer (Sta13)") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.stopArtim();
            AAssociateRQ rq = (AAssociateRQ) payload;
            AAssociateRJ rj = ctx.screen(rq);
            if (rj == null) {
                ctx.indicate(new Indication.AssociateRequested(rq));
                return State.STA3;
            }
            ctx.send(rj);
            ctx.startArtim();
            return State.STA13;
        }
    },
    AE_7("Send A-ASSOCIATE-AC PDU") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.send((AAssociateAC) payload);
            return State.STA6;
        }
    },
    AE_8("Send A-ASSOCIATE-RJ PDU and start ARTIM timer") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.send((AAssociateRJ) payload);
            ctx.startArtim();
            return State.STA13;
        }
    },
    DT_1("Send P-DATA-TF PDU") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.send((PDataTF) payload);
            return State.STA6;
        }
    },
    DT_2("Send P-DATA indication primitive") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.indicate(new Indication.PData((PDataTF) payload));
            return State.STA6;
        }
    },
    AR_1("Send A-RELEASE-RQ PDU") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.send(new AReleaseRQ());
            return State.STA7;
        }
    },
    AR_2("Issue A-RELEASE indication primitive") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.indicate(new Indication.ReleaseRequested(false));
            return State.STA8;
        }
    },
    AR_3("Issue A-RELEASE confirmation primitive, and close transport connection") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.indicate(new Indication.ReleaseConfirmed());
            ctx.close();
            return State.STA1;
        }
    },
    AR_4("Issue A-RELEASE-RP PDU and start ARTIM timer") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.send(new AReleaseRP());
            ctx.startArtim();
            return State.STA13;
        }
    },
    AR_5("Stop ARTIM timer") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.stopArtim();
            return State.STA1;
        }
    },
    AR_6("Issue P-DATA indication") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.indicate(new Indication.PData((PDataTF) payload));
            return State.STA7;
        }
    },
    AR_7("Issue P-DATA-TF PDU") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.send((PDataTF) payload);
            return State.STA8;
        }
    },
    AR_8("Issue A-RELEASE indication (release collision): if association-requestor, next state is Sta9;"
            + " if not, next state is Sta10") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.indicate(new Indication.ReleaseRequested(true));
            return ctx.isRequestor() ? State.STA9 : State.STA10;
        }
    },
    AR_9("Send A-RELEASE-RP PDU") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.send(new AReleaseRP());
            return State.STA11;
        }
    },
    AR_10("Issue A-RELEASE confirmation primitive") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.indicate(new Indication.ReleaseConfirmed());
            return State.STA12;
        }
    },
    AA_1("Send A-ABORT PDU (service-user source) and start (or restart if already started) ARTIM timer") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            // On the local user's request (Evt15) the abort is the user's; in Sta2 AA-1 also answers a
            // PDU that should not arrive, which is the provider's finding, so its reason is sent.
            ctx.send(payload instanceof AAbort a ? a : AAbort.byServiceProvider(reasonFor(payload)));
            ctx.startArtim();
            return State.STA13;
        }
    },
    AA_2("Stop ARTIM timer if running. Close transport connection") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.stopArtim();
            ctx.close();
            return State.STA1;
        }
    },
    AA_3("If (service-user initiated abort): issue A-ABORT indication and close transport connection;"
            + " otherwise (service-provider initiated abort): issue A-P-ABORT indication and close transport"
            + " connection") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            AAbort abort = (AAbort) payload;
            ctx.indicate(new Indication.Aborted(abort, "peer sent " + abort));
            ctx.close();
            return State.STA1;
        }
    },
    AA_4("Issue A-P-ABORT indication primitive") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.indicate(new Indication.Aborted(AAbort.byServiceProvider(AAbort.REASON_NOT_SPECIFIED),
                    payload instanceof String why ? why : "transport connection closed"));
            return State.STA1;
        }
    },
    AA_5("Stop ARTIM timer") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.stopArtim();
            return State.STA1;
        }
    },
    AA_6("Ignore PDU") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            return State.STA13;
        }
    },
    AA_7("Send A-ABORT PDU") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            ctx.send(AAbort.byServiceProvider(reasonFor(payload)));
            return State.STA13;
        }
    },
    AA_8("Send A-ABORT PDU (service-provider source), issue an A-P-ABORT indication, and start ARTIM timer") {
        @Override
        State perform(UpperLayerContext ctx, Object payload) {
            AAbort abort = AAbort.byServiceProvider(reasonFor(payload));
            ctx.send(abort);
            ctx.indicate(new Indication.Aborted(abort, describe(payload)));
            ctx.startArtim();
            return State.STA13;
        }
    };

    private final String definition;

    Action(String definition) {
        this.definition = definition;
    }

    public String definition() {
        return definition;
    }

    /** Performs the action's side effects and returns the next state. */
    abstract State perform(UpperLayerContext ctx, Object payload);

    /** The A-ABORT reason for a provider-initiated abort (PS3.8 Table 9-26). */
    static int reasonFor(Object payload) {
        if (payload instanceof PduException e) {
            return e.abortReason();
        }
        if (payload instanceof org.pacs.dicom.net.pdu.Pdu) {
            return AAbort.UNEXPECTED_PDU;
        }
        return AAbort.REASON_NOT_SPECIFIED;
    }

    static String describe(Object payload) {
        if (payload instanceof PduException e) {
            return "invalid PDU: " + e.getMessage();
        }
        if (payload instanceof org.pacs.dicom.net.pdu.Pdu pdu) {
            return "unexpected " + pdu.getClass().getSimpleName() + " PDU";
        }
        return "protocol error";
    }

    /** Parses the standard's spelling, e.g. {@code "AE-6"}. */
    public static Action of(String name) {
        return valueOf(name.replace('-', '_').toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return name().replace('_', '-');
    }
}
