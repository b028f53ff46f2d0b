// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

/**
 * Hard caps applied by {@link PduReader} before anything is allocated.
 *
 * @param maxPDataLength      the largest P-DATA-TF variable field accepted: the maximum length this
 *                            side advertised in its user information (PS3.8 §D.1)
 * @param maxAssociateLength  the largest A-ASSOCIATE-RQ/AC variable field accepted
 */
public record PduLimits(int maxPDataLength, int maxAssociateLength) {

    /** What a P-DATA-TF may never exceed whatever was negotiated: 16 MiB. */
    public static final int HARD_MAX_PDATA_LENGTH = 16 << 20;

    public static final PduLimits DEFAULT = new PduLimits(256 * 1024, 256 * 1024);

    public PduLimits {
        if (maxPDataLength < 256 || maxPDataLength > HARD_MAX_PDATA_LENGTH) {
            throw new IllegalArgumentException("maxPDataLength must be 256.." + HARD_MAX_PDATA_LENGTH);
        }
        if (maxAssociateLength < 1024 || maxAssociateLength > (4 << 20)) {
            throw new IllegalArgumentException("maxAssociateLength must be 1 KiB..4 MiB");
        }
    }
}
