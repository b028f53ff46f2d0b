// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.audit.AuditFilter;
import org.pacs.auth.audit.AuditRecord;
import org.pacs.auth.audit.AuditTrailReader;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.ConfigLoader;
import org.pacs.storage.crypto.KeyRing;

class OfflineAuditTest {
    @TempDir
    Path tmp;

    private void run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aeChangesMadeWhileTheArchiveIsStoppedAreAuditedByTheCommand() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        run("init", "--data", data.toString());
        run("ae", "add", "CT1", "--out", tmp.resolve("ct1").toString(), "--data", data.toString());
        run("ae", "revoke", "CT1", "--data", data.toString());
        List<String> seen = new ArrayList<>();
        try (KeyRing keys = ArchiveKeyRing.open(ConfigLoader.load(data, Map.of())).keyRing()) {
            AuditTrailReader.open(data, keys).read(AuditFilter.all(),
                    (AuditRecord r) -> seen.add(r.event().toString()));
        }
        assertEquals(2, seen.size(), seen.toString());
        assertTrue(seen.get(0).contains("CT1") && seen.get(1).contains("revoked"), seen.toString());
    }
}
