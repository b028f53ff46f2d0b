// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

/**
 * A stored blob failed authentication or does not match its reference: a flipped byte, a truncated
 * or extended file, a file swapped with another blob's, a reference with the wrong identity, or a key
 * that does not open it. No unauthenticated byte is ever handed out before this is thrown.
 */
public class BlobIntegrityException extends BlobStoreException {

  public BlobIntegrityException(BlobId blobId, String message) {
    super(blobId, message);
  }

  public BlobIntegrityException(BlobId blobId, String message, Throwable cause) {
    super(blobId, message, cause);
  }
}
