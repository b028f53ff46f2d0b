// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;
import org.pacs.dicom.net.dimse.DimseMessage;

/**
 * Serves the DIMSE requests that arrive on an association, each on its own virtual thread. The
 * handler answers with {@link Association#respond}; a streamed data set it leaves unread is
 * discarded after it returns.
 */
@FunctionalInterface
public interface RequestHandler {

    void onRequest(Association association, DimseMessage request) throws IOException;
}
