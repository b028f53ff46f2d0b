// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

/** A-RELEASE-RP PDU (PS3.8 §9.3.7): no parameters. */
public record AReleaseRP() implements Pdu {

    @Override
    public int type() {
        return A_RELEASE_RP;
    }
}
