// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.acse;

import java.util.Objects;
import org.pacs.dicom.net.pdu.UserIdentityRQ;

/**
 * A User Identity sub-item (PS3.7 §D.3.3.7.1) the acceptor's authenticator accepted, kept with the
 * association for its life: the identity established and the credential as sent (type, primary field,
 * secondary field), so that services can check it again on each request (a token may expire or be
 * revoked, a user may be disabled, while the association stays open). {@link #toString()} prints
 * neither field.
 *
 * @param identity the type and principal the authenticator named
 * @param credential the sub-item as the requestor sent it
 */
public record VerifiedUserIdentity(UserIdentity identity, UserIdentityRQ credential) {

    public VerifiedUserIdentity {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(credential, "credential");
    }

    /** The credential's type, PS3.7 Table D.3-14: 1 username, 2 username and passcode, 3 Kerberos, 4 SAML, 5 JWT. */
    public int type() {
        return credential.type();
    }

    /** The principal the authenticator named (a user name), never the credential. */
    public String principal() {
        return identity.principal();
    }

    /** The primary field as UTF-8 text: the username, or the JWT or SAML assertion. */
    public String primaryText() {
        return credential.primaryText();
    }

    /** Type and principal only: the passcode or token stays out of logs. */
    @Override
    public String toString() {
        return "VerifiedUserIdentity[type=" + credential.type() + ", principal=" + identity.principal() + "]";
    }
}
