// SPDX-License-Identifier: Apache-2.0
/**
 * {@code ./pacs verify}: every blob against its authentication tag, and the catalog against the blobs.
 */
package org.pacs.server.verify;
