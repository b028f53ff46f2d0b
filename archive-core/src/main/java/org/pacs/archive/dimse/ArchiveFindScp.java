// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.io.IOException;
import java.util.Objects;
import org.pacs.archive.catalog.CatalogException;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.query.InvalidQueryException;
import org.pacs.archive.query.QueryEngine;
import org.pacs.archive.query.QueryOptions;
import org.pacs.archive.query.QueryResults;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.SopClassExtendedNegotiation;
import org.pacs.dicom.net.service.CFindScp;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.QueryRequest;

/**
 * Patient Root and Study Root Query/Retrieve C-FIND as SCP (PS3.4 §C.4.1.3): decodes the identifier,
 * runs it through the archive's one {@link QueryEngine} inside the peer's access scope, and streams
 * each match as a pending response in the request's transfer syntax. Statuses (PS3.4 Table C.4-1):
 * A900 for an identifier the model cannot answer, A700 when the catalog is unavailable, C000 when the
 * identifier cannot be decoded or the query fails otherwise, FE00 after a C-CANCEL; a peer the access
 * policy does not allow to query gets 0124 "Refused: Not Authorized" (a general status of PS3.7
 * Annex C, valid for every DIMSE response) and the refusal is audited.
 *
 * <pre>{@code
 * ServiceRegistry.builder().find(new ArchiveFindScp(engine, peerAccess, auditHook, QueryOptions.DEFAULT))
 * }</pre>
 */
public final class ArchiveFindScp implements CFindScp {
    private static final System.Logger LOG = System.getLogger(ArchiveFindScp.class.getName());

    private final QueryEngine engine;
    private final PeerAccess access;
    private final AuditHook audit;
    private final QueryOptions defaults;

    /**
     * @param defaults matching options before extended negotiation: relational queries, combined
     *     date-time and fuzzy person-name matching are turned on when the association's A-ASSOCIATE-AC
     *     accepted them for the SOP class (PS3.4 §C.5.1.1.1, §C.5.2.1.1)
     */
    public ArchiveFindScp(QueryEngine engine, PeerAccess access, AuditHook audit, QueryOptions defaults) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.access = Objects.requireNonNull(access, "access");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.defaults = Objects.requireNonNull(defaults, "defaults");
    }

    @Override
    public int find(Association association, QueryRequest request, Matches matches) throws IOException {
        InformationModel model = QueryRetrieveModels.find(request.sopClassUid());
        if (model == null) {
            return Status.SOP_CLASS_NOT_SUPPORTED;
        }
        PeerAccess.Decision decision = access.mayQuery(association);
        if (!decision.allowed()) {
            LOG.log(System.Logger.Level.INFO, "C-FIND from {0} refused: {1}", association.callingAeTitle(),
                    decision.reason());
            audit.denied(association, "C-FIND", decision.reason());
            return Status.NOT_AUTHORIZED;
        }
        Attributes keys;
        try {
            keys = Identifiers.decode(request.identifier(), request.transferSyntax());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "C-FIND from {0}: identifier cannot be decoded: {1}",
                    association.callingAeTitle(), e.getMessage());
            return Status.UNABLE_TO_PROCESS;
        }
        QueryRetrieveLevel level = QueryRetrieveLevel.of(keys.getString(Tags.QueryRetrieveLevel));
        if (level == null) {
            LOG.log(System.Logger.Level.INFO, "C-FIND from {0}: no valid Query/Retrieve Level",
                    association.callingAeTitle());
            return Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS;
        }
        // The audit record's fsync runs while the query searches; no response leaves before it is durable.
        Thread auditing = Thread.ofVirtual().name("find-audit").start(() ->
                audit.query(association, request.sopClassUid(), request.identifier(), request.transferSyntax()));
        boolean retrieveAeTitle = keys.contains(Tags.RetrieveAETitle);
        org.pacs.archive.query.QueryRequest query = new org.pacs.archive.query.QueryRequest(level, model, keys,
                access.scope(association), negotiated(association, request.sopClassUid()), 0, 0);
        try (QueryResults results = engine.query(query)) {
            while (true) {
                if (request.isCancelled()) {
                    results.cancel();
                    return Status.CANCEL;
                }
                if (!results.hasNext()) {
                    return Status.SUCCESS;
                }
                Attributes match = results.next();
                if (retrieveAeTitle) {
                    // PS3.4 §C.4.1.1.3.2: where the match can be retrieved from, this AE.
                    match.setString(Tags.RetrieveAETitle, VR.AE, association.calledAeTitle());
                }
                awaitUninterruptibly(auditing);
                matches.send(Identifiers.encode(match, request.transferSyntax()));
            }
        } catch (InvalidQueryException e) {
            LOG.log(System.Logger.Level.INFO, "C-FIND from {0}: {1}", association.callingAeTitle(), e.getMessage());
            return Status.IDENTIFIER_DOES_NOT_MATCH_SOP_CLASS;
        } catch (CatalogException e) {
            LOG.log(System.Logger.Level.WARNING, "C-FIND from {0}: catalog unavailable: {1}",
                    association.callingAeTitle(), e.getMessage());
            return Status.OUT_OF_RESOURCES;
        } catch (RuntimeException e) {
            // The class only: a message from deep in the query could quote a value.
            LOG.log(System.Logger.Level.WARNING, "C-FIND from {0} failed: {1}", association.callingAeTitle(),
                    e.getClass().getName());
            return Status.UNABLE_TO_PROCESS;
        } finally {
            awaitUninterruptibly(auditing);
        }
    }

    private static void awaitUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The options the acceptor agreed to in its SOP Class Extended Negotiation reply (PS3.4 Table
     * C.5-1): byte 1 relational queries, byte 2 combined date-time matching, byte 3 fuzzy semantic
     * matching of person names; each 1 when supported.
     */
    private QueryOptions negotiated(Association association, String sopClassUid) {
        QueryOptions options = defaults;
        if (association.accept() == null) {
            return options;
        }
        for (SopClassExtendedNegotiation n : association.accept().userInformation().extendedNegotiations()) {
            if (!n.sopClassUid().equals(sopClassUid)) {
                continue;
            }
            byte[] info = n.applicationInformation();
            if (info.length > 0 && info[0] == 1) {
                options = options.withRelational(true);
            }
            if (info.length > 1 && info[1] == 1) {
                options = options.withCombinedDateTime(true);
            }
            if (info.length > 2 && info[2] == 1) {
                options = options.withFuzzyPersonNames(true);
            }
        }
        return options;
    }
}
