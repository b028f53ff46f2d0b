// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.secrets;

import java.io.IOException;

/**
 * A sealed file cannot be opened: it was altered, truncated, sealed for another role, or sealed
 * by another key ring (another data directory's keystore, or a retired KEK version).
 */
public final class SealedFileException extends IOException {

    public SealedFileException(String message) {
        super(message);
    }

    public SealedFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
