// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.dimse;

import java.io.IOException;

/** Where a {@link PDataOutputStream} sends each fragment: one PDV in one P-DATA-TF PDU. */
@FunctionalInterface
public interface PDataSink {

    void sendPdv(int contextId, boolean command, boolean last, byte[] buf, int off, int len) throws IOException;
}
