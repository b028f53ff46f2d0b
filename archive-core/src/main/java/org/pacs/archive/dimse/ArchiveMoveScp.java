// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.retrieve.MoveOriginator;
import org.pacs.archive.retrieve.RetrieveOutcome;
import org.pacs.archive.retrieve.Retriever;
import org.pacs.archive.retrieve.StoreContexts;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.service.CMoveScp;
import org.pacs.dicom.net.service.QueryRequest;
import org.pacs.dicom.net.service.SubOperations;

/**
 * Patient Root and Study Root Query/Retrieve C-MOVE as SCP (PS3.4 §C.4.2.3): the peer must be allowed
 * to retrieve and to send to the Move Destination, which must be registered (else A801 "Move
 * Destination unknown"); the archive opens a sub-association to it as the AE the peer called, checks
 * the certificate bound to the destination's AE title before anything is sent, and stores each
 * instance with the Move Originator AE title and Message ID. A destination that cannot be reached or
 * fails the certificate check fails every sub-operation (A702). Refusals answer 0124 "Refused: Not
 * Authorized" (PS3.7 Annex C) and are audited.
 *
 * <pre>{@code
 * ServiceRegistry.builder().move(new ArchiveMoveScp(retriever, peerAccess, auditHook, tlsConnector, limits))
 * }</pre>
 */
public final class ArchiveMoveScp implements CMoveScp {
    private static final System.Logger LOG = System.getLogger(ArchiveMoveScp.class.getName());

    private final Retriever retriever;
    private final PeerAccess access;
    private final AuditHook audit;
    private final DestinationConnector destinations;

    /**
     * @param connector opens the sub-associations: a TLS connector presenting the archive's certificate
     * @param limits the maximum PDU length advertised on sub-associations, and their ARTIM timeout
     */
    public ArchiveMoveScp(Retriever retriever, PeerAccess access, AuditHook audit, Connector connector,
            Limits limits) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.destinations = new DestinationConnector(connector, limits);
    }

    @Override
    public int move(Association association, QueryRequest request, SubOperations progress) throws IOException {
        InformationModel model = QueryRetrieveModels.move(request.sopClassUid());
        if (model == null) {
            return Status.SOP_CLASS_NOT_SUPPORTED;
        }
        String what = "C-MOVE to " + request.moveDestination();
        PeerAccess.Decision decision = access.mayRetrieve(association);
        if (!decision.allowed()) {
            LOG.log(System.Logger.Level.INFO, "{0} from {1} refused: {2}", what, association.callingAeTitle(),
                    decision.reason());
            audit.denied(association, what, decision.reason());
            return Status.NOT_AUTHORIZED;
        }
        Optional<PeerAccess.Destination> destination = request.moveDestination() == null ? Optional.empty()
                : access.moveDestination(association, request.moveDestination());
        if (destination.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "{0} from {1}: move destination unknown or not allowed", what,
                    association.callingAeTitle());
            audit.denied(association, what, "move destination unknown or not allowed for this peer");
            return Status.MOVE_DESTINATION_UNKNOWN;
        }
        RetrieveRequests.Resolved resolved = RetrieveRequests.resolve(retriever, access, association, request, model,
                "C-MOVE");
        if (resolved.retrieval() == null) {
            return resolved.failureStatus();
        }
        if (resolved.retrieval().isEmpty()) {
            progress.remaining(0);
            return Status.SUCCESS;
        }
        RetrieveOutcome outcome = sendTo(destination.get(), association, request, resolved, progress);
        RetrieveRequests.audit(audit, association, destination.get().aeTitle(), "C-MOVE", resolved.retrieval(),
                outcome);
        return outcome.status();
    }

    private RetrieveOutcome sendTo(PeerAccess.Destination destination, Association association, QueryRequest request,
            RetrieveRequests.Resolved resolved, SubOperations progress) throws IOException {
        Association sub;
        try {
            sub = destinations.open(destination, association.calledAeTitle(),
                    StoreContexts.proposals(resolved.retrieval().instances()), List.of(), null);
        } catch (DestinationConnector.CertificateMismatchException e) {
            LOG.log(System.Logger.Level.WARNING, "C-MOVE from {0}: {1}; nothing sent", association.callingAeTitle(),
                    e.getMessage());
            audit.denied(association, "C-MOVE to " + destination.aeTitle(), e.getMessage());
            return retriever.failAll(resolved.retrieval(), e.getMessage(), progress);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.INFO, "C-MOVE from {0}: cannot open an association to {1}: {2}",
                    association.callingAeTitle(), destination.aeTitle(), e.getMessage());
            return retriever.failAll(resolved.retrieval(), "cannot open an association to the move destination",
                    progress);
        }
        try (sub) {
            return retriever.send(sub, StoreContexts.Sender.REQUESTOR, new MoveOriginator(
                    association.callingAeTitle(), request.messageId()), resolved.retrieval(), progress,
                    request::isCancelled);
        }
    }
}
