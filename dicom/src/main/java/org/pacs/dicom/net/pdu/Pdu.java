// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

/**
 * A protocol data unit of the DICOM upper layer (PS3.8 §9.3, Table 9-11): one record per PDU type.
 */
public sealed interface Pdu permits AAssociateRQ, AAssociateAC, AAssociateRJ, PDataTF, AReleaseRQ,
        AReleaseRP, AAbort {

    /** PDU type codes (PS3.8 §9.3.1). */
    int A_ASSOCIATE_RQ = 0x01;
    int A_ASSOCIATE_AC = 0x02;
    int A_ASSOCIATE_RJ = 0x03;
    int P_DATA_TF = 0x04;
    int A_RELEASE_RQ = 0x05;
    int A_RELEASE_RP = 0x06;
    int A_ABORT = 0x07;

    /** The PDU-type byte this PDU is encoded with. */
    int type();
}
