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
import org.junit.jupiter.api.BeforeEach;
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
}
