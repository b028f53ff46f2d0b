// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.util.Arrays;

/**
 * SOP Class Extended Negotiation sub-item (PS3.7 §D.3.3.5): service-class-application-information
 * that the upper layer passes through unchanged.
 */
public record SopClassExtendedNegotiation(String sopClassUid, byte[] applicationInformation) {

    public SopClassExtendedNegotiation {
        Uids.check(sopClassUid);
        applicationInformation = applicationInformation.clone();
    }

    @Override
    public byte[] applicationInformation() {
        return applicationInformation.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SopClassExtendedNegotiation other && sopClassUid.equals(other.sopClassUid)
                && Arrays.equals(applicationInformation, other.applicationInformation);
    }

    @Override
    public int hashCode() {
        return sopClassUid.hashCode() * 31 + Arrays.hashCode(applicationInformation);
    }

    @Override
    public String toString() {
        return "SopClassExtendedNegotiation[" + sopClassUid + ", " + applicationInformation.length + " bytes]";
    }
}
