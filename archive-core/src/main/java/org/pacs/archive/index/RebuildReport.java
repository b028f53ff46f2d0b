// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

import java.time.Duration;

/** The outcome of an index rebuild: documents written and the time it took. */
public record RebuildReport(long documents, Duration elapsed) {
}
