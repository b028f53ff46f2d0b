// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DoctorCommandTest {
    @TempDir
    Path tmp;
    private Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @BeforeEach
    void init() {
        data = tmp.resolve("data");
        assertEquals(0, run("init", "--data", data.toString()));
    }

    @Test
    void aFreshArchiveHasOnlyWarningsAboutItsDefaults() {
        assertEquals(0, run("doctor", "--data", data.toString()), output());
        assertTrue(output().contains("bind to every interface"), output());
        assertTrue(output().contains("KEK secret lies on the same disk"), output());
        assertTrue(!output().contains("CRITICAL"), output());
    }

    @Test
    void theLegacyListenerIsFlagged() throws Exception {
        Files.writeString(data.resolve("pacs.yaml"), "legacy:\n  enabled: true\nserver:\n  bindAddress: 127.0.0.1\n");
        run("doctor", "--data", data.toString());
        assertTrue(output().contains("plaintext legacy DICOM listener is on"), output());
    }

    @Test
    void aKeystoreReadableByOthersIsCritical() throws Exception {
        Path anyKeyFile;
        try (var files = Files.walk(data.resolve("pki"))) {
            anyKeyFile = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.setPosixFilePermissions(anyKeyFile, PosixFilePermissions.fromString("rw-r--r--"));
        // Inside owner-only directories the file's own bits expose nothing.
        assertEquals(0, run("doctor", "--data", data.toString()), output());
        for (Path dir = anyKeyFile.getParent(); !dir.equals(data.getParent()); dir = dir.getParent()) {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        assertEquals(1, run("doctor", "--data", data.toString()), output());
        assertTrue(output().contains("CRITICAL") && output().contains("readable by other users"), output());
    }

    @Test
    void aBrokenAuditTrailIsCritical() throws Exception {
        // ae add writes an audit record (the archive is not running).
        assertEquals(0, run("ae", "add", "CT1", "--out", tmp.resolve("ct1").toString(), "--data", data.toString()));
        Path segment;
        try (var files = Files.walk(data.resolve("audit"))) {
            segment = files.filter(p -> Files.isRegularFile(p) && !p.toString().endsWith(".key"))
                    .max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length - 5] ^= 0x40;
        Files.write(segment, bytes);
        assertEquals(1, run("doctor", "--data", data.toString()), output());
        assertTrue(output().contains("audit trail is broken"), output());
    }

    @Nested
    class Listeners {
        @Test
        void theLegacyListenerOnEveryInterfaceIsCritical() throws Exception {
            Files.writeString(data.resolve("pacs.yaml"), "legacy:\n  enabled: true\nserver:\n  bindAddress: 0.0.0.0\n");
            assertEquals(1, run("doctor", "--data", data.toString()), output());
            assertTrue(output().contains("CRITICAL: the plaintext legacy DICOM listener (port 11112) listens on every"
                    + " interface"), output());
        }

        @Test
        void aPublicBindAddressIsReportedWithTheHttpsPage() throws Exception {
            Files.writeString(data.resolve("pacs.yaml"), "server:\n  bindAddress: 192.0.2.10\n");
            assertEquals(0, run("doctor", "--data", data.toString()), output());
            assertTrue(output().contains("WARNING: the listeners bind to the public address 192.0.2.10"), output());
            assertTrue(output().contains("the HTTPS sign-in page (port 8443)"), output());
        }

        @Test
        void theLegacyListenerOnAPublicAddressIsCritical() throws Exception {
            Files.writeString(data.resolve("pacs.yaml"), "legacy:\n  enabled: true\nserver:\n  bindAddress: 192.0.2.10\n");
            assertEquals(1, run("doctor", "--data", data.toString()), output());
            assertTrue(output().contains("listens on the public address 192.0.2.10"), output());
        }

        @Test
        void aPrivateBindAddressIsNotReported() throws Exception {
            Files.writeString(data.resolve("pacs.yaml"), "server:\n  bindAddress: 192.168.1.10\n");
            run("doctor", "--data", data.toString());
            assertTrue(!output().contains("listeners bind"), output());
        }
    }

    @Nested
    class KekSecret {
        @Test
        void aSecretThatDoesNotOpenTheKeyRingIsCriticalAndTheOtherFindingsStillShow() throws Exception {
            Path wrong = tmp.resolve("other.kek-secret");
            Files.writeString(wrong, "not-the-secret-this-archive-was-made-with\n");
            Files.setPosixFilePermissions(wrong, PosixFilePermissions.fromString("rw-------"));
            Files.writeString(data.resolve("pacs.yaml"), "storage:\n  kekSecretPath: " + wrong + "\n");
            assertEquals(1, run("doctor", "--data", data.toString()), output());
            assertTrue(output().contains("CRITICAL: the key ring cannot be opened"), output());
            assertTrue(output().contains("no backup of this archive is recorded"), output());
        }
    }

    @Nested
    class Backup {
        @Test
        void noRecordedBackupIsAWarning() {
            assertEquals(0, run("doctor", "--data", data.toString()), output());
            assertTrue(output().contains("WARNING: no backup of this archive is recorded"), output());
        }

        @Test
        void anOldBackupIsReportedWithItsAge() throws Exception {
            Files.createDirectories(data.resolve("run"));
            Files.writeString(data.resolve("run/last-backup"), Instant.now().minus(Duration.ofDays(12)) + "\n");
            run("doctor", "--data", data.toString());
            assertTrue(output().contains("the last backup is 12 days old"), output());
        }

        @Test
        void aRecentBackupIsNotReported() throws Exception {
            Files.createDirectories(data.resolve("run"));
            Files.writeString(data.resolve("run/last-backup"), Instant.now().minus(Duration.ofHours(20)) + "\n");
            run("doctor", "--data", data.toString());
            assertTrue(!output().contains("no backup") && !output().contains("the last backup"), output());
        }

        @Test
        void anUnreadableMarkerIsReported() throws Exception {
            Files.createDirectories(data.resolve("run"));
            Files.writeString(data.resolve("run/last-backup"), "yesterday\n");
            run("doctor", "--data", data.toString());
            assertTrue(output().contains("the backup marker"), output());
        }
    }

    @Nested
    class CatalogDatabase {
        @Test
        void aPlaintextConnectionToARemoteDatabaseIsCritical() throws Exception {
            Files.writeString(data.resolve("pacs.yaml"), "catalog:\n  url: \"jdbc:postgresql://db.example.org:5432/pacs"
                    + "?sslmode=disable\"\n  allowPlaintext: true\n");
            assertEquals(1, run("doctor", "--data", data.toString()), output());
            assertTrue(output().contains("CRITICAL: the catalog database at db.example.org may be reached in plaintext"
                    + " (sslmode=disable)"), output());
        }

        @Test
        void tlsWithoutVerificationIsAWarning() throws Exception {
            Files.writeString(data.resolve("pacs.yaml"), "catalog:\n  url: \"jdbc:postgresql://db.example.org/pacs"
                    + "?sslmode=require\"\n  allowPlaintext: true\n");
            run("doctor", "--data", data.toString());
            assertTrue(output().contains("WARNING: the catalog database at db.example.org is reached over TLS that does"
                    + " not verify the server"), output());
        }

        @Test
        void verifiedTlsAndLoopbackAreNotReported() throws Exception {
            Files.writeString(data.resolve("pacs.yaml"), "catalog:\n  url: \"jdbc:postgresql://db.example.org/pacs\"\n");
            run("doctor", "--data", data.toString());
            assertTrue(!output().contains("catalog database"), output());
            Files.writeString(data.resolve("pacs.yaml"), "catalog:\n  url: \"jdbc:postgresql://127.0.0.1/pacs"
                    + "?sslmode=disable\"\n");
            run("doctor", "--data", data.toString());
            assertTrue(!output().contains("catalog database"), output());
        }
    }
}
