// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.util.List;
import java.util.OptionalLong;

/**
 * What {@link AuditTrailReader#verify()} found.
 *
 * @param records records whose chain checked out, from record 1
 * @param lastSequence the newest record that checked out (0 if none)
 * @param firstBadSequence the first record that is altered, missing, out of order or removed, if any
 * @param problem what is wrong, naming the record; null when intact
 * @param notes observations that are not damage, e.g. an append in progress at the end
 */
public record VerifyResult(long records, long lastSequence, OptionalLong firstBadSequence, String problem,
        List<String> notes) {

    public VerifyResult {
        notes = List.copyOf(notes);
    }

    /** Whether every record from 1 up to the head marker is present, in order and unaltered. */
    public boolean intact() {
        return problem == null;
    }
}
