// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.testing.TestKeys;
import org.pacs.storage.crypto.KeyRing;

class UserStoreTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;
    KeyRing keys;

    @BeforeEach
    void open() throws IOException {
        keys = TestKeys.open(dir);
    }

    @AfterEach
    void close() throws IOException {
        keys.close();
    }

    @Test
    void keepsUsersWithRolesAndPhysicianNamesAcrossOpens() throws IOException {
        UserStore.open(dir, keys).add("Dr-Smith", Set.of(Role.REFERRING_PHYSICIAN), Set.of("SMITH^ANNA"), "$h", NOW);
        LocalUser u = UserStore.open(dir, keys).find("dr-smith").orElseThrow();
        assertEquals("dr-smith", u.name());
        assertEquals(Set.of(Role.REFERRING_PHYSICIAN), u.roles());
        assertEquals(Set.of("SMITH^ANNA"), u.physicianNames());
        assertTrue(u.enabled());
    }

    @Test
    void writesNoNameOrHashInPlaintext() throws IOException {
        UserStore.open(dir, keys).add("dr-smith", Set.of(Role.REFERRING_PHYSICIAN), Set.of("SMITH^ANNA"),
                "$argon2id$marker", NOW);
        String raw = new String(Files.readAllBytes(dir.resolve("identity/users.sealed")), StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("dr-smith"));
        assertFalse(raw.contains("SMITH"));
        assertFalse(raw.contains("argon2id"));
    }

    @Test
    void seesAnotherProcessDisablingAUserWithoutReopening() throws IOException {
        UserStore server = UserStore.open(dir, keys);
        UserStore cli = UserStore.open(dir, keys);
        cli.add("rad", Set.of(Role.RADIOLOGIST), Set.of(), "$h", NOW);
        assertTrue(server.find("rad").orElseThrow().enabled());
        cli.setEnabled("rad", false, NOW);
        assertFalse(server.find("rad").orElseThrow().enabled());
    }

    @Test
    void refusesATakenName() throws IOException {
        UserStore users = UserStore.open(dir, keys);
        users.add("rad", Set.of(Role.RADIOLOGIST), Set.of(), "$h", NOW);
        assertThrows(IdentityStoreException.class, () -> users.add("RAD", Set.of(), Set.of(), "$h", NOW));
    }

    @Test
    void refusesInvalidNamesAndPhysicianNames() throws IOException {
        UserStore users = UserStore.open(dir, keys);
        assertThrows(IllegalArgumentException.class, () -> users.add("-x", Set.of(), Set.of(), "$h", NOW));
        assertThrows(IllegalArgumentException.class, () -> users.add("a b", Set.of(), Set.of(), "$h", NOW));
        assertThrows(IllegalArgumentException.class,
                () -> users.add("ok", Set.of(), Set.of("DOE^JOHN\\ROE^JANE"), "$h", NOW));
    }

    @Test
    void failsClosedWhenAnotherSealedFileIsCopiedOverIt() throws IOException {
        UserStore.open(dir, keys).add("rad", Set.of(Role.RADIOLOGIST), Set.of(), "$h", NOW);
        SessionStore sessions = SessionStore.open(dir, keys);
        sessions.start("rad", "token", NOW, NOW.plusSeconds(60));
        Files.copy(dir.resolve("identity/sessions.sealed"), dir.resolve("identity/users.sealed"),
                StandardCopyOption.REPLACE_EXISTING);
        assertThrows(IdentityStoreException.class, () -> UserStore.open(dir, keys));
    }
}
