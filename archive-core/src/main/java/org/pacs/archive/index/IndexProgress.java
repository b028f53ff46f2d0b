// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

/** Told how far a rebuild of the index has gone; called from indexing threads. */
@FunctionalInterface
public interface IndexProgress {
    /**
     * @param indexed documents written so far
     * @param total documents to write, or -1 while not yet known
     */
    void update(long indexed, long total);

    static IndexProgress none() {
        return (indexed, total) -> { };
    }
}
