// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.util.List;
import org.pacs.storage.crypto.KekVersion;

/**
 * The outcome of {@link BlobStore#rewrapAll}: every blob seen, how many were re-sealed by
 * {@code primary}, and the blobs that failed (their ids, at most {@link #MAX_LISTED_FAILURES}).
 */
public record RewrapReport(KekVersion primary, long scanned, long rewrapped, long failed, List<BlobId> failedIds) {

  public static final int MAX_LISTED_FAILURES = 1000;

  public RewrapReport {
    failedIds = List.copyOf(failedIds);
  }

  public boolean complete() {
    return failed == 0;
  }
}
