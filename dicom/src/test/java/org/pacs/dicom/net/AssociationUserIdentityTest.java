// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.acse.UserIdentityAuthenticator;
import org.pacs.dicom.net.acse.VerifiedUserIdentity;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.UserIdentityRQ;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.ServiceRegistry;

/** The acceptor keeps the user identity its authenticator accepted on the association, for every request. */
class AssociationUserIdentityTest {

    static final String ILE = "1.2.840.10008.1.2";
    static final Duration T = Duration.ofSeconds(10);
    static final UserIdentityAuthenticator ALICE_ONLY = (id, peer) ->
            id.type() == UserIdentityRQ.USERNAME_AND_PASSCODE && id.primaryText().equals("alice")
                    && new String(id.secondaryField(), StandardCharsets.UTF_8).equals("s3cret")
                    ? UserIdentityAuthenticator.Accepted.of(id.type(), "alice")
                    : new UserIdentityAuthenticator.Refused("unknown user or wrong passcode");

    private final List<Optional<VerifiedUserIdentity>> seen = new CopyOnWriteArrayList<>();
    private final Connector connector = new Connector(Limits.DEFAULTS, null);
    private Acceptor acceptor;

    @AfterEach
    void stop() {
        if (acceptor != null) {
            acceptor.close();
        }
        connector.close();
    }

    private void startScp(UserIdentityAuthenticator authenticator) throws Exception {
        AcceptorSettings settings = new AcceptorSettings(List.of(TransferCapability.scp(Scu.VERIFICATION, ILE)),
                TransferSyntaxPreference.ACCEPTOR, Limits.DEFAULTS.maxPduLength(), Implementation.CLASS_UID,
                Implementation.VERSION_NAME, null, authenticator, false, null);
        ServiceRegistry services = ServiceRegistry.builder().echo(as -> {
            seen.add(as.verifiedUserIdentity());
            return Status.SUCCESS;
        }).build();
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings, services, Limits.DEFAULTS, null);
    }

    private Association connect(UserIdentityRQ identity) throws Exception {
        AAssociateRQ rq = Connector.request("ARCHIVE", "WORKSTATION",
                List.of(new PresentationContextRQ(1, Scu.VERIFICATION, ILE)), Limits.DEFAULTS);
        if (identity != null) {
            rq = new AAssociateRQ(rq.calledAeTitle(), rq.callingAeTitle(), rq.presentationContexts(),
                    rq.userInformation().withUserIdentity(identity, null));
        }
        return connector.connect("127.0.0.1", acceptor.port(), rq, null);
    }

    @Nested
    class Kept {
        @Test
        void keepsTheAcceptedIdentityAndItsCredentialForEveryRequestOfTheAssociation() throws Exception {
            startScp(ALICE_ONLY);
            try (Association as = connect(UserIdentityRQ.usernameAndPasscode("alice", "s3cret".toCharArray(),
                    false))) {
                assertEquals(Status.SUCCESS, Scu.echo(as, T));
                assertEquals(Status.SUCCESS, Scu.echo(as, T));
            }
            assertEquals(2, seen.size());
            for (Optional<VerifiedUserIdentity> id : seen) {
                VerifiedUserIdentity v = id.orElseThrow();
                assertEquals(UserIdentityRQ.USERNAME_AND_PASSCODE, v.type());
                assertEquals("alice", v.principal());
                assertEquals("alice", v.primaryText());
                assertArrayEquals("s3cret".getBytes(StandardCharsets.UTF_8), v.credential().secondaryField());
            }
        }

        @Test
        void keepsTheCredentialOutOfToString() {
            VerifiedUserIdentity v = new VerifiedUserIdentity(new org.pacs.dicom.net.acse.UserIdentity(
                    UserIdentityRQ.USERNAME_AND_PASSCODE, "alice"),
                    UserIdentityRQ.usernameAndPasscode("alice", "s3cret".toCharArray(), false));

            assertFalse(v.toString().contains("s3cret"), v::toString);
            assertTrue(v.toString().contains("alice"), v::toString);
        }
    }

    @Nested
    class NotKept {
        @Test
        void keepsNoneWhenNoIdentityWasSent() throws Exception {
            startScp(ALICE_ONLY);
            try (Association as = connect(null)) {
                assertEquals(Status.SUCCESS, Scu.echo(as, T));
            }
            assertEquals(List.of(Optional.empty()), seen);
        }

        @Test
        void keepsNoneWhenNoAuthenticatorChecksIdentities() throws Exception {
            // An identity nobody checked proves nothing: services must not take it for a verified one.
            startScp(null);
            try (Association as = connect(UserIdentityRQ.usernameAndPasscode("alice", "wrong".toCharArray(),
                    false))) {
                assertEquals(Status.SUCCESS, Scu.echo(as, T));
            }
            assertEquals(List.of(Optional.empty()), seen);
        }

        @Test
        void rejectsTheAssociationWhenTheAuthenticatorRefuses() throws Exception {
            startScp(ALICE_ONLY);
            assertThrows(AssociationRejectedException.class,
                    () -> connect(UserIdentityRQ.usernameAndPasscode("alice", "wrong".toCharArray(), false)));
            assertTrue(seen.isEmpty());
        }
    }
}
