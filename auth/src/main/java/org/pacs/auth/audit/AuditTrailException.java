// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.IOException;
import java.util.OptionalLong;

/**
 * The audit trail cannot be used: it is damaged (then {@link #sequence()} names the first record that
 * failed), in use by another writer, or cannot be read with this key ring.
 */
public class AuditTrailException extends IOException {

    private final long sequence;

    public AuditTrailException(String message) {
        this(message, -1, null);
    }

    public AuditTrailException(String message, Throwable cause) {
        this(message, -1, cause);
    }

    public AuditTrailException(String message, long sequence, Throwable cause) {
        super(message, cause);
        this.sequence = sequence;
    }

    /** The first record found broken, when the trail is damaged. */
    public OptionalLong sequence() {
        return sequence > 0 ? OptionalLong.of(sequence) : OptionalLong.empty();
    }
}
