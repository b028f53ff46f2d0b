// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.io.IOException;
import java.util.Map;
import java.util.Set;
import org.pacs.archive.catalog.CatalogException;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.query.InvalidQueryException;
import org.pacs.archive.retrieve.RetrieveKeys;
import org.pacs.archive.retrieve.RetrieveOutcome;
import org.pacs.archive.retrieve.Retrieval;
import org.pacs.archive.retrieve.Retriever;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.QueryRequest;

/**
 * What C-MOVE and C-GET share before and after their sub-operations: reading the identifier and
 * resolving it inside the peer's scope (or the failure status that ends the request, PS3.4 Tables C.4-2
 * and C.4-3), and the audit record of each patient's instances afterwards.
 */
final class RetrieveRequests {
    /** Refused: Out of Resources – Unable to calculate number of matches (PS3.4 Table C.4-2). */
    static final int UNABLE_TO_CALCULATE_MATCHES = 0xA701;

    private static final System.Logger LOG = System.getLogger(RetrieveRequests.class.getName());

    /** Either the instances to send, or the status that ends the request now. */
    record Resolved(Retrieval retrieval, int failureStatus) {
    }

    private RetrieveRequests() {
    }

    static Resolved resolve(Retriever retriever, PeerAccess access, Association association, QueryRequest request,
            InformationModel model, String what) {
        Attributes identifier;
        try {
            identifier = Identifiers.decode(request.identifier(), request.transferSyntax());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "{0} from {1}: identifier cannot be decoded: {2}", what,
                    association.callingAeTitle(), e.getMessage());
            return new Resolved(null, Status.UNABLE_TO_PROCESS);
        }
        RetrieveKeys keys;
        try {
            keys = RetrieveKeys.parse(identifier, model);
        } catch (InvalidQueryException e) {
            LOG.log(System.Logger.Level.INFO, "{0} from {1}: {2}", what, association.callingAeTitle(), e.getMessage());
            return new Resolved(null, Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS);
        }
        try {
            return new Resolved(retriever.resolve(keys, access.scope(association)), Status.SUCCESS);
        } catch (CatalogException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} from {1}: catalog unavailable: {2}", what,
                    association.callingAeTitle(), e.getMessage());
            return new Resolved(null, UNABLE_TO_CALCULATE_MATCHES);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "{0} from {1} failed: {2}", what, association.callingAeTitle(),
                    e.getClass().getName());
            return new Resolved(null, Status.UNABLE_TO_PROCESS);
        }
    }

    /** One audit record per patient, then a log line with counts only. */
    static void audit(AuditHook audit, Association association, String destinationAeTitle, String what,
            Retrieval retrieval, RetrieveOutcome outcome) {
        for (Map.Entry<String, Set<String>> e : retrieval.studiesByPatient().entrySet()) {
            audit.retrieved(association, destinationAeTitle, e.getKey(), e.getValue(), outcome);
        }
        LOG.log(System.Logger.Level.INFO, "{0} from {1} to {2}: {3}", what, association.callingAeTitle(),
                destinationAeTitle, outcome);
    }
}
