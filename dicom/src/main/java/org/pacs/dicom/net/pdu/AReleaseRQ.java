// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

/** A-RELEASE-RQ PDU (PS3.8 §9.3.6): no parameters. */
public record AReleaseRQ() implements Pdu {

    @Override
    public int type() {
        return A_RELEASE_RQ;
    }
}
