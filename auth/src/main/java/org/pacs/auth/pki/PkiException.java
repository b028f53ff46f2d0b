// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import java.io.IOException;

/**
 * A certificate, key or PKI directory cannot be used as asked; the message names the file and what to
 * do about it (e.g. a key that does not match its certificate, a chain no trusted CA issued).
 */
public final class PkiException extends IOException {

    public PkiException(String message) {
        super(message);
    }

    public PkiException(String message, Throwable cause) {
        super(message, cause);
    }
}
