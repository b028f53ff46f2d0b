// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.ingest;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.CatalogSecrets;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UID;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KdfParameters;
import org.pacs.storage.crypto.KekSecret;
import org.pacs.storage.crypto.KekSecretSource;
import org.pacs.storage.crypto.KeyRing;

/**
 * Benchmark of the ingest path in one process (no network, no TLS), not a test: blob store, catalog and
 * journal as the server wires them, ROUNDS rounds of STUDIES x 2 series x 5 instances of PIXEL_BYTES each
 * over THREADS threads; each round prints its rate. For profiling the path with JFR.
 *
 * <pre>java -cp ... org.pacs.archive.ingest.IngestBench DIR ROUNDS STUDIES THREADS PIXEL_BYTES</pre>
 */
public final class IngestBench {
    private IngestBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int rounds = Integer.parseInt(args[1]);
        int studies = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int pixelBytes = Integer.parseInt(args[4]);
        KekSecret secret = KekSecret.of("a bench secret that is long enough");
        KekSecretSource source = new KekSecretSource() {
            @Override
            public Optional<KekSecret> read(Path dataDirectory) {
                return Optional.of(secret);
            }

            @Override
            public String description() {
                return "bench secret";
            }
        };
        KeyRing keyRing = KeyRing.open(dir, source, new KdfParameters(1024, 1, 1)).keyRing();
        BlobStore blobs = EncryptedBlobStore.open(dir, keyRing);
        try (Catalog catalog = Catalog.open(CatalogConfig.h2(dir, CatalogSecrets.generate(new SecureRandom()))
                .rebuildThreads(1).build()); IngestJournal journal = IngestJournal.open(dir.resolve("catalog"))) {
            IngestPipeline pipeline = new IngestPipeline(blobs, catalog, DuplicatePolicy.KEEP_EXISTING,
                    IngestListener.none(), journal);
            byte[] pixels = new byte[pixelBytes];
            new SecureRandom().nextBytes(pixels);
            for (int round = 0; round < rounds; round++) {
                List<Attributes> objects = new ArrayList<>();
                for (int st = 0; st < studies; st++) {
                    String study = "2.25.9" + round + "0" + st;
                    for (int se = 0; se < 2; se++) {
                        for (int i = 0; i < 5; i++) {
                            objects.add(ct("P" + round + "-" + st, study, study + "." + se, study + "." + se + "." + i,
                                    pixels));
                        }
                    }
                }
                AtomicInteger next = new AtomicInteger();
                long t0 = System.nanoTime();
                try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
                    List<Future<?>> done = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        done.add(pool.submit(() -> {
                            for (int k; (k = next.getAndIncrement()) < objects.size(); ) {
                                Attributes ds = objects.get(k);
                                byte[] encoded = org.pacs.dicom.net.service.Identifiers.encode(ds, UID.ExplicitVRLittleEndian);
                                IngestOutcome o = pipeline.ingest(new IngestRequest(UID.CTImageStorage,
                                        ds.getString(Tags.SOPInstanceUID), UID.ExplicitVRLittleEndian,
                                        IngestSource.dicom("BENCH", "127.0.0.1")),
                                        new ByteArrayInputStream(encoded));
                                if (o.status() != IngestOutcome.SUCCESS) {
                                    throw new IllegalStateException("status " + Integer.toHexString(o.status()));
                                }
                            }
                            return null;
                        }));
                    }
                    for (Future<?> f : done) {
                        f.get();
                    }
                }
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("round %d: %d instances in %.2f s, %.0f inst/s, %.1f MB/s%n", round, objects.size(), s,
                        objects.size() / s, objects.size() * (double) pixelBytes / s / 1e6);
                pipeline.checkpoint();
            }
        }
    }

    private static Attributes ct(String patientId, String study, String series, String iuid, byte[] pixels) {
        Attributes ds = new Attributes();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tags.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tags.StudyDate, VR.DA, "20240115");
        ds.setString(Tags.StudyTime, VR.TM, "101500");
        ds.setString(Tags.AccessionNumber, VR.SH, "A" + patientId);
        ds.setString(Tags.Modality, VR.CS, "CT");
        ds.setString(Tags.ReferringPhysicianName, VR.PN, "Welby^Marcus");
        ds.setString(Tags.StudyDescription, VR.LO, "CHEST");
        ds.setString(Tags.PatientName, VR.PN, "Doe^" + patientId);
        ds.setString(Tags.PatientID, VR.LO, patientId);
        ds.setString(Tags.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, series);
        ds.setInt(Tags.SeriesNumber, VR.IS, 1);
        ds.setInt(Tags.InstanceNumber, VR.IS, 1);
        ds.setInt(Tags.Rows, VR.US, 512);
        ds.setInt(Tags.Columns, VR.US, pixels.length / 1024);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        ds.setBytes(Tags.PixelData, VR.OW, pixels);
        return ds;
    }
}
