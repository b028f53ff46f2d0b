// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.io.IOException;

/** A registry change that cannot be made (AE already registered, not registered), or an unreadable registry. */
public final class AeRegistryException extends IOException {

    public AeRegistryException(String message) {
        super(message);
    }

    public AeRegistryException(String message, Throwable cause) {
        super(message, cause);
    }
}
