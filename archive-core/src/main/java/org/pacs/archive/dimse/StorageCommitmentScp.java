// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.Catalog;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.RequestHandler;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.dimse.Dimse;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.RoleSelection;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.NActionScp;
import org.pacs.dicom.net.service.NRequest;
import org.pacs.dicom.net.service.NResult;
import org.pacs.dicom.net.service.Scu;
import org.pacs.storage.blob.BlobStore;

/**
 * Storage Commitment Push Model as SCP (PS3.4 Annex J): answers the N-ACTION "Request Storage
 * Commitment" (Action Type ID 1) at once, then checks each referenced instance ({@link CommitmentCheck}:
 * in the catalog and its stored object verifies) and reports with N-EVENT-REPORT, Event Type 1 when all
 * are committed, 2 with the Failed SOP Sequence otherwise (§J.3.3.1.2). The report goes on the same
 * association while it is open; otherwise, or if the requestor refuses it there, on a new association
 * to the destination registered for the requestor's AE title, proposing the SCP role (§J.3.3.1.3 note).
 *
 * <p>So that the report never overtakes the N-ACTION response, wrap the AE's request handler:
 *
 * <pre>{@code
 * StorageCommitmentScp commitment = new StorageCommitmentScp(catalog, blobs, peerAccess, auditHook,
 *         tlsConnector, limits, Duration.ofSeconds(30));
 * RequestHandler handler = commitment.reportingAfterResponse(
 *         ServiceRegistry.builder().action(commitment).find(find).move(move).get(get).build());
 * }</pre>
 *
 * Unwrapped, the report is sent from its own thread as soon as the check is done.
 */
public final class StorageCommitmentScp implements NActionScp {
    /** N-ACTION failure statuses (PS3.7 §10.1.4.1.10, Annex C). */
    static final int INVALID_ARGUMENT_VALUE = 0x0115;

    private static final int REQUEST_STORAGE_COMMITMENT = 1;
    private static final System.Logger LOG = System.getLogger(StorageCommitmentScp.class.getName());

    /** Reports waiting for the N-ACTION response, when running inside {@link #reportingAfterResponse}. */
    private static final ThreadLocal<List<Runnable>> AFTER_RESPONSE = new ThreadLocal<>();

    private final CommitmentCheck check;
    private final PeerAccess access;
    private final AuditHook audit;
    private final DestinationConnector destinations;
    private final Duration reportTimeout;

    /**
     * @param connector opens the report association when the requestor's is gone: a TLS connector
     * @param reportTimeout how long to wait for the N-EVENT-REPORT response
     */
    public StorageCommitmentScp(Catalog catalog, BlobStore blobs, PeerAccess access, AuditHook audit,
            Connector connector, Limits limits, Duration reportTimeout) {
        this.check = new CommitmentCheck(catalog, blobs);
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.destinations = new DestinationConnector(connector, limits);
        this.reportTimeout = Objects.requireNonNull(reportTimeout, "reportTimeout");
    }

    /**
     * The AE's request handler, with each storage commitment report sent on the serving thread right
     * after {@code services} has answered the N-ACTION.
     */
    public RequestHandler reportingAfterResponse(RequestHandler services) {
        return (association, request) -> {
            List<Runnable> after = new ArrayList<>(1);
            AFTER_RESPONSE.set(after);
            try {
                services.onRequest(association, request);
            } finally {
                AFTER_RESPONSE.remove();
            }
            after.forEach(Runnable::run);
        };
    }

    @Override
    public NResult handle(Association association, NRequest request) throws IOException {
        if (!UID.StorageCommitmentPushModel.equals(request.sopClassUid())) {
            return NResult.status(Status.NO_SUCH_SOP_CLASS);
        }
        if (request.typeId() != REQUEST_STORAGE_COMMITMENT) {
            return NResult.status(Status.NO_SUCH_ACTION_TYPE);
        }
        if (!UID.StorageCommitmentPushModelInstance.equals(request.sopInstanceUid())) {
            return NResult.status(Status.NO_SUCH_SOP_INSTANCE);
        }
        PeerAccess.Decision decision = access.mayStore(association);
        if (!decision.allowed()) {
            LOG.log(System.Logger.Level.INFO, "storage commitment from {0} refused: {1}", association.callingAeTitle(),
                    decision.reason());
            audit.denied(association, "Storage Commitment", decision.reason());
            return NResult.status(Status.NOT_AUTHORIZED);
        }
        Attributes action;
        try {
            action = request.dataSet() == null ? null : Identifiers.decode(request.dataSet(), request.transferSyntax());
        } catch (IOException | RuntimeException e) {
            action = null;
        }
        String transactionUid = action == null ? null : action.getString(Tags.TransactionUID);
        Sequence referenced = action == null ? null : action.getSequence(Tags.ReferencedSOPSequence);
        if (transactionUid == null || referenced == null || referenced.isEmpty()) {
            LOG.log(System.Logger.Level.INFO, "storage commitment from {0}: no Transaction UID or Referenced SOP"
                    + " Sequence", association.callingAeTitle());
            return NResult.status(INVALID_ARGUMENT_VALUE);
        }
        List<CommitmentCheck.Reference> references = new ArrayList<>(referenced.size());
        for (Attributes item : referenced) {
            references.add(new CommitmentCheck.Reference(item.getString(Tags.ReferencedSOPClassUID),
                    item.getString(Tags.ReferencedSOPInstanceUID)));
        }
        // Asked now, while the requestor's association is certainly open. A peer that may store asks about
        // objects it sent: the check runs over what the archive holds, not over what the peer may read
        // (a modality registered to store only reads nothing, and would never get a commitment). It learns
        // no more than whether instances whose UIDs it names are held intact, never their contents.
        Report report = new Report(association, transactionUid, references, AccessScope.all(),
                access.moveDestination(association, association.callingAeTitle()));
        List<Runnable> after = AFTER_RESPONSE.get();
        if (after != null) {
            after.add(report::run);
        } else {
            Thread.ofVirtual().name("storage-commitment-report").start(report::run);
        }
        return NResult.status(Status.SUCCESS);
    }

