// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.query.QueryEngine;
import org.pacs.archive.query.QueryRequest;
import org.pacs.archive.query.QueryResults;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.DataWriter;
import org.pacs.dicom.net.dimse.CommandSet;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.SubOperations;
import org.pacs.storage.blob.BlobStore;

/**
 * The archive's one retrieve path, behind C-MOVE and C-GET (and WADO to come): resolves an identifier
 * to instances through the catalog inside the caller's access scope, then sends each over an
 * association as a C-STORE sub-operation (PS3.4 §C.4.2.3, §C.4.3.3), streaming the stored data set
 * byte for byte or transcoding it to an accepted native syntax, counting each outcome and stopping at
 * a C-CANCEL.
 *
 * <pre>{@code
 * Retrieval r = retriever.resolve(RetrieveKeys.parse(identifier, model), access.scope(association));
 * RetrieveOutcome o = retriever.send(association, StoreContexts.Sender.ACCEPTOR, null, r, progress,
 *         request::isCancelled);
 * return o.status();
 * }</pre>
 */
public final class Retriever {
    private static final System.Logger LOG = System.getLogger(Retriever.class.getName());

    private final Catalog catalog;
    private final BlobStore blobs;
    private final QueryEngine engine;
    private final Duration storeTimeout;

    /**
     * @param storeTimeout how long to wait for each C-STORE response; past it the association is aborted
     */
    public Retriever(Catalog catalog, BlobStore blobs, QueryEngine engine, Duration storeTimeout) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.storeTimeout = Objects.requireNonNull(storeTimeout, "storeTimeout");
    }

    /**
     * The instances {@code keys} name that {@code scope} may see, with their patients and studies.
     *
     * @throws org.pacs.archive.catalog.CatalogException when the catalog cannot answer
     */
    public Retrieval resolve(RetrieveKeys keys, AccessScope scope) {
        List<InstanceLocation> found = catalog.findInstances(keys.level(), keys.uids(), scope).stream()
                .filter(i -> keys.studyInstanceUid() == null || keys.studyInstanceUid().equals(i.studyInstanceUid()))
                .filter(i -> keys.seriesInstanceUid() == null
                        || keys.seriesInstanceUid().equals(i.seriesInstanceUid()))
                .toList();
        Set<String> studies = new LinkedHashSet<>();
        found.forEach(i -> studies.add(i.studyInstanceUid()));
        Map<String, String> patientOfStudy = keys.level() == QueryRetrieveLevel.PATIENT && keys.uids().size() == 1
                ? constant(studies, keys.uids().getFirst()) : patients(studies, scope);
        if (keys.patientId() != null) {
            found = found.stream().filter(i -> keys.patientId().equals(patientOfStudy.get(i.studyInstanceUid())))
                    .toList();
        }
        Map<String, Set<String>> byPatient = new LinkedHashMap<>();
        for (InstanceLocation i : found) {
            String patient = patientOfStudy.getOrDefault(i.studyInstanceUid(), "");
            byPatient.computeIfAbsent(patient, k -> new LinkedHashSet<>()).add(i.studyInstanceUid());
        }
        return new Retrieval(found, byPatient);
    }

    private static Map<String, String> constant(Set<String> studies, String patientId) {
        Map<String, String> out = new HashMap<>();
        studies.forEach(s -> out.put(s, patientId));
        return out;
    }

    /** The Patient ID of each study, asked of the one query engine (the catalog's instance rows lack it). */
    private Map<String, String> patients(Set<String> studies, AccessScope scope) {
        Map<String, String> out = new HashMap<>();
        if (studies.isEmpty()) {
            return out;
        }
        Attributes keys = new Attributes();
        keys.setString(Tags.StudyInstanceUID, VR.UI, studies.toArray(String[]::new));
        keys.setNull(Tags.PatientID, VR.LO);
        try (QueryResults results = engine.query(QueryRequest.of(QueryRetrieveLevel.STUDY,
                InformationModel.STUDY_ROOT, keys, scope))) {
            results.forEachRemaining(a -> out.put(a.getString(Tags.StudyInstanceUID), a.getString(Tags.PatientID, "")));
        }
        return out;
    }

    /**
     * Sends every instance of {@code retrieval} over {@code association} and reports each sub-operation
     * to {@code progress}. Before each one, {@code cancelled} is asked (C-CANCEL, PS3.7 §9.3.2.3).
     *
     * @param originator the C-MOVE requestor, or null for a C-GET
     * @throws IOException when {@code progress} cannot reach the requestor any more
     */
    public RetrieveOutcome send(Association association, StoreContexts.Sender sender, MoveOriginator originator,
            Retrieval retrieval, SubOperations progress, BooleanSupplier cancelled) throws IOException {
        Tally tally = new Tally(progress);
        List<InstanceLocation> instances = retrieval.instances();
        progress.remaining(instances.size());
        for (int i = 0; i < instances.size(); i++) {
            InstanceLocation instance = instances.get(i);
            if (cancelled.getAsBoolean()) {
                return tally.outcome(instances.size() - i, true);
            }
            if (!association.isEstablished()) {
                tally.failed(instance, "association ended before this sub-operation");
                continue;
            }
            sendOne(association, sender, originator, instance, tally);
        }
        return tally.outcome(0, false);
    }

    /** Counts every instance of {@code retrieval} as failed for {@code reason}: no association to send them on. */
    public RetrieveOutcome failAll(Retrieval retrieval, String reason, SubOperations progress) throws IOException {
        Tally tally = new Tally(progress);
        progress.remaining(retrieval.size());
        for (InstanceLocation instance : retrieval.instances()) {
            tally.failed(instance, reason);
        }
        return tally.outcome(0, false);
    }

    private void sendOne(Association association, StoreContexts.Sender sender, MoveOriginator originator,
            InstanceLocation instance, Tally tally) throws IOException {
        Optional<StoreContexts.Choice> choice = StoreContexts.choose(association.contexts().values(), sender,
                instance.sopClassUid(), instance.transferSyntaxUid());
        if (choice.isEmpty()) {
            tally.failed(instance, "no accepted presentation context for " + instance.sopClassUid() + " in "
                    + instance.transferSyntaxUid() + (Transcoder.canRead(instance.transferSyntaxUid())
                    ? " or a native transfer syntax" : " (compressed; not transcoded)"));
            return;
        }
        StoreContexts.Choice c = choice.get();
        CommandSet rsp;
        try (StoredObject stored = StoredObject.open(blobs, instance)) {
            if (!stored.transferSyntaxUid().equals(instance.transferSyntaxUid())) {
                tally.failed(instance, "stored object's transfer syntax differs from the catalog");
                return;
            }
            DataWriter data;
            if (c.transcode()) {
                Attributes dataSet = Transcoder.read(stored.dataSet(), stored.transferSyntaxUid());
                String target = c.context().transferSyntax();
                data = out -> Transcoder.write(dataSet, target, out);
            } else {
                data = passThrough(association, stored.dataSet());
            }
            try {
                rsp = Scu.store(association, c.context(), instance.sopInstanceUid(), data,
                        originator == null ? null : originator.aeTitle(),
                        originator == null ? 0 : originator.messageId(), storeTimeout);
            } catch (SourceFailure e) {
                LOG.log(System.Logger.Level.WARNING, "retrieve to {0}: {1}; association aborted",
                        peerAe(association, sender), e.getMessage());
                tally.failed(instance, "stored object failed authentication while being sent");
                return;
            } catch (SocketTimeoutException e) {
                // The response may still come; the association's state is unknown, so it ends here.
                association.abort();
                tally.failed(instance, "no C-STORE response within " + storeTimeout);
                return;
            } catch (IOException e) {
                tally.failed(instance, "association ended during the sub-operation");
                return;
            }
        } catch (IOException e) {
            // Before anything was sent: the association is still usable for the next instance.
            LOG.log(System.Logger.Level.WARNING, "retrieve: stored object (blob {0}) unreadable: {1}",
                    instance.blob().blobId(), e.getMessage());
            tally.failed(instance, "stored object unreadable");
            return;
        }
        int status = rsp.status();
        if (Status.isSuccess(status)) {
            tally.completed(instance, status);
        } else {
            String comment = rsp.getString(CommandSet.ERROR_COMMENT);
            String reason = String.format("C-STORE status %04X", status) + (comment == null ? "" : ": " + comment);
            if (Status.isWarning(status)) {
                tally.warned(instance, status, reason);
            } else {
                tally.failed(instance, status, reason);
            }
        }
    }

    /**
     * Streams the stored data set unchanged. A read failure (a segment failing authentication) aborts
     * the association before the failure propagates: otherwise the message would end with a last
     * fragment and the peer would take a truncated data set for a whole one.
     */
    private static DataWriter passThrough(Association association, InputStream dataSet) {
        return out -> {
            byte[] buf = new byte[64 * 1024];
            while (true) {
                int n;
                try {
                    n = dataSet.read(buf);
                } catch (IOException e) {
                    association.abort();
                    throw new SourceFailure(e);
                }
                if (n < 0) {
                    return;
                }
                out.write(buf, 0, n);
            }
        };
    }

    private static String peerAe(Association association, StoreContexts.Sender sender) {
        return sender == StoreContexts.Sender.REQUESTOR ? association.calledAeTitle() : association.callingAeTitle();
    }

    /** Counts sub-operations and tells the requestor after each. */
    private static final class Tally {
        private final SubOperations progress;
        private final List<RetrieveOutcome.Failure> failures = new ArrayList<>();
        private int completed;
        private int failed;
        private int warning;

        Tally(SubOperations progress) {
            this.progress = progress;
        }

        void completed(InstanceLocation instance, int status) throws IOException {
            completed++;
            progress.completed(instance.sopInstanceUid(), status);
        }

        void warned(InstanceLocation instance, int status, String reason) throws IOException {
            warning++;
            LOG.log(System.Logger.Level.DEBUG, "sub-operation warning: {0}", reason);
            progress.completed(instance.sopInstanceUid(), status);
        }

        void failed(InstanceLocation instance, String reason) throws IOException {
            failed(instance, Status.PROCESSING_FAILURE, reason);
        }

        void failed(InstanceLocation instance, int status, String reason) throws IOException {
            failed++;
            failures.add(new RetrieveOutcome.Failure(instance.sopInstanceUid(), reason));
            progress.completed(instance.sopInstanceUid(), status);
        }

        RetrieveOutcome outcome(int remaining, boolean cancelled) {
            return new RetrieveOutcome(completed, failed, warning, remaining, cancelled, failures);
        }
    }
}
