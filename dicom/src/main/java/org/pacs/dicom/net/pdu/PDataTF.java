// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

import java.util.List;

/** P-DATA-TF PDU (PS3.8 §9.3.5, Table 9-22): one or more presentation data values. */
public record PDataTF(List<PresentationDataValue> values) implements Pdu {

    public PDataTF {
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a P-DATA-TF carries at least one PDV");
        }
    }

    public PDataTF(PresentationDataValue... values) {
        this(List.of(values));
    }

    @Override
    public int type() {
        return P_DATA_TF;
    }

    /** The length of the PDU's variable field: each PDV has a 4-byte length, its header and its data. */
    public long length() {
        long n = 0;
        for (PresentationDataValue v : values) {
            n += 6L + v.length();
        }
        return n;
    }
}
