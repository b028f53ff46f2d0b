// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.IOException;

/** Turns what Tink throws while decrypting into the store's typed errors, naming the blob. */
final class ReadFailures {

  private ReadFailures() {}

  static BlobStoreException translate(BlobId id, FaultRecordingChannel ciphertext, IOException e) {
    if (e instanceof BlobStoreException typed) {
      return typed;
    }
    IOException ioFailure = ciphertext.failure();
    if (ioFailure != null) {
      return new BlobStoreException(id, "cannot read blob " + id + ": " + ioFailure.getMessage(), ioFailure);
    }
    return new BlobIntegrityException(id, "blob " + id + " failed authentication: its content was altered, "
        + "truncated or extended, belongs to another blob, or is opened under the wrong identity", e);
  }
}
