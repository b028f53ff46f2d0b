// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.BlobLocation;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.catalog.RecordResult;
import org.pacs.archive.catalog.Series;
import org.pacs.archive.catalog.Study;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.query.QueryEngine;
import org.pacs.archive.query.QueryRequest;
import org.pacs.archive.query.QueryResults;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * The catalog on a real PostgreSQL server (Debian's {@code postgresql}, a private cluster on 127.0.0.1),
 * opened the way the archive opens it ({@link CatalogConnection} from the configuration, HikariCP):
 * recording, duplicates, derived attributes, concurrent writers, a restart, the query engine and the
 * access scope, and TLS that verifies the server.
 */
class PostgresCatalogIT {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String MR = "1.2.840.10008.5.1.4.1.1.4";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    private static final AtomicLong SEQ = new AtomicLong(1);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    static PostgresCluster cluster;

    @TempDir
    Path dataDir;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = PostgresCluster.start(true);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }

    private static PostgresCluster.Database newDatabase() throws Exception {
        return cluster.createDatabase("pacs" + DATABASES.incrementAndGet());
    }

    private static Map<String, String> env(PostgresCluster.Database db, String urlSuffix) {
        Map<String, String> env = new HashMap<>();
        env.put("PACS_CATALOG_URL", "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/" + db.name() + urlSuffix);
        env.put("PACS_CATALOG_USER", db.user());
        env.put("PACS_CATALOG_PASSWORD", db.password());
        return env;
    }

    /** Opens the catalog as the archive does; closed (catalog, then pool) after the test. */
    private Catalog open(Map<String, String> env) throws Exception {
        Config config = ConfigLoader.load(dataDir, env);
        Deque<AutoCloseable> pool = new ArrayDeque<>();
        Catalog catalog = Catalog.open(CatalogConnection.builder(config, () -> {
            throw new AssertionError("the embedded database's secrets are not needed for PostgreSQL");
        }, pool::push).rebuildThreads(1).build());
        opened.push(() -> {
            while (!pool.isEmpty()) {
                pool.pop().close();
            }
        });
        opened.push(catalog::close);
        return catalog;
    }

    private Catalog open(PostgresCluster.Database db) throws Exception {
        return open(env(db, ""));
    }

    private static String uid() {
        return "2.25." + (1_000_000 + SEQ.getAndIncrement()) + System.nanoTime() % 1_000_000;
    }

    private static Attributes instance(String patientId, String patientName, String studyUid, String seriesUid) {
        Attributes ds = new Attributes();
        ds.setString(Tags.SOPClassUID, VR.UI, CT);
        ds.setString(Tags.SOPInstanceUID, VR.UI, uid());
        ds.setString(Tags.StudyDate, VR.DA, "20240115");
        ds.setString(Tags.StudyTime, VR.TM, "101500");
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC1");
        ds.setString(Tags.Modality, VR.CS, "CT");
        ds.setString(Tags.ReferringPhysicianName, VR.PN, "Welby^Marcus");
        ds.setString(Tags.StudyDescription, VR.LO, "CHEST");
        ds.setString(Tags.PatientName, VR.PN, patientName);
        ds.setString(Tags.PatientID, VR.LO, patientId);
        ds.setString(Tags.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tags.StudyInstanceUID, VR.UI, studyUid);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
        ds.setInt(Tags.SeriesNumber, VR.IS, 1);
        ds.setInt(Tags.InstanceNumber, VR.IS, 1);
        return ds;
    }

    private static BlobLocation blob() {
        return new BlobLocation(String.format("%032x", SEQ.getAndIncrement()), "identity", 1000, 1100, "0".repeat(64));
    }

    private static RecordResult record(Catalog catalog, Attributes ds) {
        return catalog.writer().record(ds, EXPLICIT_LE, blob(), DuplicatePolicy.KEEP_EXISTING);
    }

    private static Study study(Catalog catalog, String uid) {
        return catalog.read(s -> s.createSelectionQuery("from Study where studyInstanceUid = :u", Study.class)
                .setParameter("u", uid).getSingleResult());
    }

    private static Series series(Catalog catalog, String uid) {
        return catalog.read(s -> s.createSelectionQuery("from Series where seriesInstanceUid = :u", Series.class)
                .setParameter("u", uid).getSingleResult());
    }

    @Nested
    class Recording {
        @Test
        void storesInstancesAndListsThemBySeriesAndInstanceNumber() throws Exception {
            Catalog catalog = open(newDatabase());
            String study = uid();
            String s2 = uid();
            String s1 = uid();
            for (int n : new int[] {2, 1}) {
                Attributes ds = instance("P1", "Doe^Jane", study, s2);
                ds.setInt(Tags.SeriesNumber, VR.IS, 2);
                ds.setInt(Tags.InstanceNumber, VR.IS, n);
                record(catalog, ds);
            }
            Attributes first = instance("P1", "Doe^Jane", study, s1);
            first.remove(Tags.SeriesNumber); // sorts after the numbered series ("nulls last")
            BlobLocation blob = blob();
            assertEquals(RecordResult.Outcome.STORED,
                    catalog.writer().record(first, EXPLICIT_LE, blob, DuplicatePolicy.KEEP_EXISTING).outcome());

            List<InstanceLocation> all = catalog.findInstances(QueryRetrieveLevel.STUDY, study);

            assertEquals(List.of(s2, s2, s1), all.stream().map(InstanceLocation::seriesInstanceUid).toList());
            assertEquals(new InstanceLocation(study, s1, first.getString(Tags.SOPInstanceUID), CT, EXPLICIT_LE, blob),
                    all.get(2));
            assertEquals(3, catalog.findInstances(QueryRetrieveLevel.PATIENT, "P1").size());
            assertEquals(1, catalog.countPatients());
            assertEquals(2, catalog.countSeries());
            Study st = study(catalog, study);
            assertEquals(java.time.LocalDate.of(2024, 1, 15), st.getStudyDate());
            assertEquals(java.time.LocalTime.of(10, 15), st.getStudyTime());
        }

        @Test
        void rejectsASeriesRecordedUnderAnotherStudyAndWritesNothing() throws Exception {
            Catalog catalog = open(newDatabase());
            String series = uid();
            record(catalog, instance("P1", "Doe^Jane", uid(), series));

            assertThrows(IllegalArgumentException.class,
                    () -> record(catalog, instance("P1", "Doe^Jane", uid(), series)));

            assertEquals(1, catalog.countStudies());
            assertEquals(1, catalog.countInstances());
        }

        @Test
        void keepsTextWithCharactersBeyondLatin1() throws Exception {
            Catalog catalog = open(newDatabase());
            String study = uid();
            Attributes ds = instance("P5", "Yamada^Tarou=山田^太郎=やまだ^たろう", study, uid());
            ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
            ds.setString(Tags.StudyDescription, VR.LO, "Müller Zoë 頭部");

            record(catalog, ds);

            assertEquals("Müller Zoë 頭部", study(catalog, study).getStudyDescription());
        }

        @Test
        void keepsAnObjectWhoseTextHoldsNulCharactersWithoutThem() throws Exception {
            Catalog catalog = open(newDatabase());
            String study = uid();
            Attributes ds = instance("P\0\09", "Doe^Ja\0ne", study, uid());
            ds.setString(Tags.StudyDescription, VR.LO, "CHEST\0\0");

            record(catalog, ds);

            assertEquals("CHEST", study(catalog, study).getStudyDescription());
            assertEquals(1, catalog.findInstances(QueryRetrieveLevel.PATIENT, "P9").size());
        }

        @Test
        void refusesAUidHoldingANulCharacterNamingTheAttribute() throws Exception {
            Catalog catalog = open(newDatabase());
            Attributes ds = instance("P1", "Doe^Jane", uid(), uid());
            ds.setString(Tags.SOPInstanceUID, VR.UI, "1.2\0.3");

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> record(catalog, ds));

            assertTrue(e.getMessage().contains("SOP Instance UID (0008,0018)"), e.getMessage());
            assertEquals(0, catalog.countInstances());
        }

        @Test
        void deletesAStudyKeepingThePatientWhileItHasAnother() throws Exception {
            Catalog catalog = open(newDatabase());
            String gone = uid();
            record(catalog, instance("P1", "Doe^Jane", uid(), uid()));
            BlobLocation a = blob();
            catalog.writer().record(instance("P1", "Doe^Jane", gone, uid()), EXPLICIT_LE, a,
                    DuplicatePolicy.KEEP_EXISTING);

            assertEquals(List.of(a), catalog.writer().deleteStudy(gone));

            assertEquals(1, catalog.countPatients());
            assertEquals(1, catalog.countStudies());
            assertTrue(catalog.writer().deleteStudy(uid()).isEmpty());
        }
    }

    @Nested
    class Duplicates {
        @Test
        void keepExistingKeepsTheRecordedBlobAndHandsBackTheNewOne() throws Exception {
            Catalog catalog = open(newDatabase());
            Attributes ds = instance("P1", "Doe^Jane", uid(), uid());
            BlobLocation first = blob();
            BlobLocation second = blob();
            catalog.writer().record(ds, EXPLICIT_LE, first, DuplicatePolicy.KEEP_EXISTING);

            RecordResult r = catalog.writer().record(ds, EXPLICIT_LE, second, DuplicatePolicy.KEEP_EXISTING);

            assertEquals(RecordResult.Outcome.DUPLICATE_KEPT, r.outcome());
            assertEquals(second, r.unreferencedBlob());
            assertEquals(first, catalog.findInstances(QueryRetrieveLevel.IMAGE, ds.getString(Tags.SOPInstanceUID))
                    .get(0).blob());
            assertEquals(1, catalog.countInstances());
        }

        @Test
        void replaceReferencesTheNewBlobAndMayMoveTheInstanceToAnotherSeries() throws Exception {
            Catalog catalog = open(newDatabase());
            String study = uid();
            String oldSeries = uid();
            String newSeries = uid();
            Attributes ds = instance("P1", "Doe^Jane", study, oldSeries);
            BlobLocation first = blob();
            catalog.writer().record(ds, EXPLICIT_LE, first, DuplicatePolicy.REPLACE);
            record(catalog, instance("P1", "Doe^Jane", study, newSeries));
            ds.setString(Tags.StudyDescription, VR.LO, "CORRECTED");
            ds.setString(Tags.SeriesInstanceUID, VR.UI, newSeries);
            BlobLocation second = blob();

            RecordResult r = catalog.writer().record(ds, "1.2.840.10008.1.2", second, DuplicatePolicy.REPLACE);

            assertEquals(RecordResult.Outcome.REPLACED, r.outcome());
            assertEquals(first, r.unreferencedBlob());
            InstanceLocation now = catalog.findInstances(QueryRetrieveLevel.IMAGE, ds.getString(Tags.SOPInstanceUID))
                    .get(0);
            assertEquals(second, now.blob());
            assertEquals("1.2.840.10008.1.2", now.transferSyntaxUid());
            assertEquals(1, catalog.countSeries());
            assertEquals(2, series(catalog, newSeries).getNumberOfSeriesRelatedInstances());
            assertEquals(2, study(catalog, study).getNumberOfStudyRelatedInstances());
            assertEquals("CORRECTED", study(catalog, study).getStudyDescription());
        }
    }

    @Nested
    class DerivedAttributes {
        @Test
        void countsModalitiesAndSopClassesFollowInserts() throws Exception {
            Catalog catalog = open(newDatabase());
            String study = uid();
            String ct = uid();
            String mr = uid();
            for (int i = 0; i < 3; i++) {
                record(catalog, instance("P1", "Doe^Jane", study, ct));
            }
            for (int i = 0; i < 2; i++) {
                Attributes ds = instance("P1", "Doe^Jane", study, mr);
                ds.setString(Tags.Modality, VR.CS, "MR");
                ds.setString(Tags.SOPClassUID, VR.UI, MR);
                record(catalog, ds);
            }

            Study st = study(catalog, study);
            assertEquals(2, st.getNumberOfStudyRelatedSeries());
            assertEquals(5, st.getNumberOfStudyRelatedInstances());
            assertEquals("CT\\MR", st.getModalitiesInStudy());
            assertEquals(CT + "\\" + MR, st.getSopClassesInStudy());
            assertEquals(3, series(catalog, ct).getNumberOfSeriesRelatedInstances());
        }

        @Test
        void aSeriesChangingModalityRecomputesModalitiesInStudy() throws Exception {
            Catalog catalog = open(newDatabase());
            String study = uid();
            String series = uid();
            record(catalog, instance("P1", "Doe^Jane", study, series));
            Attributes ds = instance("P1", "Doe^Jane", study, series);
            ds.setString(Tags.Modality, VR.CS, "PT");
            record(catalog, ds);

            assertEquals("PT", study(catalog, study).getModalitiesInStudy());
        }

        @Test
        void concurrentWritersOfOneStudyKeepExactCounts() throws Exception {
            Catalog catalog = open(newDatabase());
            String study = uid();
            String series = uid();
            int threads = 4;
            int each = 15;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            record(catalog, instance("P1", "Doe^Jane", study, series));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(threads * each, study(catalog, study).getNumberOfStudyRelatedInstances());
            assertEquals(threads * each, series(catalog, series).getNumberOfSeriesRelatedInstances());
            assertEquals(1, catalog.countPatients());
        }

        @Test
        void twoArchivesOnOneDatabaseFileOnePatientAndOneStudy() throws Exception {
            PostgresCluster.Database db = newDatabase();
            Catalog a = open(db);
            Catalog b = open(db);
            String study = uid();
            String series = uid();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Catalog c : List.of(a, b)) {
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 10; i++) {
                            record(c, instance("P7", "Doe^Jane", study, series));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(1, a.countPatients());
            assertEquals(1, a.countStudies());
            assertEquals(20, study(b, study).getNumberOfStudyRelatedInstances());
        }
    }

    @Test
    void reopeningKeepsTheCatalogAndRebuildsTheIndex() throws Exception {
        PostgresCluster.Database db = newDatabase();
        Catalog first = open(db);
        for (int i = 0; i < 4; i++) {
            record(first, instance("P1", "Doe^Jane", uid(), uid()));
        }
        record(first, instance("P2", "Roe^Rick", uid(), uid()));
        closeAll();

        Catalog again = open(db);

        assertEquals(5, again.countStudies());
        assertEquals(5, again.lastRebuild().documents());
        assertEquals(4, studies(new QueryEngine(again), patientName("Doe^Jane"), AccessScope.all()).size());
    }

    private static Attributes patientName(String name) {
        Attributes keys = new Attributes();
        keys.setString(Tags.PatientName, VR.PN, name);
        return keys;
    }

    /** Study Instance UIDs a STUDY-level query answers, in the study root. */
    private static Set<String> studies(QueryEngine engine, Attributes keys, AccessScope scope) {
        if (!keys.contains(Tags.StudyInstanceUID)) {
            keys.setNull(Tags.StudyInstanceUID, VR.UI);
        }
        Set<String> found = new TreeSet<>();
        try (QueryResults r = engine.query(QueryRequest.of(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT,
                keys, scope))) {
            r.forEachRemaining(a -> found.add(a.getString(Tags.StudyInstanceUID)));
        }
        return found;
    }

    /** Three studies of two patients; matching runs through the index, the rows and the stored headers. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Queries {
        private final Deque<AutoCloseable> own = new ArrayDeque<>();
        private Path dir;
        private QueryEngine engine;
        private final Map<String, String> study = new HashMap<>();

        @BeforeAll
        void recordStudies() throws Exception {
            dir = Files.createTempDirectory("pacs-pg-query");
            Config config = ConfigLoader.load(dir, env(newDatabase(), ""));
            Catalog catalog = Catalog.open(CatalogConnection.builder(config, () -> {
                throw new AssertionError("not H2");
            }, own::push).rebuildThreads(1).build());
            own.push(catalog::close);
            engine = new QueryEngine(catalog);
            add(catalog, "S1", "P1", "Doe^John", "20240110", "A-1", "CT", "Welby^Marcus");
            add(catalog, "S2", "P2", "Doe^Jane", "20240115", "A-2", "MR", "Kildare^James");
            add(catalog, "S3", "P1", "Doe^John", "20240131", "a-3", "CT", "Welby^Marcus");
            Attributes second = instance("P1", "Doe^John", study.get("S3"), uid());
            second.setString(Tags.Modality, VR.CS, "MR");
            second.setString(Tags.SOPClassUID, VR.UI, MR);
            second.setString(Tags.StudyDate, VR.DA, "20240131");
            second.setString(Tags.AccessionNumber, VR.SH, "a-3");
            PostgresCatalogIT.record(catalog, second);
        }

        private void add(Catalog catalog, String key, String pid, String name, String date, String accession,
                String modality, String referring) {
            String uid = uid();
            study.put(key, uid);
            Attributes ds = instance(pid, name, uid, uid());
            ds.setString(Tags.StudyDate, VR.DA, date);
            ds.setString(Tags.AccessionNumber, VR.SH, accession);
            ds.setString(Tags.Modality, VR.CS, modality);
            ds.setString(Tags.ReferringPhysicianName, VR.PN, referring);
            PostgresCatalogIT.record(catalog, ds);
        }

        @AfterAll
        void close() throws Exception {
            while (!own.isEmpty()) {
                own.pop().close();
            }
            Files.deleteIfExists(dir);
        }

        private Set<String> keysOf(Set<String> uids) {
            Set<String> keys = new TreeSet<>();
            study.forEach((k, v) -> {
                if (uids.contains(v)) {
                    keys.add(k);
                }
            });
            return keys;
        }

        private Set<String> match(int tag, VR vr, String value, AccessScope scope) {
            Attributes keys = new Attributes();
            keys.setString(tag, vr, value);
            return keysOf(studies(engine, keys, scope));
        }

        @Test
        void matchesPersonNamesWithWildcards() {
            assertEquals(Set.of("S1", "S2", "S3"), match(Tags.PatientName, VR.PN, "Doe*", AccessScope.all()));
            assertEquals(Set.of("S2"), match(Tags.PatientName, VR.PN, "Doe^Ja?e", AccessScope.all()));
        }

        @Test
        void matchesDateRanges() {
            assertEquals(Set.of("S2", "S3"), match(Tags.StudyDate, VR.DA, "20240111-20240131", AccessScope.all()));
            assertEquals(Set.of("S1"), match(Tags.StudyDate, VR.DA, "-20240110", AccessScope.all()));
        }

        @Test
        void matchesSingleValuesCaseSensitively() {
            assertEquals(Set.of("S3"), match(Tags.AccessionNumber, VR.SH, "a-3", AccessScope.all()));
            assertEquals(Set.of(), match(Tags.AccessionNumber, VR.SH, "A-3", AccessScope.all()));
        }

        @Test
        void matchesModalitiesInStudyAndUidLists() {
            assertEquals(Set.of("S2", "S3"), match(Tags.ModalitiesInStudy, VR.CS, "MR", AccessScope.all()));
            assertEquals(Set.of("S1", "S3"), match(Tags.StudyInstanceUID, VR.UI,
                    study.get("S1") + "\\" + study.get("S3"), AccessScope.all()));
        }

        @Test
        void answersSeriesOfAStudyFromTheCatalogRows() {
            Attributes keys = new Attributes();
            keys.setString(Tags.StudyInstanceUID, VR.UI, study.get("S3"));
            keys.setString(Tags.Modality, VR.CS, "MR");
            keys.setNull(Tags.SeriesInstanceUID, VR.UI);
            List<String> modalities = new ArrayList<>();
            try (QueryResults r = engine.query(QueryRequest.of(QueryRetrieveLevel.SERIES,
                    InformationModel.STUDY_ROOT, keys, AccessScope.all()))) {
                r.forEachRemaining(a -> modalities.add(a.getString(Tags.Modality)));
            }
            assertEquals(List.of("MR"), modalities);
        }

        @Test
        void theAccessScopeHidesStudiesOfOtherReferringPhysicians() {
            AccessScope welby = AccessScope.restricted(Set.of("WELBY^marcus"), Set.of());
            assertEquals(Set.of("S1", "S3"), match(Tags.PatientName, VR.PN, "*", welby));
            assertEquals(Set.of(), match(Tags.PatientName, VR.PN, "*", AccessScope.none()));
        }
    }

    @Nested
    class Transport {
        private Map<String, String> tls(PostgresCluster.Database db, Path ca) {
            Map<String, String> env = env(db, "?sslmode=verify-full");
            env.put("PACS_CATALOG_SSL_ROOT_CERT", ca.toString());
            return env;
        }

        @Test
        void connectsOverTlsVerifyingTheServerAgainstTheConfiguredCa() throws Exception {
            Catalog catalog = open(tls(cluster.createTlsOnlyDatabase(), cluster.caCert()));

            record(catalog, instance("P1", "Doe^Jane", uid(), uid()));

            assertEquals(1, catalog.countInstances());
            Object ssl = catalog.read(s -> s.createNativeQuery(
                    "select ssl from pg_stat_ssl where pid = pg_backend_pid()", Object.class).getSingleResult());
            assertEquals(Boolean.TRUE, ssl);
        }

        @Test
        void refusesAServerWhoseCertificateAnotherCaIssued() throws Exception {
            Path otherCa = dataDir.resolve("other-ca.crt");
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:P-256", "-nodes", "-keyout", dataDir.resolve("other-ca.key").toString(),
                    "-out", otherCa.toString(), "-days", "1", "-subj", "/CN=another CA")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl made the other CA");

            PostgresCluster.Database db = newDatabase();
            RuntimeException e = assertThrows(RuntimeException.class, () -> open(tls(db, otherCa)));

            assertFalse(String.valueOf(e.getMessage()).contains(db.password()));
        }
    }
}
