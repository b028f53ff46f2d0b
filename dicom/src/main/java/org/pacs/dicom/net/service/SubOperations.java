// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;

/**
 * Counts the C-STORE sub-operations of a C-MOVE or C-GET (PS3.7 §9.1.3–9.1.4) and reports them to
 * the requestor in pending responses.
 */
public interface SubOperations {

    /** Announces the number of sub-operations still to do (sent in the next pending response). */
    void remaining(int remaining);

    /** Records the status of one sub-operation and sends a pending response with the counts. */
    void completed(int storeStatus) throws IOException;

    /**
     * As {@link #completed(int)}, naming the instance: a failed one is listed in the final response's
     * Failed SOP Instance UID List (0008,0058) (PS3.4 §C.4.2.1.4, §C.4.3.1.4).
     */
    default void completed(String sopInstanceUid, int storeStatus) throws IOException {
        completed(storeStatus);
    }

    int completed();

    int failed();

    int warning();

    int remaining();
}
