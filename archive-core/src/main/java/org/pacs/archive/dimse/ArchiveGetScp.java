// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.io.IOException;
import java.util.Objects;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.retrieve.RetrieveOutcome;
import org.pacs.archive.retrieve.Retriever;
import org.pacs.archive.retrieve.StoreContexts;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.service.CGetScp;
import org.pacs.dicom.net.service.QueryRequest;
import org.pacs.dicom.net.service.SubOperations;

/**
 * Patient Root and Study Root Query/Retrieve C-GET as SCP (PS3.4 §C.4.3.3): the same retrieve path as
 * C-MOVE, storing back over the requestor's own association on the storage contexts for which it took
 * the SCP role (PS3.7 §D.3.3.4). An instance with no usable context (its SOP class not negotiated, or
 * stored compressed in a syntax the requestor did not accept) is a failed sub-operation. A peer not
 * allowed to retrieve gets 0124 "Refused: Not Authorized" (PS3.7 Annex C), audited.
 *
 * <pre>{@code
 * ServiceRegistry.builder().get(new ArchiveGetScp(retriever, peerAccess, auditHook))
 * }</pre>
 */
public final class ArchiveGetScp implements CGetScp {
    private static final System.Logger LOG = System.getLogger(ArchiveGetScp.class.getName());

    private final Retriever retriever;
    private final PeerAccess access;
    private final AuditHook audit;

    public ArchiveGetScp(Retriever retriever, PeerAccess access, AuditHook audit) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    @Override
    public int get(Association association, QueryRequest request, SubOperations progress) throws IOException {
        InformationModel model = QueryRetrieveModels.get(request.sopClassUid());
        if (model == null) {
            return Status.SOP_CLASS_NOT_SUPPORTED;
        }
        PeerAccess.Decision decision = access.mayRetrieve(association);
        if (!decision.allowed()) {
            LOG.log(System.Logger.Level.INFO, "C-GET from {0} refused: {1}", association.callingAeTitle(),
                    decision.reason());
            audit.denied(association, "C-GET", decision.reason());
            return Status.NOT_AUTHORIZED;
        }
        RetrieveRequests.Resolved resolved = RetrieveRequests.resolve(retriever, access, association, request, model,
                "C-GET");
        if (resolved.retrieval() == null) {
            return resolved.failureStatus();
        }
        if (resolved.retrieval().isEmpty()) {
            progress.remaining(0);
            return Status.SUCCESS;
        }
        RetrieveOutcome outcome = retriever.send(association, StoreContexts.Sender.ACCEPTOR, null,
                resolved.retrieval(), progress, request::isCancelled);
        RetrieveRequests.audit(audit, association, association.callingAeTitle(), "C-GET", resolved.retrieval(),
                outcome);
        return outcome.status();
    }
}
