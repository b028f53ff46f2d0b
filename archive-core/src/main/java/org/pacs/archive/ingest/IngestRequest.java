// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.ingest;

import java.util.Objects;

/**
 * One object arriving on any ingest path (C-STORE, STOW-RS, import): what the sender says it is and
 * who sent it. The data set itself streams separately.
 *
 * @param sopClassUid Affected SOP Class UID of the request
 * @param sopInstanceUid Affected SOP Instance UID of the request
 * @param transferSyntaxUid the transfer syntax the data set is encoded in
 * @param source who sent it (for audit and logs)
 */
public record IngestRequest(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, IngestSource source) {
    public IngestRequest {
        Objects.requireNonNull(sopClassUid, "sopClassUid");
        Objects.requireNonNull(sopInstanceUid, "sopInstanceUid");
        Objects.requireNonNull(transferSyntaxUid, "transferSyntaxUid");
        Objects.requireNonNull(source, "source");
    }
}
