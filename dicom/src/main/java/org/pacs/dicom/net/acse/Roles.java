// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import org.pacs.dicom.net.pdu.RoleSelection;

/**
 * SCP/SCU role selection (PS3.7 §D.3.3.4) as pure functions. Without an item the requestor is SCU
 * and the acceptor SCP; with one, the acceptor returns 1 only for a role the requestor proposed
 * and it accepts, and the requestor ignores a 1 it did not propose.
 */
public final class Roles {

    private Roles() {
    }

    /** The roles the association-requestor ends up with for one SOP class. */
    public record Outcome(boolean requestorScu, boolean requestorScp) {

        public static final Outcome DEFAULT = new Outcome(true, false);

        /** No role left for the requestor: the SOP class cannot be used on this association. */
        public boolean none() {
            return !requestorScu && !requestorScp;
        }

        public boolean acceptorScu() {
            return requestorScp;
        }

        public boolean acceptorScp() {
            return requestorScu;
        }
    }

    /**
     * The acceptor's answer to a proposed item: each proposed role kept only if the acceptor takes
     * the opposite role for that SOP class.
     */
    public static RoleSelection answer(RoleSelection proposed, boolean acceptorCanBeScp, boolean acceptorCanBeScu) {
        return new RoleSelection(proposed.sopClassUid(), proposed.scu() && acceptorCanBeScp,
                proposed.scp() && acceptorCanBeScu);
    }

    /** The negotiated outcome from the proposal and the reply, either of which may be absent. */
    public static Outcome outcome(RoleSelection proposed, RoleSelection reply) {
        if (proposed == null || reply == null) {
            return Outcome.DEFAULT;
        }
        return new Outcome(proposed.scu() && reply.scu(), proposed.scp() && reply.scp());
    }
}
