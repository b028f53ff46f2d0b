// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.delete;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pacs.archive.catalog.BlobLocation;
import org.pacs.archive.catalog.Catalog;
import org.pacs.storage.blob.BlobStore;

/**
 * Deletes studies (for corrections and erasure requests): each study's rows go in one catalog
 * transaction, so a study is either wholly visible or gone, and only then are its blobs deleted. A
 * crash between the two leaves unreferenced blobs, which nobody can reach (no row names them) and
 * {@code ./pacs verify} reports. The catalog is forced to the disk before the blobs go, so the
 * embedded database's write delay cannot bring a deleted study back without its blobs.
 *
 * <p>The caller must first empty the ingest journal ({@code IngestPipeline.recover()} does), or a
 * recovery at the next start could record a deleted instance again.
 */
public final class Deletion {
    private static final Logger LOG = Logger.getLogger(Deletion.class.getName());

    /** What one study's deletion removed. */
    public record Deleted(String studyInstanceUid, int instances, int blobsNotDeleted) {
    }

    private final Catalog catalog;
    private final BlobStore blobs;

    public Deletion(Catalog catalog, BlobStore blobs) {
        this.catalog = catalog;
        this.blobs = blobs;
    }

    /** The studies of every patient with {@code patientId} (any issuer), grouped by patient ID. */
    public List<String> studiesOfPatient(String patientId) {
        return catalog.read(s -> s.createSelectionQuery(
                "select st.studyInstanceUid from Study st where st.patient.patientId = :pid order by st.id",
                String.class).setParameter("pid", patientId).getResultList());
    }

    /** Study Instance UID to its Patient ID ("" if none), for the studies the archive holds. */
    public Map<String, String> patientsOf(List<String> studyInstanceUids) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String uid : studyInstanceUids) {
            catalog.read(s -> s.createSelectionQuery(
                    "select st.patient.patientId from Study st where st.studyInstanceUid = :uid", String.class)
                    .setParameter("uid", uid).getResultStream().findFirst())
                    .ifPresent(pid -> out.put(uid, pid == null ? "" : pid));
        }
        return out;
    }

    public long instancesOf(String studyInstanceUid) {
        return catalog.read(s -> s.createSelectionQuery(
                "select count(i) from Instance i where i.series.study.studyInstanceUid = :uid", Long.class)
                .setParameter("uid", studyInstanceUid).getSingleResult());
    }

    /** Deletes one study: rows in one transaction, made durable, then its blobs. */
    public Deleted deleteStudy(String studyInstanceUid) {
        List<BlobLocation> gone = catalog.writer().deleteStudy(studyInstanceUid);
        catalog.checkpoint();
        int failed = 0;
        for (BlobLocation b : gone) {
            try {
                blobs.delete(b.toBlobRef().id());
            } catch (IOException e) {
                failed++;
                LOG.log(Level.WARNING, "could not delete blob " + b.blobId() + " of a deleted study", e);
            }
        }
        return new Deleted(studyInstanceUid, gone.size(), failed);
    }

    /** Deletes several studies, one transaction each, in order. */
    public List<Deleted> deleteStudies(List<String> studyInstanceUids) {
        List<Deleted> done = new ArrayList<>();
        for (String uid : studyInstanceUids) {
            done.add(deleteStudy(uid));
        }
        return done;
    }
}
