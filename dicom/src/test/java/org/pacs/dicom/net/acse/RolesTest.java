// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.dicom.net.pdu.RoleSelection;

/**
 * SCP/SCU role negotiation outcomes (PS3.7 §D.3.3.4, Table D.3.3.4-1): the requestor proposes
 * SCU/SCP role values, the acceptor returns the same value to accept or 0 to turn it down, a 1
 * returned for a role not proposed is ignored, and no item means requestor SCU, acceptor SCP.
 */
class RolesTest {

    private static final String SOP = "1.2.840.10008.5.1.4.1.1.2";

    @ParameterizedTest(name = "proposed SCU={0} SCP={1}, returned SCU={2} SCP={3} → requestor SCU={4} SCP={5}")
    @CsvSource({
        // proposed  returned   requestor is
        "1, 0,      1, 0,      true,  false",
        "1, 0,      0, 0,      false, false",
        "0, 1,      0, 1,      false, true",
        "0, 1,      0, 0,      false, false",
        "1, 1,      1, 1,      true,  true",
        "1, 1,      1, 0,      true,  false",
        "1, 1,      0, 1,      false, true",
        "1, 1,      0, 0,      false, false",
        // A 1 returned for a role that was not proposed is ignored by the requestor.
        "1, 0,      1, 1,      true,  false",
        "0, 1,      1, 1,      false, true"})
    void negotiatedRoles(int pScu, int pScp, int rScu, int rScp, boolean scu, boolean scp) {
        Roles.Outcome o = Roles.outcome(new RoleSelection(SOP, pScu == 1, pScp == 1),
                new RoleSelection(SOP, rScu == 1, rScp == 1));
        assertEquals(new Roles.Outcome(scu, scp), o);
    }

    @Test
    void withoutAnItemTheRequestorIsScuAndTheAcceptorScp() {
        assertEquals(Roles.Outcome.DEFAULT, Roles.outcome(null, null));
        assertEquals(Roles.Outcome.DEFAULT, Roles.outcome(new RoleSelection(SOP, false, true), null));
    }

    @ParameterizedTest(name = "proposed SCU={0} SCP={1}, acceptor can be SCP={2} SCU={3} → returns SCU={4} SCP={5}")
    @CsvSource({
        "true,  true,  true,  true,  true,  true",
        "true,  true,  true,  false, true,  false",
        "false, true,  true,  true,  false, true",
        "false, true,  true,  false, false, false",
        "true,  false, false, true,  false, false"})
    void acceptorReturnsOnlyProposedRolesItCanServe(boolean pScu, boolean pScp, boolean canScp, boolean canScu,
            boolean rScu, boolean rScp) {
        assertEquals(new RoleSelection(SOP, rScu, rScp), Roles.answer(new RoleSelection(SOP, pScu, pScp), canScp,
                canScu));
    }
}
