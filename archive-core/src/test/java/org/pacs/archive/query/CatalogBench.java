// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.BlobLocation;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.CatalogSecrets;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * Benchmark of the catalog and its index, not a test. Two steps, so the measuring step can hold the
 * build lock while the long fill does not:
 *
 * <pre>
 * java -Xmx2g -cp ... org.pacs.archive.query.CatalogBench fill DIR 100000 2
 * java -Xmx2g -cp ... org.pacs.archive.query.CatalogBench measure DIR 2
 * java -Xmx2g -cp ... org.pacs.archive.query.CatalogBench sync SCRATCH_DIR 1000
 * </pre>
 *
 * {@code fill} records STUDIES synthetic studies (one series of INSTANCES instances each, about two studies
 * per patient), all but the last {@code -Dbench.sample=2000} with the index listeners off, the sample as
 * ingest would, timing both; {@code measure} opens the catalog (rebuilding the index: the start-up
 * cost) and times queries; {@code sync} times record() with {@code syncCommits}.
 * The secrets sit in DIR/secrets in plaintext: synthetic data only.
 */
public final class CatalogBench {
    private static final String[] FAMILY = {"Smith", "Müller", "García", "Nguyen", "Kowalski", "Rossi", "Dubois",
        "Yamada", "Okafor", "Jensen", "Novák", "Silva", "Kim", "Öztürk", "Haddad", "Ivanova", "Brown", "Costa"};
    private static final String[] GIVEN = {"Anna", "John", "Zoë", "Li", "José", "Marta", "Ahmed", "Eva", "Tarou",
        "Chidi", "Sara", "Piotr", "Lucía", "Mika", "Omar", "Ines"};
    private static final String[] MODALITIES = {"CT", "MR", "CR", "US", "DX", "PT", "MG", "NM"};
    private static final String[] REFERRING = {"Welby^Marcus", "Kildare^James", "House^Gregory", "Quinn^Michaela",
        "Grey^Meredith", "Carter^John"};

