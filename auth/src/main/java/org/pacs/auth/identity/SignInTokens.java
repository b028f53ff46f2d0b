// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.time.Instant;

/**
 * What a successful sign-in or refresh hands the client (the fields of an RFC 6749 §5.1 token
 * response): a short-lived access token to send as {@code Authorization: Bearer}, and an opaque
 * refresh token that can be used once to get the next pair.
 *
 * @param sessionExpiresAt when the refresh token (and the session) ends at the latest
 */
public record SignInTokens(String accessToken, Instant accessExpiresAt, String refreshToken,
        Instant sessionExpiresAt, Principal principal) {

    /** The tokens stay out of logs. */
    @Override
    public String toString() {
        return "SignInTokens[" + principal + ", access until " + accessExpiresAt + ", session until "
                + sessionExpiresAt + "]";
    }
}
