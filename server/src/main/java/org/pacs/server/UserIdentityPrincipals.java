// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.pacs.auth.identity.AuthenticationException;
import org.pacs.auth.identity.Authenticator;
import org.pacs.auth.identity.EmbeddedIdentity;
import org.pacs.auth.identity.IdentityMode;
import org.pacs.auth.identity.LocalUser;
import org.pacs.auth.identity.Principal;
import org.pacs.auth.identity.UserStore;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.acse.VerifiedUserIdentity;
import org.pacs.dicom.net.pdu.UserIdentityRQ;

/**
 * The person behind an association that negotiated a user identity (PS3.7 §D.3.3.7), built anew for
 * each request from the stores and the credential as they are now, never remembered between requests:
 * a username and passcode (type 2) names an embedded user who must still exist and be enabled (the
 * passcode was checked when the association was accepted); a JSON Web Token (type 5) is verified again,
 * so that its expiry, a logout or a disabled user end its use on the next request.
 *
 * <pre>{@code
 * UserIdentityPrincipals principals = UserIdentityPrincipals.of(identityMode);
 * switch (principals.current(association)) { case Valid v -> ...; case Invalid i -> refuse(i.why()); ... }
 * }</pre>
 */
final class UserIdentityPrincipals {

    /** The embedded users as stored now ({@link UserStore#find}). */
    @FunctionalInterface
    interface Users {
        Optional<LocalUser> find(String name) throws IOException;
    }

    /** Who the association's user is for this request. */
    sealed interface Result {
    }

    /** The association carries no verified user identity: the AE's registration alone decides. */
    record NoIdentity() implements Result {
    }

    /** The user as they are now. */
    record Valid(Principal principal) implements Result {
    }

    /** The identity no longer holds; {@code why} goes to the log and the audit record, never to the peer. */
    record Invalid(String why) implements Result {
    }

    private final Users users;
    private final Authenticator tokens;

    /**
     * @param users the embedded users, or null in OIDC mode (where type 2 is never accepted)
     * @param tokens verifies JWTs as the identity mode does for bearer tokens
     */
    UserIdentityPrincipals(Users users, Authenticator tokens) {
        this.users = users;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    static UserIdentityPrincipals of(IdentityMode mode) {
        Users users = mode.embedded().map(EmbeddedIdentity::users).<Users>map(store -> store::find).orElse(null);
        return new UserIdentityPrincipals(users, mode.authenticator());
    }

    Result current(Association association) {
        Optional<VerifiedUserIdentity> verified = association.verifiedUserIdentity();
        if (verified.isEmpty()) {
            return new NoIdentity();
        }
        VerifiedUserIdentity id = verified.get();
        try {
            return switch (id.type()) {
                case UserIdentityRQ.USERNAME_AND_PASSCODE -> user(id.principal());
                case UserIdentityRQ.JWT -> new Valid(tokens.authenticate(id.primaryText()));
                default -> new Invalid("user identity type " + id.type() + " is not accepted here");
            };
        } catch (AuthenticationException e) {
            return new Invalid("the token of user '" + id.principal() + "' is no longer valid: " + e.getMessage());
        } catch (IOException e) {
            // Fail closed: a store that cannot be read lets nobody through.
            return new Invalid("identity stores unreadable: " + e.getMessage());
        }
    }

    private Result user(String name) throws IOException {
        if (users == null) {
            return new Invalid("username and passcode are not accepted in OIDC mode");
        }
        Optional<LocalUser> user = users.find(name);
        if (user.isEmpty()) {
            return new Invalid("user '" + name + "' no longer exists");
        }
        if (!user.get().enabled()) {
            return new Invalid("user '" + user.get().name() + "' is disabled");
        }
        return new Valid(user.get().principal());
    }
}
