// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

/** No blob with this id is stored (never written, deleted, or the write did not complete). */
public final class BlobNotFoundException extends BlobStoreException {

  public BlobNotFoundException(BlobId blobId) {
    super(blobId, "blob " + blobId + " is not stored");
  }
}
