// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogException;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.storage.blob.BlobStore;

/**
 * Decides which instances of a Storage Commitment request the archive commits to (PS3.4 §J.3.3.1.2):
 * an instance is committed only if the catalog holds it (within the scope given: the whole catalog for a
 * peer allowed to store, see StorageCommitmentScp), as the SOP
 * class the requestor names, and its stored object decrypts, authenticates and matches its recorded
 * SHA-256 now. The result is the N-EVENT-REPORT's Event Type ID and Event Information (PS3.4 Table J.3-2).
 */
final class CommitmentCheck {
    /** Failure Reason values (PS3.4 §J.3.3.1.2, PS3.7 Annex C). */
    static final int PROCESSING_FAILURE = 0x0110;
    static final int NO_SUCH_OBJECT_INSTANCE = 0x0112;
    static final int CLASS_INSTANCE_CONFLICT = 0x0119;

    static final int EVENT_SUCCESSFUL = 1;
    static final int EVENT_FAILURES_EXIST = 2;

    private static final System.Logger LOG = System.getLogger(CommitmentCheck.class.getName());

    /** One item of the Referenced SOP Sequence (0008,1199). */
    record Reference(String sopClassUid, String sopInstanceUid) {
    }

    /** The N-EVENT-REPORT to send. */
    record Result(int eventTypeId, Attributes eventInformation, int committed, int failed) {
    }

    private final Catalog catalog;
    private final BlobStore blobs;

    CommitmentCheck(Catalog catalog, BlobStore blobs) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.blobs = Objects.requireNonNull(blobs, "blobs");
    }

    Result check(String transactionUid, List<Reference> references, AccessScope scope, String retrieveAeTitle) {
        Map<String, InstanceLocation> held = new HashMap<>();
        boolean catalogAnswered = true;
        try {
            List<String> uids = references.stream().map(Reference::sopInstanceUid).filter(Objects::nonNull).toList();
            catalog.findInstances(QueryRetrieveLevel.IMAGE, uids, scope)
                    .forEach(i -> held.put(i.sopInstanceUid(), i));
        } catch (CatalogException e) {
            LOG.log(System.Logger.Level.WARNING, "storage commitment: catalog unavailable: {0}", e.getMessage());
            catalogAnswered = false;
        }
        Attributes info = new Attributes();
        info.setString(Tags.TransactionUID, VR.UI, transactionUid);
        List<Attributes> committed = new ArrayList<>();
        List<Attributes> failed = new ArrayList<>();
        for (Reference r : references) {
            int reason = catalogAnswered ? reasonNotCommitted(r, held.get(r.sopInstanceUid())) : PROCESSING_FAILURE;
            Attributes item = new Attributes();
            if (r.sopClassUid() != null) {
                item.setString(Tags.ReferencedSOPClassUID, VR.UI, r.sopClassUid());
            }
            if (r.sopInstanceUid() != null) {
                item.setString(Tags.ReferencedSOPInstanceUID, VR.UI, r.sopInstanceUid());
            }
            if (reason == 0) {
                committed.add(item);
            } else {
                item.setInt(Tags.FailureReason, VR.US, reason);
                failed.add(item);
            }
        }
        if (!committed.isEmpty()) {
            info.setString(Tags.RetrieveAETitle, VR.AE, retrieveAeTitle);
            Sequence seq = info.newSequence(Tags.ReferencedSOPSequence, committed.size());
            committed.forEach(seq::add);
        }
        if (!failed.isEmpty()) {
            Sequence seq = info.newSequence(Tags.FailedSOPSequence, failed.size());
            failed.forEach(seq::add);
        }
        return new Result(failed.isEmpty() ? EVENT_SUCCESSFUL : EVENT_FAILURES_EXIST, info, committed.size(),
                failed.size());
    }

    /** 0 when committed, else the Failure Reason. */
    private int reasonNotCommitted(Reference r, InstanceLocation instance) {
        if (r.sopInstanceUid() == null || r.sopClassUid() == null) {
            return PROCESSING_FAILURE;
        }
        if (instance == null) {
            return NO_SUCH_OBJECT_INSTANCE;
        }
        if (!instance.sopClassUid().equals(r.sopClassUid())) {
            return CLASS_INSTANCE_CONFLICT;
        }
        try {
            blobs.verify(instance.blob().toBlobRef());
            return 0;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "storage commitment refused for blob {0}: {1}",
                    instance.blob().blobId(), e.getMessage());
            return PROCESSING_FAILURE;
        }
    }
}
