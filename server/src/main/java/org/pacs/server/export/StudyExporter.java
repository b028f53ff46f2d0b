// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.storage.blob.BlobStore;

/**
 * Writes a study's instances as Part 10 files (PS3.10) into a folder, as stored or de-identified with
 * the Basic Application Level Confidentiality Profile (PS3.15 §E.1). The files are plaintext on
 * purpose: the operator asked for them; they are readable by their owner only. Names carry no
 * identifiers: {@code S001/I00001.dcm} by series and instance order.
 *
 * <pre>{@code
 * StudyExporter.Result r = new StudyExporter(catalog, blobs).export(studyUid, out, true, n -> { });
 * }</pre>
 */
public final class StudyExporter {
    /**
     * @param patientId the study's Patient ID (for the audit record), or "" if it has none
     * @param burnedInAnnotation true if an instance says Burned In Annotation (0028,0301) YES
     */
    public record Result(int instances, String patientId, boolean burnedInAnnotation) {
    }

    private final Catalog catalog;
    private final BlobStore blobs;

    public StudyExporter(Catalog catalog, BlobStore blobs) {
        this.catalog = catalog;
        this.blobs = blobs;
    }

    /** The instances of a study, in order; empty if the archive does not hold it. */
    public List<InstanceLocation> instancesOf(String studyInstanceUid) {
        return catalog.findInstances(QueryRetrieveLevel.STUDY, studyInstanceUid);
    }

    /**
     * Exports the study into {@code out} (created; must be empty), telling {@code progress} the number
     * of instances written so far.
     */
    public Result export(String studyInstanceUid, Path out, boolean deidentify, LongConsumer progress)
            throws IOException {
        List<InstanceLocation> instances = instancesOf(studyInstanceUid);
        Files.createDirectories(out);
        try (var existing = Files.list(out)) {
            if (existing.findAny().isPresent()) {
                throw new IOException(out + " is not empty: export into a new or empty folder");
            }
        }
        UidRemapper uids = new UidRemapper(new SecureRandom());
        Deidentifier deidentifier = new Deidentifier(uids);
        Map<String, Integer> seriesIndex = new HashMap<>();
        Map<String, Integer> instanceIndex = new HashMap<>();
        boolean burnedIn = false;
        int written = 0;
        try {
            for (InstanceLocation i : instances) {
                int s = seriesIndex.computeIfAbsent(i.seriesInstanceUid(), k -> seriesIndex.size() + 1);
                int n = instanceIndex.merge(i.seriesInstanceUid(), 1, Integer::sum);
                Path file = out.resolve("S%03d".formatted(s)).resolve("I%05d.dcm".formatted(n));
                org.pacs.auth.secrets.AtomicFile.createOwnerOnlyDirectories(file.getParent());
                Files.createFile(file, org.pacs.auth.secrets.AtomicFile.ownerOnlyFile(file));
                if (deidentify) {
                    burnedIn |= writeDeidentified(i, file, deidentifier);
                } else {
                    try (InputStream in = blobs.open(i.blob().toBlobRef());
                         OutputStream o = Files.newOutputStream(file, java.nio.file.StandardOpenOption.WRITE)) {
                        in.transferTo(o);
                    }
                }
                progress.accept(++written);
            }
        } finally {
            uids.destroy();
        }
        return new Result(written, patientIdOf(studyInstanceUid), burnedIn);
    }

    private boolean writeDeidentified(InstanceLocation i, Path file, Deidentifier deidentifier) throws IOException {
        Attributes ds;
        String ts;
        try (InputStream in = blobs.open(i.blob().toBlobRef());
             Part10Reader r = new Part10Reader(in, ReadOptions.defaults().withBulkData(BulkDataPolicy.spool(),
                     ReadOptions.DEFAULT_BULK_DATA_THRESHOLD))) {
            ds = r.readDataSet();
            ts = r.transferSyntax().uid();
        }
        boolean burnedIn = "YES".equalsIgnoreCase(ds.getString(Tags.BurnedInAnnotation, "").strip());
        deidentifier.apply(ds);
        Part10Writer.write(file, Part10Writer.fileMetaInformation(ds, ts), ds);
        return burnedIn;
    }

    private String patientIdOf(String studyInstanceUid) {
        return catalog.read(s -> s.createSelectionQuery(
                "select st.patient.patientId from Study st where st.studyInstanceUid = :uid", String.class)
                .setParameter("uid", studyInstanceUid).getResultStream().findFirst().orElse(""));
    }
}
