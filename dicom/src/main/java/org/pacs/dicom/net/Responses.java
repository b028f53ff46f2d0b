// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;
import java.time.Duration;
import org.pacs.dicom.net.dimse.DimseMessage;

/** The responses to one request sent as SCU: pending ones, then the final one. */
public interface Responses {

    /**
     * The next response, waiting at most {@code timeout}.
     *
     * @throws java.net.SocketTimeoutException when none came in time
     * @throws AssociationAbortedException when the association ended first
     */
    DimseMessage next(Duration timeout) throws IOException;

    /** Reads responses until the final (non-pending) one and returns it. */
    default DimseMessage last(Duration timeout) throws IOException {
        while (true) {
            DimseMessage m = next(timeout);
            if (!org.pacs.dicom.net.dimse.Status.isPending(m.command().status())) {
                return m;
            }
        }
    }
}
