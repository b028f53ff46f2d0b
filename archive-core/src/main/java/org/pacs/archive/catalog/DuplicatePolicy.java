// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

/** What {@link CatalogWriter#record} does when the SOP Instance UID is already in the catalog. */
public enum DuplicatePolicy {
    /** Keep the recorded instance; the new blob is left unreferenced. */
    KEEP_EXISTING,
    /** Point the instance at the new blob and header; the previous blob is left unreferenced. */
    REPLACE
}
