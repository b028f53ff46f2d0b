// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

import java.io.IOException;
import java.io.InputStream;

/**
 * One thing to import: a file, or an entry of a zip file. {@code shownAs} is for the operator's
 * terminal only; {@code key} identifies it in its current state for the progress record.
 */
record ImportItem(String shownAs, String key, long size, long modifiedMillis, Opener opener, SkipReason skip,
        String skipDetail) {

    @FunctionalInterface
    interface Opener {
        InputStream open() throws IOException;
    }

    static ImportItem of(String shownAs, String key, long size, long modifiedMillis, Opener opener) {
        return new ImportItem(shownAs, key, size, modifiedMillis, opener, null, null);
    }

    /** Known to be left out before it is opened (e.g. a zip inside a zip). */
    static ImportItem skipped(String shownAs, SkipReason reason, String detail) {
        return new ImportItem(shownAs, shownAs, 0, 0, null, reason, detail);
    }
}
