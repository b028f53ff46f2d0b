// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.io.IOException;

/**
 * A received PDU that is unrecognized or invalid (PS3.8 Evt19). Carries the A-ABORT reason to send
 * (PS3.8 Table 9-26) and whether PDU framing is lost, in which case nothing more can be parsed from
 * the connection.
 */
public final class PduException extends IOException {

    private final int abortReason;
    private final boolean framingLost;

    public PduException(int abortReason, boolean framingLost, String message) {
        super(message);
        this.abortReason = abortReason;
        this.framingLost = framingLost;
    }

    /** The A-ABORT reason/diagnostic (service-provider source) that describes this error. */
    public int abortReason() {
        return abortReason;
    }

    /** True when the stream position no longer lies on a PDU boundary. */
    public boolean framingLost() {
        return framingLost;
    }
}
