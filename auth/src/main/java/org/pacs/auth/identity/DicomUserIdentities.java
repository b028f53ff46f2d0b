// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.logging.Logger;
import org.pacs.dicom.net.acse.PeerInfo;
import org.pacs.dicom.net.acse.UserIdentityAuthenticator;
import org.pacs.dicom.net.pdu.UserIdentityRQ;

/**
 * DICOM User Identity Negotiation (PS3.7 §D.3.3.7) against the archive's identity: type 2 (username
 * and passcode) is checked like a web sign-in against the embedded users (same lockout, same audit),
 * type 5 (JSON Web Token) like a bearer token by the mode's {@link Authenticator}. Types 1 (a username
 * proves nothing), 3 (Kerberos) and 4 (SAML) are refused, and so is type 2 in OIDC mode, where the
 * archive holds no passwords. The accepted identity's principal is the user name.
 *
 * <pre>{@code
 * UserIdentityAuthenticator dicom = DicomUserIdentities.embedded(identity.signIn(), identity.authenticator());
 * UserIdentityAuthenticator dicom = DicomUserIdentities.oidc(oidcAuthenticator);
 * }</pre>
 */
public final class DicomUserIdentities implements UserIdentityAuthenticator {

    private static final Logger LOG = Logger.getLogger(DicomUserIdentities.class.getName());

    private final EmbeddedSignIn passwords;
    private final Authenticator tokens;

    private DicomUserIdentities(EmbeddedSignIn passwords, Authenticator tokens) {
        this.passwords = passwords;
        this.tokens = Objects.requireNonNull(tokens, "tokens");
    }

    /** Embedded mode: passcodes against the local users, JWTs issued by the embedded provider. */
    public static DicomUserIdentities embedded(EmbeddedSignIn signIn, Authenticator tokens) {
        return new DicomUserIdentities(Objects.requireNonNull(signIn, "signIn"), tokens);
    }

    /** OIDC mode: JWTs of the provider only. */
    public static DicomUserIdentities oidc(Authenticator tokens) {
        return new DicomUserIdentities(null, tokens);
    }

    @Override
    public Result authenticate(UserIdentityRQ identity, PeerInfo peer) {
        String address = peer == null || peer.address() == null ? null
                : peer.address().getAddress() == null ? peer.address().getHostString()
                : peer.address().getAddress().getHostAddress();
        try {
            return switch (identity.type()) {
                case UserIdentityRQ.USERNAME_AND_PASSCODE -> passcode(identity, address);
                case UserIdentityRQ.JWT -> Accepted.of(identity.type(),
                        tokens.authenticate(identity.primaryText()).name());
                default -> new Refused("user identity type " + identity.type() + " is not accepted here");
            };
        } catch (AuthenticationException e) {
            return new Refused(e.getMessage());
        } catch (IOException e) {
            LOG.warning("identity stores unreadable; refusing the user identity: " + e.getMessage());
            return new Refused("identity stores unreadable");
        }
    }

    private Result passcode(UserIdentityRQ identity, String address) throws AuthenticationException, IOException {
        if (passwords == null) {
            return new Refused("username and passcode are not accepted in OIDC mode; send a JWT");
        }
        byte[] raw = identity.secondaryField();
        char[] passcode = null;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw));
            passcode = new char[chars.remaining()];
            chars.get(passcode);
            if (chars.hasArray()) {
                Arrays.fill(chars.array(), '\0');
            }
            return Accepted.of(identity.type(), passwords.verifyPassword(identity.primaryText(), passcode, address)
                    .name());
        } catch (CharacterCodingException e) {
            return new Refused("passcode is not UTF-8");
        } finally {
            Arrays.fill(raw, (byte) 0);
            if (passcode != null) {
                Arrays.fill(passcode, '\0');
            }
        }
    }
}
