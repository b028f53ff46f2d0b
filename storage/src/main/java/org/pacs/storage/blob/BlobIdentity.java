// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

/**
 * What the caller says a blob is (for a DICOM object, its SOP Instance UID). It is bound to the
 * ciphertext as associated data, so a blob opened under another identity fails authentication, and
 * it is never written to disk by the store: keep it in the catalog with the {@link BlobRef}.
 */
public record BlobIdentity(String value) {

  /** Generous: a UID has at most 64 characters. */
  public static final int MAX_LENGTH = 1024;

  public BlobIdentity {
    if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a blob identity has 1.." + MAX_LENGTH + " characters");
    }
  }

  public static BlobIdentity of(String value) {
    return new BlobIdentity(value);
  }

  /** Redacted: identities stay out of logs. */
  @Override
  public String toString() {
    return "BlobIdentity[redacted]";
  }
}
