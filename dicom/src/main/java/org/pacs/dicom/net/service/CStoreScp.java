// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import java.io.InputStream;
import org.pacs.dicom.net.Association;

/**
 * Storage SOP Classes as SCP (PS3.4 Annex B, PS3.7 §9.1.1): receives a data set as it streams in
 * and returns the C-STORE-RSP status once it is safely stored. The data set is never held in
 * memory by the toolkit; what the handler leaves unread is discarded.
 */
@FunctionalInterface
public interface CStoreScp {

    /**
     * @param dataSet the data set in {@link StoreRequest#transferSyntax()}, without File Meta
     *                Information; ends at the last fragment
     * @return the status: success, a warning (Bxxx) or a failure (A7xx, A9xx, Cxxx)
     */
    int store(Association association, StoreRequest request, InputStream dataSet) throws IOException;

    /** A C-STORE-RSP status with the Error Comment (0000,0902) that tells the sender why (PS3.7 §C.4.2.1.x). */
    record Result(int status, String errorComment) {
    }

    /**
     * Like {@link #store}, also giving an Error Comment for warnings and failures (at most 64
     * characters, no patient data). The toolkit calls this one; the default has no comment.
     */
    default Result storeWithComment(Association association, StoreRequest request, InputStream dataSet)
            throws IOException {
        return new Result(store(association, request, dataSet), null);
    }
}
