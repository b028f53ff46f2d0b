// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.audit.Actor;
import org.pacs.auth.audit.AuditEvents;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.audit.PatientStudies;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.ConfigLoader;
import org.pacs.storage.crypto.KdfParameters;
import org.pacs.storage.crypto.KeyRing;

class AuditCommandTest {

    private static final String SECRET = "audit-command-test-secret-0123456789";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-05-03T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path data;
    @TempDir
    Path dockerSecrets;
    private final Map<String, String> env = Map.of("PACS_KEK_SECRET", SECRET);
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeThreeRecords() throws IOException {
        try (KeyRing keys = ArchiveKeyRing.open(ConfigLoader.load(data, env), env, dockerSecrets,
                new KdfParameters(1024, 1, 1)).keyRing();
                AuditTrail trail = AuditTrail.open(data, keys)) {
            AuditEvents events = new AuditEvents(AuditSource.of("PACS"), Actor.ae("PACS", "pacs.test"),
                    Clock.fixed(Instant.parse("2026-05-01T10:00:00Z"), ZoneOffset.UTC));
            trail.append(events.store(Actor.ae("CT1", "10.0.0.5"), PatientStudies.of("PID-1", "1.2.3")));
            trail.append(events.login(Actor.user("alice", "10.0.0.7"), false, "bad password"));
            trail.append(events.retrieve(Actor.ae("WS1", "10.0.0.8"), PatientStudies.of("PID-2", "4.5.6")));
        }
    }

    private int run(String... args) {
        return run(env, args);
    }

    private int run(Map<String, String> environment, String... args) {
        out.reset();
        err.reset();
        return new AuditCommand(environment, dockerSecrets, CLOCK).run(args,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void verifyExitsZeroForAnIntactTrail() {
        assertEquals(0, run("verify", "--data", data.toString()), err());
        assertTrue(out().contains("audit trail intact: 3 records"), out());
    }

    @Test
    void verifyNamesTheFirstBrokenRecordAndExitsNonZero() throws IOException {
        Path segment = data.resolve("audit").resolve("segment-00000001.log");
        byte[] bytes = Files.readAllBytes(segment);
        int header = ByteBuffer.wrap(bytes).getInt(8);
        int second = header + 4 + ByteBuffer.wrap(bytes).getInt(header);
        bytes[second + 30] ^= 1;
        Files.write(segment, bytes);
        assertEquals(1, run("verify", "--data", data.toString()));
        assertTrue(err().contains("BROKEN at record 2"), err());
    }

    @Test
    void listDecryptsEveryRecordAndRecordsThatTheLogWasRead() {
        assertEquals(0, run("list", "--data", data.toString()), err());
        String listing = out();
        assertTrue(listing.contains("#1 2026-05-01T10:00:00Z DICOM Instances Transferred Create success"), listing);
        assertTrue(listing.contains("CT1@10.0.0.5 (requestor) [Source Role ID]"), listing);
        assertTrue(listing.contains("Patient Number PID-1"), listing);
        assertTrue(listing.contains("#2 2026-05-01T10:00:00Z User Authentication (Login) Execute minor failure: "
                + "bad password"), listing);
        assertTrue(listing.contains("(3 records)"), listing);

        assertEquals(0, run("list", "--data", data.toString(), "--since", "2026-05-02"));
        assertTrue(out().contains("#4 2026-05-03T12:00:00Z Audit Log Used Read success"), out());
        assertEquals(0, run("verify", "--data", data.toString()));
        assertTrue(out().contains("intact: 5 records"), out());
    }

    @Test
    void listFiltersAndWritesJsonLines() {
        assertEquals(0, run("list", "--data", data.toString(), "--study", "4.5.6", "--json"), err());
        String[] lines = out().strip().split("\n");
        assertEquals(1, lines.length, out());
        assertTrue(lines[0].startsWith("{\"sequence\":3,\"EventID\":{\"csd-code\":\"110104\""), lines[0]);
        assertEquals(0, run("list", "--data", data.toString(), "--user", "alice"));
        assertTrue(out().contains("#2 ") && !out().contains("#1 ") && !out().contains("#3 "), out());
        assertEquals(0, run("list", "--data", data.toString(), "--ae", "WS1"));
        assertTrue(out().contains("#3 ") && out().contains("(1 records)"), out());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThrows(UsageException.class, () -> run("list", "--data", data.toString(), "--since", "someday"));
        assertThrows(UsageException.class, () -> run("list", "--user"));
        assertThrows(UsageException.class, () -> run("verify", "--json"));
        assertThrows(UsageException.class, () -> run("shred"));
    }

    @Test
    void cannotCheckWithoutATrailOrItsKeystore(@TempDir Path empty) throws IOException {
        assertEquals(3, run("verify", "--data", empty.toString()));
        assertTrue(err().contains("there is no audit trail"), err());

        Files.createDirectory(empty.resolve("audit"));
        assertEquals(3, run("verify", "--data", empty.toString()));
        assertTrue(err().contains("no keystore"), err());
        assertFalse(Files.exists(empty.resolve("keys")), "no keystore is created");
    }

    @Test
    void cannotCheckWithTheWrongSecret() {
        assertEquals(3, run(Map.of("PACS_KEK_SECRET", "a-different-secret-of-enough-length"), "verify", "--data",
                data.toString()));
    }

    @Test
    void isRegisteredInTheCommandLine() {
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        new Main().run(new String[] {"help"}, new PrintStream(help, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertTrue(help.toString(StandardCharsets.UTF_8).contains("audit verify|list"));
    }
}
