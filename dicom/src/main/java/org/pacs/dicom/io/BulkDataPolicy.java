// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.IOException;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.VR;

/**
 * Decides how a large value is kept while a data set is read: as a reference into the source file,
 * spooled to an encrypted temporary file, or in memory. Spooling never writes plaintext to disk.
 */
@FunctionalInterface
public interface BulkDataPolicy {
    /**
     * Takes the value; returns the bulk data (having consumed or skipped the value), or null to have the
     * value read into memory instead.
     */
    BulkData take(int tag, VR vr, ValueInput value) throws IOException;

    /** Reads everything into memory (subject to {@link ReadOptions#maxValueLength()}). */
    static BulkDataPolicy inMemory() {
        return (tag, vr, value) -> null;
    }

    /** A reference into the source file when reading a plain file; an encrypted spool otherwise. */
    static BulkDataPolicy reference() {
        return (tag, vr, value) -> value.sourceFile() != null
                ? new FileBulkData(value.sourceFile(), value.offset(), value.length(), value.bigEndian())
                : EncryptedSpool.spool(value);
    }

    /** Always spools to an encrypted temporary file, so the data outlives the source stream. */
    static BulkDataPolicy spool() {
        return (tag, vr, value) -> EncryptedSpool.spool(value);
    }
}
