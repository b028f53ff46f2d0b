// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

/** Bad command-line arguments; the message says which and why. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
