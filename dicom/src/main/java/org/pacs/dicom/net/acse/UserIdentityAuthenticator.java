// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import org.pacs.dicom.net.pdu.UserIdentityRQ;

/**
 * Checks the user identity a requestor sent (PS3.7 §D.3.3.7): username, username and passcode,
 * Kerberos service ticket, SAML assertion or JSON Web Token.
 */
@FunctionalInterface
public interface UserIdentityAuthenticator {

    /** The outcome of one check. */
    sealed interface Result {
    }

    /**
     * Accepted: the principal and, for Kerberos or SAML, the server response returned when the
     * requestor asked for a positive response (empty otherwise).
     */
    record Accepted(UserIdentity identity, byte[] serverResponse) implements Result {
        public Accepted {
            serverResponse = serverResponse == null ? new byte[0] : serverResponse.clone();
        }

        public static Accepted of(int type, String principal) {
            return new Accepted(new UserIdentity(type, principal), new byte[0]);
        }
    }

    /** Refused; {@code why} goes to the log, never to the peer. */
    record Refused(String why) implements Result {
    }

    Result authenticate(UserIdentityRQ identity, PeerInfo peer);
}
