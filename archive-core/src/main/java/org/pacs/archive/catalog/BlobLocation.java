// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.Objects;
import org.pacs.storage.blob.BlobId;
import org.pacs.storage.blob.BlobIdentity;
import org.pacs.storage.blob.BlobRef;

/**
 * Where an instance's encrypted object lives in the blob store: what {@link BlobRef} holds, as plain
 * columns. The identity (the SOP Instance UID the blob is bound to) is kept because the store never
 * writes it down.
 *
 * @param blobId the store's id, 32 lowercase hex digits
 * @param identity the identity bound to the ciphertext
 * @param size plaintext bytes
 * @param storedSize bytes occupied in the backend
 * @param sha256 SHA-256 of the plaintext, 64 lowercase hex digits
 */
@Embeddable
public record BlobLocation(
        @Column(name = "blob_id", length = 64, nullable = false) String blobId,
        @Column(name = "blob_identity", length = 1024, nullable = false) String identity,
        @Column(name = "blob_size", nullable = false) long size,
        @Column(name = "blob_stored_size", nullable = false) long storedSize,
        @Column(name = "blob_sha256", length = 64, nullable = false) String sha256) {

    public BlobLocation {
        Objects.requireNonNull(blobId, "blobId");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(sha256, "sha256");
    }

    public static BlobLocation of(BlobRef ref) {
        return new BlobLocation(ref.id().value(), ref.identity().value(), ref.size(), ref.storedSize(), ref.sha256());
    }

    public BlobRef toBlobRef() {
        return new BlobRef(BlobId.parse(blobId), BlobIdentity.of(identity), size, storedSize, sha256);
    }

    /** Without the identity, which stays out of logs. */
    @Override
    public String toString() {
        return "BlobLocation[id=" + blobId + ", size=" + size + ", storedSize=" + storedSize + "]";
    }
}
