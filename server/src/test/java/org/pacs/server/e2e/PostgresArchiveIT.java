// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.server.PostgresCluster;
import org.pacs.server.e2e.TestCorpus.Encoding;
import org.pacs.server.e2e.TestCorpus.Instance;

/**
 * The real archive with its catalog on PostgreSQL, set only in {@code pacs.yaml} (URL, user, password,
 * the database server's CA): the database accepts TLS connections only, and the archive verifies its
 * certificate. A modality stores over DICOM-TLS; the rows are in PostgreSQL, no embedded database file
 * appears, and after a restart the archive still answers C-FIND and keeps the duplicates out.
 */
class PostgresArchiveIT {
    @TempDir
    static Path root;
    static PostgresCluster postgres;
    static PostgresCluster.Database database;
    static ArchiveProcess archive;
    static AeBundle modality;
    static AeBundle reader;
    static TestCorpus corpus;

    @BeforeAll
    static void startDatabaseAndArchive() throws Exception {
        postgres = PostgresCluster.start(true);
        database = postgres.createTlsOnlyDatabase();
        corpus = TestCorpus.generate(root.resolve("corpus"), new TestCorpus.Shape("2.25.7301", 2, 1, 1, 2, 32, 32,
                List.of(Encoding.EXPLICIT_LE)));
        archive = ArchiveProcess.create(root.resolve("archive"));
        Files.writeString(archive.dataDir().resolve("pacs.yaml"), """
                catalog:
                  url: "jdbc:postgresql://127.0.0.1:%d/%s?sslmode=verify-full"
                  user: "%s"
                  password: "%s"
                  sslRootCert: "%s"
                """.formatted(postgres.port(), database.name(), database.user(), database.password(),
                postgres.caCert()), StandardOpenOption.APPEND);
        archive.start();
        modality = archive.registerAe("MOD1");
        reader = archive.registerAe("READER", "--allow", "query,retrieve");
    }

    @AfterAll
    static void stop() {
        try {
            if (archive != null) {
                archive.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private static Map<Path, String> send() {
        List<Path> files = corpus.instances().stream().map(Instance::file).toList();
        ToolRun run = StoreScu.send(modality, archive, "-x=", files);
        assertEquals(0, run.exitCode(), run::toString);
        return new HashMap<>(StoreScu.responses(run.output()));
    }

    private static Set<String> studiesFound() {
        FindScu.Result r = FindScu.query(archive, reader, "-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID",
                "PatientName=*");
        assertEquals(0, r.run().exitCode(), r::toString);
        assertEquals("Success", r.finalStatus(), r::toString);
        return new TreeSet<>(r.values("0020,000d"));
    }

    @Test
    void storesIntoPostgresqlOverVerifiedTlsAndKeepsItAcrossARestart() throws Exception {
        Map<Path, String> first = send();
        assertTrue(first.values().stream().allMatch(StoreScu.SUCCESS::equals), first::toString);
        long instances = corpus.instances().size();
        assertEquals(instances, postgres.count(database.name(), "select count(*) from instance"));
        assertTrue(postgres.count("postgres", "select count(*) from pg_stat_activity a join pg_stat_ssl s"
                + " using (pid) where s.ssl and a.usename = '" + database.user() + "'") > 0,
                "the archive's connections to the catalog use TLS");
        assertFalse(Files.exists(archive.dataDir().resolve("catalog").resolve("catalog.mv.db")),
                "no embedded database beside a PostgreSQL catalog");
        Set<String> sent = corpus.instances().stream().map(Instance::studyUid)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(sent, studiesFound());

        archive.stop();
        assertFalse(archive.log().contains("while stopping"), archive::log); // catalog, then its pool, closed
        archive.start();

        assertEquals(sent, studiesFound());
        Map<Path, String> again = send();
        assertTrue(again.values().stream().allMatch(StoreScu.DUPLICATE::equals), again::toString);
        assertEquals(instances, postgres.count(database.name(), "select count(*) from instance"));
    }
}
