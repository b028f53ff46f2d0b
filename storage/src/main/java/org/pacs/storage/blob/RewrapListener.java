// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

/** Progress of {@link BlobStore#rewrapAll}: called once per blob, from the calling thread. */
@FunctionalInterface
public interface RewrapListener {

  /** What happened to one blob's key record. */
  enum Outcome {
    /** Already sealed by the primary KEK, nothing written. */
    ALREADY_CURRENT,
    /** Re-sealed by the primary KEK; the content was not touched. */
    REWRAPPED,
    /** The key record could not be opened (damaged, or its KEK is not held); see the report. */
    FAILED
  }

  void onBlob(BlobId id, Outcome outcome);

  /** A listener that ignores progress. */
  static RewrapListener none() {
    return (id, outcome) -> {};
  }
}
