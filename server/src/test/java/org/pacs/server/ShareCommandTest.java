// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.audit.AuditFilter;
import org.pacs.auth.audit.AuditRecord;
import org.pacs.auth.audit.AuditTrailReader;
import org.pacs.auth.identity.ShareStore;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.ConfigLoader;
import org.pacs.storage.crypto.KeyRing;

class ShareCommandTest {

    static final String STUDY = "1.2.826.0.1.3680043.8.498.1";

    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void init() {
        data = tmp.resolve("pacs-data");
        assertEquals(0, InitCommandTest.pacs("init", "--data", data.toString(), "--key-type", "ec").status());
        InitCommandTest.Result r = run(new UserCommand(new ByteArrayInputStream(new byte[0])), "add", "dr-jones",
                "--role", "referring-physician");
        assertEquals(0, r.status(), r.err());
    }

    InitCommandTest.Result run(Command command, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            status = command.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (UsageException e) {
            status = 2;
        }
        return new InitCommandTest.Result(status, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    InitCommandTest.Result share(String... args) {
        return run(new ShareCommand(), args);
    }

    Set<String> sharedWithJones() throws IOException {
        try (KeyRing keys = ArchiveKeyRing.open(ConfigLoader.load(data, Map.of())).keyRing()) {
            return ShareStore.open(data, keys, Clock.systemUTC()).sharedWith("dr-jones");
        }
    }

    @Test
    void sharesListsAndRevokes() throws IOException {
        InitCommandTest.Result added = share("add", STUDY, "--with", "dr-jones", "--days", "7");
        assertEquals(0, added.status(), added.err());
        assertEquals(Set.of(STUDY), sharedWithJones());
        Matcher id = Pattern.compile("\\(share (\\w+)\\)").matcher(added.out());
        assertTrue(id.find(), added.out());
        String listed = share("list", "--with", "dr-jones").out();
        assertTrue(listed.contains(id.group(1)) && listed.contains(STUDY) && listed.contains("active"), listed);
        assertEquals(0, share("revoke", id.group(1)).status());
        assertEquals(Set.of(), sharedWithJones());
        assertEquals(1, share("revoke", id.group(1)).status(), "a share is revoked once");
    }

    @Test
    void refusesAnUnknownUserInEmbeddedMode() throws IOException {
        InitCommandTest.Result r = share("add", STUDY, "--with", "dr-nobody");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("no user dr-nobody"), r.err());
    }

    @Test
    void refusesBadUidsAndDurations() {
        assertEquals(2, share("add", "1.2.abc", "--with", "dr-jones").status());
        assertEquals(2, share("add", STUDY, "--with", "dr-jones", "--days", "0").status());
        assertEquals(2, share("add", STUDY, "--with", "dr-jones", "--days", "1000").status());
        assertEquals(2, share("add", STUDY).status());
    }

    @Test
    void sharesAreAudited() throws IOException {
        share("add", STUDY, "--with", "dr-jones");
        List<String> seen = new ArrayList<>();
        try (KeyRing keys = ArchiveKeyRing.open(ConfigLoader.load(data, Map.of())).keyRing()) {
            AuditTrailReader.open(data, keys).read(AuditFilter.all(), (AuditRecord r) -> seen.add(r.event().toString()));
        }
        assertTrue(seen.stream().anyMatch(e -> e.contains(STUDY) && e.contains("dr-jones")), seen.toString());
    }
}
