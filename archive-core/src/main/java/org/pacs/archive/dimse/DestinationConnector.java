// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.RequestHandler;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.RoleSelection;

/**
 * Opens the associations this archive starts on a peer's behalf (C-MOVE sub-operations, Storage
 * Commitment reports on a new association) to a registered {@link PeerAccess.Destination}, and checks
 * the certificate chain the destination presented against the one bound to its AE title before any
 * message is sent: a destination that fails is aborted at once.
 */
final class DestinationConnector {

    /** The destination's certificate chain is not the one registered for its AE title. */
    static final class CertificateMismatchException extends IOException {
        CertificateMismatchException(String aeTitle) {
            super("certificate presented by " + aeTitle + " is not the one bound to it");
        }
    }

    private final Connector connector;
    private final Limits limits;

    DestinationConnector(Connector connector, Limits limits) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Connects as {@code callingAeTitle}, negotiates {@code contexts} and checks the certificate.
     *
     * @param handler serves requests the destination sends back, or null
     * @throws CertificateMismatchException when the check fails (the association is aborted first)
     * @throws IOException when the connection, TLS handshake or negotiation fails
     */
    Association open(PeerAccess.Destination destination, String callingAeTitle, List<PresentationContextRQ> contexts,
            List<RoleSelection> roles, RequestHandler handler) throws IOException {
        AAssociateRQ base = Connector.request(destination.aeTitle(), callingAeTitle, contexts, limits);
        AAssociateRQ rq = roles.isEmpty() ? base : new AAssociateRQ(base.calledAeTitle(), base.callingAeTitle(),
                base.presentationContexts(), base.userInformation().withRoleSelections(roles));
        Association association = connector.connect(destination.host(), destination.port(), rq, handler);
        boolean matches;
        try {
            matches = destination.certificateCheck().matches(association.peerCertificates());
        } catch (RuntimeException e) {
            matches = false;
        }
        if (!matches) {
            association.abort();
            association.awaitEnd(limits.artimTimeout());
            throw new CertificateMismatchException(destination.aeTitle());
        }
        return association;
    }
}
