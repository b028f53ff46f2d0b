// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

/**
 * Verifies a bearer token (from an {@code Authorization: Bearer} header, a session, or a DICOM User
 * Identity JWT) and answers who it belongs to. One implementation per identity mode: the embedded
 * provider's own tokens, or an OIDC provider's (Keycloak). Every call verifies afresh.
 */
public interface Authenticator {
    /**
     * @return the principal the token was issued to
     * @throws AuthenticationException if the token is malformed, wrongly signed, expired, not yet
     *         valid, for another issuer or audience, or its user is disabled
     */
    Principal authenticate(String bearerToken) throws AuthenticationException;
}
