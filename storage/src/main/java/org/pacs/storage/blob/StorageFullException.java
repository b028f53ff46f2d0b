// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

/** The blob could not be written for lack of space (disk full, quota, or the configured reserve); nothing of it was kept. */
public final class StorageFullException extends BlobStoreException {

  public StorageFullException(BlobId blobId, String where, Throwable cause) {
    super(blobId, "blob " + blobId + " not stored: no space left in " + where + "; nothing of it was kept", cause);
  }
}