    private CatalogBench() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "fill" -> fill(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            case "measure" -> measure(dir, Integer.parseInt(args[2]));
            case "sync" -> syncSample(dir, Integer.parseInt(args[2]));
            default -> throw new IllegalArgumentException("fill DIR STUDIES INSTANCES | measure DIR THREADS");
        }
    }

    private static CatalogSecrets secrets(Path dir) throws Exception {
        Path file = dir.resolve("secrets");
        if (!Files.exists(file)) {
            CatalogSecrets s = CatalogSecrets.generate(new SecureRandom());
            Files.createDirectories(dir);
            Files.writeString(file, new String(s.filePassword()) + "\n" + new String(s.userPassword()) + "\n");
        }
        List<String> lines = Files.readAllLines(file);
        return new CatalogSecrets(lines.get(0).toCharArray(), lines.get(1).toCharArray());
    }

    /** -Dhibernate.x=y on the command line passes Hibernate properties through, for experiments. */
    private static CatalogConfig.Builder withSystemProperties(CatalogConfig.Builder b) {
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("hibernate."))
                .forEach(k -> b.property(k, System.getProperty(k)));
        return b;
    }

    static String patientId(int n) {
        return String.format(Locale.ROOT, "PID%07d", n);
    }

    private static Attributes header(Random rnd, int study, int instance, String studyUid, String seriesUid) {
        int patient = study / 2;
        Random p = new Random(patient);
        Attributes ds = new Attributes();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
        ds.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
        ds.setString(Tags.SOPInstanceUID, VR.UI, studyUid + "." + instance + ".1");
        ds.setString(Tags.StudyInstanceUID, VR.UI, studyUid);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
        ds.setString(Tags.PatientID, VR.LO, patientId(patient));
        ds.setString(Tags.PatientName, VR.PN, FAMILY[p.nextInt(FAMILY.length)] + "^" + GIVEN[p.nextInt(GIVEN.length)]);
        ds.setString(Tags.PatientBirthDate, VR.DA, String.format(Locale.ROOT, "%04d%02d%02d",
                1930 + p.nextInt(90), 1 + p.nextInt(12), 1 + p.nextInt(28)));
        ds.setString(Tags.PatientSex, VR.CS, p.nextBoolean() ? "F" : "M");
        Random s = new Random(study * 31L);
        ds.setString(Tags.StudyDate, VR.DA, String.format(Locale.ROOT, "%04d%02d%02d", 2015 + s.nextInt(10),
                1 + s.nextInt(12), 1 + s.nextInt(28)));
        ds.setString(Tags.StudyTime, VR.TM, String.format(Locale.ROOT, "%02d%02d%02d", s.nextInt(24), s.nextInt(60),
                s.nextInt(60)));
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC" + study);
        ds.setString(Tags.StudyID, VR.SH, Integer.toString(study % 100000));
        String modality = MODALITIES[s.nextInt(MODALITIES.length)];
        ds.setString(Tags.Modality, VR.CS, modality);
        ds.setString(Tags.StudyDescription, VR.LO, modality + " STUDY " + (study % 50));
        ds.setString(Tags.SeriesDescription, VR.LO, "SERIES 1");
        ds.setString(Tags.ReferringPhysicianName, VR.PN, REFERRING[s.nextInt(REFERRING.length)]);
        ds.setString(Tags.InstitutionName, VR.LO, "Bench Hospital");
        ds.setInt(Tags.SeriesNumber, VR.IS, 1);
        ds.setInt(Tags.InstanceNumber, VR.IS, instance + 1);
        ds.setInt(Tags.Rows, VR.US, 512);
        ds.setInt(Tags.Columns, VR.US, 512);
        return ds;
    }

    private static BlobLocation blob(Random rnd) {
        byte[] id = new byte[16];
        rnd.nextBytes(id);
        StringBuilder hex = new StringBuilder();
        for (byte b : id) {
            hex.append(String.format("%02x", b));
        }
        return new BlobLocation(hex.toString(), "bench", 525_000, 525_100, "0".repeat(64));
    }

    private static void fill(Path dir, int studies, int instances) throws Exception {
        CatalogSecrets secrets = secrets(dir);
        Random rnd = new Random(42);
        int sample = Math.min(Integer.getInteger("bench.sample", 2000), studies);
        int bulk = studies - sample;
        // The bulk without automatic indexing: only the catalog's share of the cost, and faster to fill.
        try (Catalog catalog = Catalog.open(withSystemProperties(CatalogConfig.h2(dir, secrets))
                .property("hibernate.search.indexing.listeners.enabled", "false").build())) {
            long t0 = System.nanoTime();
            for (int st = 0; st < bulk; st++) {
                record(catalog, rnd, st, instances);
                if (st > 0 && st % 10000 == 0) {
                    System.out.printf(Locale.ROOT, "  %d studies, %.0f s%n", st, (System.nanoTime() - t0) / 1e9);
                }
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "record() without indexing: %d instances in %.1f s = %.0f/s%n",
                    bulk * instances, secs, bulk * instances / secs);
        }
        // The rest as ingest runs it, with automatic indexing, in a warm JVM and a full index.
        try (Catalog catalog = Catalog.open(withSystemProperties(CatalogConfig.h2(dir, secrets)).build())) {
            long t0 = System.nanoTime();
            for (int st = bulk; st < studies; st++) {
                record(catalog, rnd, st, instances);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "record() with indexing: %d instances (%d per study) in %.1f s = %.0f/s%n",
                    sample * instances, instances, secs, sample * instances / secs);
            System.out.printf(Locale.ROOT, "catalog: %d patients, %d studies, %d instances%n",
                    catalog.countPatients(), catalog.countStudies(), catalog.countInstances());
        }
        try (var files = Files.list(dir.resolve("catalog"))) {
            for (Path f : files.toList()) {
                System.out.printf(Locale.ROOT, "  %s %.1f MB%n", f.getFileName(), Files.size(f) / 1e6);
            }
        }
    }

    /** record() with syncCommits (CHECKPOINT SYNC after each write) in a scratch catalog. */
    private static void syncSample(Path dir, int n) throws Exception {
        CatalogSecrets secrets = secrets(dir);
        Random rnd = new Random(43);
        try (Catalog catalog = Catalog.open(CatalogConfig.h2(dir, secrets).syncCommits(true).build())) {
            for (int st = 0; st < 200; st++) {
                record(catalog, rnd, 50_000_000 + st, 1); // warm-up
            }
            long t0 = System.nanoTime();
            for (int st = 0; st < n; st++) {
                record(catalog, rnd, 60_000_000 + st, 1);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "record() with syncCommits: %d instances in %.1f s = %.0f/s%n", n, secs,
                    n / secs);
        }
        System.out.printf(Locale.ROOT, "  catalog.mv.db %.1f MB%n",
                Files.size(dir.resolve("catalog").resolve("catalog.mv.db")) / 1e6);
    }

    private static void record(Catalog catalog, Random rnd, int study, int instances) {
        String studyUid = "2.25.9" + study;
        String seriesUid = studyUid + ".1";
        for (int i = 0; i < instances; i++) {
            catalog.writer().record(header(rnd, study, i, studyUid, seriesUid), "1.2.840.10008.1.2.1", blob(rnd),
                    DuplicatePolicy.KEEP_EXISTING);
        }
    }

    private static void measure(Path dir, int threads) throws Exception {
        CatalogSecrets secrets = secrets(dir);
        long t0 = System.nanoTime();
        try (Catalog catalog = Catalog.open(CatalogConfig.h2(dir, secrets).rebuildThreads(threads)
                .cacheMegabytes(Integer.getInteger("bench.cacheMb", 256)).build())) {
            double open = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "open with index rebuild (%d threads): %.1f s total, rebuild %.1f s, %d"
                    + " documents (%.0f/s)%n", threads, open, catalog.lastRebuild().elapsed().toMillis() / 1e3,
                    catalog.lastRebuild().documents(),
                    catalog.lastRebuild().documents() / (catalog.lastRebuild().elapsed().toMillis() / 1e3));
            Runtime rt = Runtime.getRuntime();
            System.gc();
            System.out.printf(Locale.ROOT, "heap used after rebuild: %.0f MB%n",
                    (rt.totalMemory() - rt.freeMemory()) / 1e6);
            QueryEngine engine = new QueryEngine(catalog);
            int patients = (int) catalog.countPatients();
            Random rnd = new Random(7);
            timeQueries("C-FIND STUDY, exact Patient ID, 10 return keys", 3000, () -> {
                Attributes keys = studyReturnKeys();
                keys.setString(Tags.PatientID, VR.LO, patientId(rnd.nextInt(patients)));
                return QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT, keys,
                        AccessScope.all());
            }, engine);
            timeQueries("C-FIND STUDY, Patient's Name SMI* (case-insensitive), first 50", 300, () -> {
                Attributes keys = studyReturnKeys();
                keys.setString(Tags.PatientName, VR.PN, "smi*");
                return QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT, keys, AccessScope.all())
                        .withOptions(QueryOptions.DEFAULT.withCaseInsensitivePersonNames(true)).withPage(0, 50);
            }, engine);
            timeQueries("QIDO-like STUDY, one month + modality CT, first 100", 300, () -> {
                Attributes keys = studyReturnKeys();
                int year = 2015 + rnd.nextInt(10);
                int month = 1 + rnd.nextInt(12);
                keys.setString(Tags.StudyDate, VR.DA, String.format(Locale.ROOT, "%04d%02d01-%04d%02d28", year, month,
                        year, month));
                keys.setString(Tags.ModalitiesInStudy, VR.CS, "CT");
                return QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT, keys, AccessScope.all())
                        .withPage(0, 100);
            }, engine);
            timeQueries("STUDY, exact Patient ID, restricted scope (one referring physician)", 1000, () -> {
                Attributes keys = studyReturnKeys();
                keys.setString(Tags.PatientID, VR.LO, patientId(rnd.nextInt(patients)));
                return QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT, keys,
                        AccessScope.restricted(Set.of("Welby^Marcus"), Set.of()));
            }, engine);
            long c0 = System.nanoTime();
            long visible = engine.count(QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT,
                    studyReturnKeys(), AccessScope.restricted(Set.of("Welby^Marcus"), Set.of())));
            System.out.printf(Locale.ROOT, "count of visible studies (restricted scope): %d in %.1f ms%n", visible,
                    (System.nanoTime() - c0) / 1e6);
        }
    }

    static Attributes studyReturnKeys() {
        Attributes keys = new Attributes();
        for (int tag : new int[] {Tags.StudyDate, Tags.StudyTime, Tags.AccessionNumber, Tags.ModalitiesInStudy,
            Tags.ReferringPhysicianName, Tags.StudyDescription, Tags.PatientName, Tags.PatientID,
            Tags.StudyInstanceUID, Tags.NumberOfStudyRelatedInstances}) {
            keys.setNull(tag, org.pacs.dicom.dict.ElementDictionary.standard().vrOf(tag));
        }
        return keys;
    }

    private static void timeQueries(String name, int n, java.util.function.Supplier<QueryRequest> requests,
            QueryEngine engine) {
        String only = System.getProperty("bench.only");
        if (only != null && !name.contains(only)) {
            return;
        }
        for (int i = 0; i < Math.min(500, n); i++) {
            run(engine, requests.get()); // warm-up
        }
        long[] nanos = new long[n];
        long results = 0;
        for (int i = 0; i < n; i++) {
            QueryRequest r = requests.get();
            long t = System.nanoTime();
            results += run(engine, r);
            nanos[i] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s: median %.2f ms, p90 %.2f ms, p99 %.2f ms (%d queries, %.1f matches"
                + " each)%n", name, nanos[n / 2] / 1e6, nanos[n * 9 / 10] / 1e6, nanos[n * 99 / 100] / 1e6, n,
                results / (double) n);
    }

    private static int run(QueryEngine engine, QueryRequest r) {
        List<Attributes> out = new ArrayList<>();
        try (QueryResults results = engine.query(r)) {
            results.forEachRemaining(out::add);
        }
        return out.size();
    }
}
