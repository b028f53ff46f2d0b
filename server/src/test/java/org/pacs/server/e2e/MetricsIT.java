// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.server.e2e.TestCorpus.Encoding;
import org.pacs.server.e2e.TestCorpus.Instance;

/**
 * Issue 8, metrics: the operator creates a scrape token with {@code ./pacs metrics token} (audited), the
 * real archive stores what a modality sends with {@code storescu +tls}, and {@code curl} over HTTPS with
 * that token sees {@code pacs_ingest_instances_total} go up by exactly the number sent, and no patient
 * name, ID or UID anywhere in the body ({@code promtool check metrics} accepts it). A real Prometheus
 * scrapes it with the README's configuration. Without the token, or with a wrong or rotated one, nothing.
 * Needs DCMTK, curl and Debian's {@code prometheus} package (prometheus, promtool).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {
    private static final Pattern HTTPS_PORT = Pattern.compile("DICOMweb:\\s+https://[^:]+:(\\d+)/");
    private static final Pattern STORED = Pattern.compile(
            "^pacs_ingest_instances_total\\{protocol=\"dicom\",outcome=\"stored\"} (\\d+)$", Pattern.MULTILINE);
    private static final Pattern AUDIT = Pattern.compile("^pacs_audit_records_total (\\d+)$", Pattern.MULTILINE);

    @TempDir
    static Path root;
    static ArchiveProcess archive;
    static TestCorpus corpus;
    static String token;
    static int httpsPort;

    @BeforeAll
    static void start() throws IOException {
        corpus = TestCorpus.generate(root.resolve("corpus"), new TestCorpus.Shape("2.25.8801", 2, 1, 1, 2, 16, 16,
                List.of(Encoding.EXPLICIT_LE)));
        archive = ArchiveProcess.create(root.resolve("archive"));
        archive.start();
        archive.stop();
        // Made while the archive is stopped: the command writes its own audit record.
        ToolRun made = archive.cli("metrics", "token");
        assertEquals(0, made.exitCode(), made::toString);
        token = made.output().lines().filter(l -> l.startsWith("pacs_metrics_")).findFirst()
                .orElseThrow(() -> new AssertionError("no token printed:\n" + made));
        archive.start();
        Matcher m = HTTPS_PORT.matcher(archive.output());
        assertTrue(m.find(), archive::output);
        httpsPort = Integer.parseInt(m.group(1));
    }

    @AfterAll
    static void stop() {
        if (archive != null) {
            archive.close();
        }
    }

    /** {@code curl} over HTTPS, trusting the archive's CA; the header from a file so no token is in argv. */
    static ToolRun curl(String authorization) throws IOException {
        Path headers = Files.createTempFile(root, "h", ".txt");
        Files.writeString(headers, authorization == null ? "" : "Authorization: " + authorization + "\n");
        return Tools.run(Duration.ofSeconds(30), List.of("curl", "-sS", "--max-time", "15", "--cacert",
                archive.dataDir().resolve("pki/ca.crt.pem").toString(), "-H", "@" + headers, "-D", "-",
                "https://127.0.0.1:" + httpsPort + "/metrics"));
    }

    static String scrape(String bearer) throws IOException {
        ToolRun run = curl("Bearer " + bearer);
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.output().startsWith("HTTP/1.1 200"), run::toString);
        assertTrue(run.output().contains("text/plain; version=0.0.4"), run::toString);
        return run.output();
    }

    static long value(Pattern p, String body) {
        Matcher m = p.matcher(body);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    @Order(1)
    void ingestCountGoesUpByExactlyWhatWasStoredAndTheBodyHoldsNoPatientData() throws IOException {
        String before = scrape(token);
        AeBundle modality = archive.registerAe("MOD1");
        List<Instance> sent = corpus.instances();
        ToolRun store = StoreScu.send(modality, archive, "-x=", sent.stream().map(Instance::file).toList());
        assertEquals(0, store.exitCode(), store::toString);
        assertEquals(sent.size(), StoreScu.responses(store.output()).values().stream()
                .filter(StoreScu.SUCCESS::equals).count(), store::toString);

        String after = scrape(token);
        assertEquals(sent.size(), value(STORED, after) - value(STORED, before), after);
        assertTrue(after.contains("pacs_dimse_requests_total{command=\"C-STORE-RQ\"} " + sent.size()), after);
        assertTrue(after.contains("pacs_ingest_duration_seconds_count{protocol=\"dicom\"} " + sent.size()), after);
        assertTrue(after.contains("pacs_dicom_associations_total{result=\"accepted\"} 1"), after);
        assertTrue(after.contains("# TYPE pacs_storage_free_bytes gauge"), after);
        assertTrue(Pattern.compile("^pacs_http_requests_total\\{status_class=\"2xx\"} [1-9]", Pattern.MULTILINE)
                .matcher(after).find(), after);
        for (Instance i : sent) {
            for (String secret : List.of(i.patientName(), i.patientName().split("\\^")[0], i.patientId(),
                    i.studyUid(), i.sopInstanceUid(), i.accession())) {
                assertFalse(after.contains(secret), () -> "'" + secret + "' in /metrics:\n" + after);
            }
        }
        assertFalse(after.contains("MOD1"), "no AE title in labels");

        // Prometheus' own linter reads the body as the exposition format it is.
        Path body = root.resolve("metrics.txt");
        Files.writeString(body, after.substring(after.indexOf("\r\n\r\n") + 4));
        ToolRun lint = Tools.run(Duration.ofSeconds(30), List.of("sh", "-c", "promtool check metrics < " + body));
        assertEquals(0, lint.exitCode(), lint::toString);
    }

    @Test
    @Order(2)
    void refusesWithoutTheTokenAndWithAWrongOne() throws IOException {
        ToolRun none = curl(null);
        assertTrue(none.output().startsWith("HTTP/1.1 401"), none::toString);
        assertFalse(none.output().contains("pacs_ingest"), none::toString);
        ToolRun wrong = curl("Bearer pacs_metrics_" + "A".repeat(43));
        assertTrue(wrong.output().startsWith("HTTP/1.1 401"), wrong::toString);
        assertFalse(wrong.output().contains("pacs_ingest"), wrong::toString);
    }

    /** The README's scrape configuration, run by a real Prometheus: the target is up and holds the count. */
    @Test
    @Order(3)
    void prometheusScrapesWithTheReadmesConfiguration() throws IOException {
        Path dir = Files.createDirectories(root.resolve("prometheus"));
        Path credentials = dir.resolve("pacs-metrics.token");
        Files.writeString(credentials, token + "\n");
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: pacs
                    scheme: https
                    metrics_path: /metrics
                    authorization:
                      credentials_file: %s
                    tls_config:
                      ca_file: %s
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(credentials, archive.dataDir().resolve("pki/ca.crt.pem"), httpsPort));
        ToolRun check = Tools.run(Duration.ofSeconds(30), List.of("promtool", "check", "config", config.toString()));
        assertEquals(0, check.exitCode(), check::toString);
        int port = ArchiveProcess.freePort();
        try (RunningTool prometheus = Tools.start(dir.resolve("prometheus.log"), List.of("prometheus",
                "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port))) {
            String up = "";
            String stored = "";
            long deadline = System.nanoTime() + Duration.ofSeconds(45).toNanos();
            while (System.nanoTime() < deadline && !(up.contains("\"1\"]") && stored.contains("\"4\"]"))) {
                ArchiveProcess.pause(Duration.ofMillis(500));
                up = query(port, "up{job=\"pacs\"}");
                stored = query(port, "pacs_ingest_instances_total{protocol=\"dicom\",outcome=\"stored\"}");
            }
            assertTrue(up.contains("\"1\"]"), "up: " + up + "\n" + prometheus.output());
            assertTrue(stored.contains("\"4\"]"), "stored: " + stored + "\n" + prometheus.output());
        }
    }

    /** Prometheus' HTTP API, instant query; its JSON answer (empty while Prometheus starts). */
    static String query(int port, String promql) {
        ToolRun run = Tools.run(Duration.ofSeconds(15), List.of("curl", "-sS", "--max-time", "5", "-G",
                "http://127.0.0.1:" + port + "/api/v1/query", "--data-urlencode", "query=" + promql));
        return run.exitCode() == 0 ? run.output() : "";
    }

    @Test
    @Order(4)
    void rotationWhileRunningRefusesTheOldTokenAndIsAuditedByTheArchive() throws IOException {
        long auditBefore = value(AUDIT, scrape(token));
        ToolRun rotated = archive.cli("metrics", "token");
        assertEquals(0, rotated.exitCode(), rotated::toString);
        String next = rotated.output().lines().filter(l -> l.startsWith("pacs_metrics_")).findFirst().orElseThrow();
        assertTrue(curl("Bearer " + token).output().startsWith("HTTP/1.1 401"));
        // The archive polls the token file every 2 s and appends the record: wait (bounded) to see it counted.
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (value(AUDIT, scrape(next)) <= auditBefore && System.nanoTime() < deadline) {
            ArchiveProcess.pause(Duration.ofMillis(250));
        }
        archive.stop();
        List<AuditRecordView> tokenRecords = archive.auditRecords().stream()
                .filter(r -> r.json().contains("metrics.token")).toList();
        assertEquals(2, tokenRecords.size(), () -> "made offline, then rotated while running: " + tokenRecords);
        assertTrue(tokenRecords.stream().allMatch(r -> r.eventTypes().contains("Security Configuration")),
                tokenRecords::toString);
    }
}
