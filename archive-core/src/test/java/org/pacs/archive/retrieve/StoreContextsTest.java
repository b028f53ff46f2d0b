// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pacs.archive.catalog.BlobLocation;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.acse.Roles;
import org.pacs.dicom.net.pdu.PresentationContextRQ;

/** Which presentation contexts a retrieve proposes, and which accepted one carries each instance. */
class StoreContextsTest {
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    static final String ILE = "1.2.840.10008.1.2";
    static final String ELE = "1.2.840.10008.1.2.1";
    static final String EBE = "1.2.840.10008.1.2.2";
    static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    static final String JPEG = "1.2.840.10008.1.2.4.50";
    static final Roles.Outcome REQUESTOR_SCP = new Roles.Outcome(false, true);

    static InstanceLocation instance(String sopClass, String ts) {
        return new InstanceLocation("1.2", "1.2.1", "1.2.1." + System.nanoTime(), sopClass, ts,
                new BlobLocation("0".repeat(32), "x", 1, 1, "0".repeat(64)));
    }

    @Nested
    class Proposals {

        @Test
        void eachStoredSyntaxAndANativeFallbackPerSopClass() {
            List<PresentationContextRQ> pcs = StoreContexts.proposals(List.of(instance(CT, ELE), instance(CT, JPEG),
                    instance(MR, JPEG), instance(CT, ELE)));
            assertEquals(List.of(
                    new PresentationContextRQ(1, CT, ELE),
                    new PresentationContextRQ(3, CT, JPEG),
                    new PresentationContextRQ(5, CT, ELE, ILE),
                    new PresentationContextRQ(7, MR, JPEG)), pcs);
        }

        @Test
        void neverMoreThan128Contexts() {
            List<InstanceLocation> many = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                many.add(instance("1.2.840.10008.5.1.4.1.1." + (1000 + i), ELE));
            }
            List<PresentationContextRQ> pcs = StoreContexts.proposals(many);
            assertEquals(128, pcs.size());
            assertEquals(255, pcs.getLast().id());
        }
    }

    @Nested
    class Choice {

        @Test
        void theStoredSyntaxWinsAndIsSentAsIs() {
            List<AcceptedContext> accepted = List.of(new AcceptedContext(1, CT, ILE, Roles.Outcome.DEFAULT),
                    new AcceptedContext(3, CT, ELE, Roles.Outcome.DEFAULT));
            assertEquals(Optional.of(new StoreContexts.Choice(accepted.get(1), false)), StoreContexts.choose(accepted,
                    StoreContexts.Sender.REQUESTOR, CT, ELE));
        }

        @Test
        void aNativeInstanceFallsBackToExplicitBeforeImplicitVr() {
            List<AcceptedContext> accepted = List.of(new AcceptedContext(1, CT, ILE, Roles.Outcome.DEFAULT),
                    new AcceptedContext(3, CT, ELE, Roles.Outcome.DEFAULT));
            assertEquals(Optional.of(new StoreContexts.Choice(accepted.get(1), true)), StoreContexts.choose(accepted,
                    StoreContexts.Sender.REQUESTOR, CT, DEFLATED));
            assertEquals(Optional.of(new StoreContexts.Choice(accepted.get(1), true)), StoreContexts.choose(accepted,
                    StoreContexts.Sender.REQUESTOR, CT, EBE));
        }

        @Test
        void aCompressedInstanceHasNoFallback() {
            List<AcceptedContext> accepted = List.of(new AcceptedContext(1, CT, ELE, Roles.Outcome.DEFAULT));
            assertTrue(StoreContexts.choose(accepted, StoreContexts.Sender.REQUESTOR, CT, JPEG).isEmpty());
        }

        @Test
        void anotherSopClassNeverCarriesTheInstance() {
            List<AcceptedContext> accepted = List.of(new AcceptedContext(1, MR, ELE, Roles.Outcome.DEFAULT));
            assertTrue(StoreContexts.choose(accepted, StoreContexts.Sender.REQUESTOR, CT, ELE).isEmpty());
        }

        @Test
        void theSenderMustHoldTheStorageScuRoleOnTheContext() {
            List<AcceptedContext> byDefault = List.of(new AcceptedContext(1, CT, ELE, Roles.Outcome.DEFAULT));
            assertTrue(StoreContexts.choose(byDefault, StoreContexts.Sender.ACCEPTOR, CT, ELE).isEmpty(),
                    "C-GET without role selection: the acceptor is the Storage SCP, it cannot send");
            List<AcceptedContext> reversed = List.of(new AcceptedContext(1, CT, ELE, REQUESTOR_SCP));
            assertTrue(StoreContexts.choose(reversed, StoreContexts.Sender.ACCEPTOR, CT, ELE).isPresent());
            assertTrue(StoreContexts.choose(reversed, StoreContexts.Sender.REQUESTOR, CT, ELE).isEmpty());
        }
    }
}
