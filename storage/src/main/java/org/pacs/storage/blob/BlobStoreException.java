// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.IOException;
import java.util.Optional;

/** A blob store operation failed; names the blob when one is concerned. */
public class BlobStoreException extends IOException {

  private final transient BlobId blobId;

  public BlobStoreException(BlobId blobId, String message) {
    super(message);
    this.blobId = blobId;
  }

  public BlobStoreException(BlobId blobId, String message, Throwable cause) {
    super(message, cause);
    this.blobId = blobId;
  }

  public Optional<BlobId> blobId() {
    return Optional.ofNullable(blobId);
  }
}
