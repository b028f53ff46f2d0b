// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.util.Optional;

/**
 * The outcome of {@link CatalogWriter#record}. Exactly one blob is referenced by the instance once the
 * transaction commits ("never two copies visible"); the other, if any, is {@link #unreferencedBlob()}
 * and the caller deletes it from the blob store.
 *
 * @param outcome what happened
 * @param unreferencedBlob for {@link Outcome#REPLACED} the previous blob, for
 *     {@link Outcome#DUPLICATE_KEPT} the blob just passed in; null for {@link Outcome#STORED}
 */
public record RecordResult(Outcome outcome, BlobLocation unreferencedBlob) {

    public enum Outcome {
        /** A new instance. */
        STORED,
        /** The SOP Instance UID was known and {@link DuplicatePolicy#KEEP_EXISTING} kept it. */
        DUPLICATE_KEPT,
        /** The SOP Instance UID was known and {@link DuplicatePolicy#REPLACE} replaced it. */
        REPLACED
    }

    public Optional<BlobLocation> blobToDelete() {
        return Optional.ofNullable(unreferencedBlob);
    }
}
