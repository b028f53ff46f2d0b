// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.ul;

import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.Pdu;

/**
 * The narrow set of side effects an {@link Action} may have: send a PDU, issue a primitive to the
 * service user, run the ARTIM timer, open or close the transport.
 */
public interface UpperLayerContext {

    void send(Pdu pdu);

    void indicate(Indication indication);

    void startArtim();

    void stopArtim();

    /** AE-1: issue the transport connect request. */
    void connect();

    /** Close the transport connection. */
    void close();

    /** Whether this side requested the association (AR-8 branches on it). */
    boolean isRequestor();

    /**
     * The service provider's check of a received A-ASSOCIATE-RQ (AE-6): {@code null} when acceptable,
     * otherwise the A-ASSOCIATE-RJ to send (for example protocol version not supported).
     */
    AAssociateRJ screen(AAssociateRQ request);
}
