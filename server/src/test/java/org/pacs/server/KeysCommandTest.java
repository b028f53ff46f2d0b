// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.audit.Actor;
import org.pacs.auth.audit.AuditEvents;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.audit.AuditTrailReader;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.storage.blob.BlobIdentity;
import org.pacs.storage.blob.BlobRef;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KekVersion;
import org.pacs.storage.crypto.KeyRing;

class KeysCommandTest {
    @TempDir
    Path tmp;

    private String run(int expectedStatus, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedStatus, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void rotateRewrapsExistingBlobsAndRetiresTheOldKekWithoutLosingContent() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        String first = run(0, "keys", "status", "--data", data.toString());
        assertTrue(first.contains("primary KEK version: 1"), first);
        assertTrue(first.contains(ArchiveKeyRing.defaultSecretFile(data).toString()), first);

        Config config = ConfigLoader.load(data, Map.of());
        byte[] content = "not really pixel data".getBytes(StandardCharsets.US_ASCII);
        BlobRef ref;
        try (KeyRing keyRing = ArchiveKeyRing.open(config).keyRing();
             BlobStore store = EncryptedBlobStore.open(data, keyRing)) {
            ref = store.put(new ByteArrayInputStream(content), BlobIdentity.of("1.2.3.4"));
            try (AuditTrail trail = AuditTrail.open(data, keyRing)) {
                trail.append(new AuditEvents(AuditSource.of("PACS"), Actor.ae("PACS", "127.0.0.1"),
                        Clock.systemUTC()).applicationStart());
            }
        }

        String rotated = run(0, "keys", "rotate", "--retire-old", "--data", data.toString());
        assertTrue(rotated.contains("1 blobs scanned, 1 re-wrapped, 0 failed"), rotated);
        assertTrue(rotated.contains("retired KEK version 1"), rotated);
        assertTrue(rotated.contains("1 audit trail segment keys re-sealed"), rotated);

        try (KeyRing keyRing = ArchiveKeyRing.open(config).keyRing();
             BlobStore store = EncryptedBlobStore.open(data, keyRing)) {
            assertEquals(List.of(new KekVersion(2)), keyRing.versions());
            try (InputStream in = store.open(ref)) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertTrue(AuditTrailReader.open(data, keyRing).verify().intact());
        }
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        run(2, "keys", "spin", "--data", tmp.toString());
    }
}
