// SPDX-License-Identifier: Apache-2.0
/**
 * {@code ./pacs scan}: a read-only check of another (legacy) PACS for the exposures in the news
 * stories, with a finding per check and a verdict.
 */
package org.pacs.server.scan;
