// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import org.pacs.storage.crypto.KekVersion;

/**
 * The blob's data key is sealed by a KEK version the key ring does not hold: it was retired before
 * this blob was re-wrapped, or the blob comes from another archive's keystore.
 */
public final class BlobKeyUnavailableException extends BlobIntegrityException {

  private final KekVersion kekVersion;

  public BlobKeyUnavailableException(BlobId blobId, KekVersion kekVersion, Throwable cause) {
    super(blobId, "blob " + blobId + " has its data key sealed by " + kekVersion
        + ", which the keystore does not hold (retired, or a keystore from another archive)", cause);
    this.kekVersion = kekVersion;
  }

  public KekVersion kekVersion() {
    return kekVersion;
  }
}
