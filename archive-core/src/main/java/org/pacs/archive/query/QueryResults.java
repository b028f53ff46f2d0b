// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.pacs.dicom.data.Attributes;

/**
 * The matches of a query, produced as they are read, one response identifier each. Close it (or read
 * to the end) to release the catalog session; {@link #cancel()} may be called from another thread (a
 * C-CANCEL) and ends the iteration at the next match.
 */
public interface QueryResults extends Iterator<Attributes>, AutoCloseable {
    /** Stops the iteration: {@link #hasNext()} answers false from now on. Thread-safe. */
    void cancel();

    boolean isCancelled();

    /** Releases the catalog session and index reader. Call on the consuming thread. */
    @Override
    void close();

    /** The remaining matches as a sequential stream; closing the stream closes these results. */
    default Stream<Attributes> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }
}
