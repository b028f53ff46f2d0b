// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

/**
 * A credential was refused. The message says why for the log and the audit trail (expired, bad
 * signature, unknown issuer...); callers answer the client without it, so as not to help guessing.
 */
public class AuthenticationException extends Exception {
    public AuthenticationException(String message) {
        super(message);
    }

    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
