// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.backup;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A transactionally consistent copy of the embedded catalog, still encrypted: H2's {@code BACKUP TO}
 * writes a zip holding the database file as stored (ciphertext under {@code CIPHER=AES}) with every
 * committed transaction. Taken by this process on a stopped archive, or by the running archive on
 * request (only the process that has the database open may copy it consistently).
 */
public interface CatalogSnapshot {
    /** Takes the snapshot; returns the zip H2 wrote, which the caller deletes. */
    Path take() throws IOException;
}
