// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.util.Objects;

/**
 * What {@link BlobStore#put} returns and the catalog keeps: the blob's id, the identity it is bound
 * to, its plaintext size, the bytes it occupies in the backend, and the SHA-256 of its plaintext
 * (64 lowercase hex digits). Everything {@link BlobStore#open} and {@link BlobStore#verify} need.
 */
public record BlobRef(BlobId id, BlobIdentity identity, long size, long storedSize, String sha256) {

  public BlobRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(sha256, "sha256");
    if (size < 0 || storedSize < 0) {
      throw new IllegalArgumentException("sizes cannot be negative");
    }
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits");
    }
  }

  /** Without the identity, which stays out of logs. */
  @Override
  public String toString() {
    return "BlobRef[id=" + id + ", size=" + size + ", storedSize=" + storedSize + ", sha256=" + sha256 + "]";
  }
}
