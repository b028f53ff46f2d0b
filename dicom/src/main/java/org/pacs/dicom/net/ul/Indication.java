// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.ul;

import org.pacs.dicom.net.pdu.AAbort;
import org.pacs.dicom.net.pdu.AAssociateAC;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PDataTF;

/** Indication and confirmation primitives the upper layer issues to its service user (PS3.8 §7). */
public sealed interface Indication {

    /** A-ASSOCIATE indication: a request passed the provider's checks and awaits the user's answer. */
    record AssociateRequested(AAssociateRQ request) implements Indication {
    }

    /** A-ASSOCIATE confirmation (accept). */
    record AssociateAccepted(AAssociateAC accept) implements Indication {
    }

    /** A-ASSOCIATE confirmation (reject). */
    record AssociateRejected(AAssociateRJ reject) implements Indication {
    }

    /** P-DATA indication. */
    record PData(PDataTF data) implements Indication {
    }

    /** A-RELEASE indication; {@code collision} when both sides asked at once (AR-8). */
    record ReleaseRequested(boolean collision) implements Indication {
    }

    /** A-RELEASE confirmation. */
    record ReleaseConfirmed() implements Indication {
    }

    /**
     * A-ABORT (service-user source) or A-P-ABORT (provider source, or the transport closed)
     * indication; {@code why} is the one line to log.
     */
    record Aborted(AAbort abort, String why) implements Indication {
        public boolean byProvider() {
            return abort.source() == AAbort.SERVICE_PROVIDER;
        }
    }
}