    /** One accepted request: check, then deliver the N-EVENT-REPORT. */
    private final class Report {
        private final Association association;
        private final String transactionUid;
        private final List<CommitmentCheck.Reference> references;
        private final AccessScope scope;
        private final Optional<PeerAccess.Destination> fallback;
        private final String localAeTitle;
        private final String requestorAeTitle;

        Report(Association association, String transactionUid, List<CommitmentCheck.Reference> references,
                AccessScope scope, Optional<PeerAccess.Destination> fallback) {
            this.association = association;
            this.transactionUid = transactionUid;
            this.references = references;
            this.scope = scope;
            this.fallback = fallback;
            this.localAeTitle = association.calledAeTitle();
            this.requestorAeTitle = association.callingAeTitle();
        }

        void run() {
            CommitmentCheck.Result result = check.check(transactionUid, references, scope, localAeTitle);
            LOG.log(System.Logger.Level.INFO, "storage commitment for {0}: {1} committed, {2} failed",
                    requestorAeTitle, result.committed(), result.failed());
            if (sendOnSameAssociation(result)) {
                return;
            }
            if (fallback.isEmpty()) {
                LOG.log(System.Logger.Level.WARNING, "storage commitment report for {0} not delivered: its association"
                        + " is gone and no destination is registered for it", requestorAeTitle);
                return;
            }
            sendOnNewAssociation(fallback.get(), result);
        }

        private boolean sendOnSameAssociation(CommitmentCheck.Result result) {
            if (!association.isEstablished()) {
                return false;
            }
            Optional<AcceptedContext> pc = association.context(UID.StorageCommitmentPushModel);
            if (pc.isEmpty()) {
                return false;
            }
            try {
                int status = eventReport(association, pc.get(), result);
                if (Status.isSuccess(status)) {
                    return true;
                }
                LOG.log(System.Logger.Level.INFO, "storage commitment report refused by {0} with status {1}; trying a"
                        + " new association", requestorAeTitle, String.format("%04X", status));
            } catch (IOException e) {
                LOG.log(System.Logger.Level.INFO, "storage commitment report to {0} on its association failed: {1};"
                        + " trying a new association", requestorAeTitle, e.getMessage());
            }
            return false;
        }

        private void sendOnNewAssociation(PeerAccess.Destination destination, CommitmentCheck.Result result) {
            List<PresentationContextRQ> contexts = List.of(new PresentationContextRQ(1,
                    UID.StorageCommitmentPushModel, UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian));
            List<RoleSelection> roles = List.of(new RoleSelection(UID.StorageCommitmentPushModel, false, true));
            try (Association report = destinations.open(destination, localAeTitle, contexts, roles, null)) {
                AcceptedContext pc = report.context(UID.StorageCommitmentPushModel).orElseThrow(
                        () -> new IOException(destination.aeTitle() + " did not accept Storage Commitment"));
                int status = eventReport(report, pc, result);
                if (!Status.isSuccess(status)) {
                    LOG.log(System.Logger.Level.WARNING, "storage commitment report refused by {0} with status {1}",
                            destination.aeTitle(), String.format("%04X", status));
                }
            } catch (DestinationConnector.CertificateMismatchException e) {
                LOG.log(System.Logger.Level.WARNING, "storage commitment report not sent: {0}", e.getMessage());
                audit.denied(association, "Storage Commitment report to " + destination.aeTitle(), e.getMessage());
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "storage commitment report to {0} not delivered: {1}",
                        destination.aeTitle(), e.getMessage());
            }
        }

        private int eventReport(Association on, AcceptedContext pc, CommitmentCheck.Result result)
                throws IOException {
            byte[] info = Identifiers.encode(result.eventInformation(), pc.transferSyntax());
            return Scu.n(on, pc, Dimse.N_EVENT_REPORT_RQ, UID.StorageCommitmentPushModelInstance,
                    result.eventTypeId(), null, info, reportTimeout).status();
        }
    }
}
