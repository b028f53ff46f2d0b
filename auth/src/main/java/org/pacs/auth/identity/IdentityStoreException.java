// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;

/**
 * A store of the identity directory (users, sessions, shares, the token signing key) cannot be read,
 * or a change to it is refused (an unknown user, a name taken). Callers fail closed: no sign-in and no
 * token is accepted while a store does not open.
 */
public class IdentityStoreException extends IOException {
    public IdentityStoreException(String message) {
        super(message);
    }

    public IdentityStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
