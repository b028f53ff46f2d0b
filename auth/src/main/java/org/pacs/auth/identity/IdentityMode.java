// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;
import org.pacs.dicom.net.acse.UserIdentityAuthenticator;
import org.pacs.storage.crypto.KeyRing;

/**
 * The identity mode of {@code identity.mode}, opened once at start: the {@link Authenticator} for web
 * requests, the DICOM user identity check for associations, and, in embedded mode only, the embedded
 * provider (login, refresh, logout endpoints).
 *
 * <pre>{@code
 * IdentityMode identity = IdentityMode.open(config, keyRing, Clock.systemUTC(), SignInAudit.to(events, trail));
 * Principal p = identity.authenticator().authenticate(bearer);
 * identity.embedded().ifPresent(e -> web.addLoginEndpoint(e.signIn()));
 * }</pre>
 */
public record IdentityMode(Authenticator authenticator, UserIdentityAuthenticator dicom,
        Optional<EmbeddedIdentity> embedded) {

    public static IdentityMode open(Config config, KeyRing keys, Clock clock, SignInAudit audit) throws IOException {
        if (config.string(Settings.IDENTITY_MODE).equals("oidc")) {
            OidcAuthenticator oidc = OidcAuthenticator.fromConfig(config, clock);
            return new IdentityMode(oidc, DicomUserIdentities.oidc(oidc), Optional.empty());
        }
        EmbeddedIdentity embedded = EmbeddedIdentity.open(config, keys, clock, audit);
        return new IdentityMode(embedded.authenticator(),
                DicomUserIdentities.embedded(embedded.signIn(), embedded.authenticator()), Optional.of(embedded));
    }
}
