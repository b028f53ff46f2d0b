// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.IOException;
import org.pacs.dicom.net.Association;

/**
 * Query/Retrieve and Worklist C-FIND as SCP (PS3.4 Annex C and K, PS3.7 §9.1.2): each match goes
 * out as a pending response; the returned status ends the operation. Check
 * {@link QueryRequest#isCancelled()} between matches and return {@code Status.CANCEL}.
 */
@FunctionalInterface
public interface CFindScp {

    /** Sends one match (an identifier in the request's transfer syntax) as a pending C-FIND-RSP. */
    @FunctionalInterface
    interface Matches {
        void send(byte[] identifier) throws IOException;
    }

    int find(Association association, QueryRequest request, Matches matches) throws IOException;
}
