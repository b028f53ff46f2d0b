// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;
import org.pacs.dicom.net.pdu.AAssociateRJ;

/** The acceptor answered A-ASSOCIATE-RJ (PS3.8 §9.3.4). */
public final class AssociationRejectedException extends IOException {

    private final AAssociateRJ reject;

    public AssociationRejectedException(AAssociateRJ reject) {
        super("association rejected: result " + reject.result() + ", source " + reject.source() + ", reason "
                + reject.reason());
        this.reject = reject;
    }

    public AAssociateRJ reject() {
        return reject;
    }
}
