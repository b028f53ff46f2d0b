// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.pacs.auth.identity.AuthenticationException;
import org.pacs.auth.identity.EmbeddedIdentity;
import org.pacs.auth.identity.LocalUser;
import org.pacs.auth.identity.Role;
import org.pacs.auth.identity.SignInAudit;
import org.pacs.auth.identity.SignInTokens;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.ConfigLoader;
import org.pacs.storage.crypto.KeyRing;

class UserCommandTest {

    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void init() {
        data = tmp.resolve("pacs-data");
        InitCommandTest.Result r = InitCommandTest.pacs("init", "--data", data.toString(), "--key-type", "ec");
        assertEquals(0, r.status(), r.err());
    }

    InitCommandTest.Result user(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data", data.toString()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        try {
            status = new UserCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)))
                    .run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                            new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (UsageException e) {
            status = 2;
            err.writeBytes(e.getMessage().getBytes(StandardCharsets.UTF_8));
        }
        return new InitCommandTest.Result(status, out.toString(StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    interface WithIdentity<T> {
        T apply(EmbeddedIdentity identity) throws Exception;
    }

    <T> T withIdentity(WithIdentity<T> work) throws Exception {
        try (KeyRing keys = ArchiveKeyRing.open(ConfigLoader.load(data, Map.of())).keyRing()) {
            return work.apply(EmbeddedIdentity.open(ConfigLoader.load(data, Map.of()), keys, Clock.systemUTC(),
                    SignInAudit.NONE));
        }
    }

    static String shownPassword(String out) {
        Matcher m = Pattern.compile("password \\(shown once.*\\): (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    @Test
    void addsAUserWithAGeneratedPasswordThatSignsIn() throws Exception {
        InitCommandTest.Result r = user("", "add", "dr-smith", "--role", "referring-physician", "--physician",
                "SMITH^ANNA");
        assertEquals(0, r.status(), r.err());
        String password = shownPassword(r.out());
        SignInTokens t = withIdentity(id -> id.signIn().login("dr-smith", password.toCharArray(), "127.0.0.1"));
        assertEquals(Set.of(Role.REFERRING_PHYSICIAN), t.principal().roles());
        assertEquals(Set.of("SMITH^ANNA"), t.principal().physicianNames());
    }

    @Test
    void readsThePasswordFromStandardInputAndNeverPrintsIt() throws Exception {
        InitCommandTest.Result r = user("a long enough secret\n", "add", "rad", "--role", "radiologist",
                "--password-stdin");
        assertEquals(0, r.status(), r.err());
        assertFalse(r.out().contains("a long enough secret"));
        assertFalse(r.out().contains("password ("));
        withIdentity(id -> id.signIn().login("rad", "a long enough secret".toCharArray(), "127.0.0.1"));
    }

    @Test
    void refusesAShortPasswordFromStandardInput() {
        InitCommandTest.Result r = user("short\n", "add", "rad", "--role", "radiologist", "--password-stdin");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("at least 12"), r.err());
    }

    @Test
    void refusesUnknownRolesAndMissingRoles() {
        assertEquals(2, user("", "add", "x1", "--role", "superuser").status());
        assertEquals(2, user("", "add", "x1").status());
        assertEquals(2, user("", "add", "x1", "--role", "radiologist", "--physician", "DOE^JOHN").status());
    }

    @Test
    void disableEndsTokensAndEnableRestoresSignIn() throws Exception {
        String password = shownPassword(user("", "add", "dr-smith", "--role", "referring-physician").out());
        SignInTokens t = withIdentity(id -> id.signIn().login("dr-smith", password.toCharArray(), "127.0.0.1"));
        assertEquals(0, user("", "disable", "dr-smith").status());
        withIdentity(id -> {
            try {
                id.authenticator().authenticate(t.accessToken());
                throw new AssertionError("a disabled user's token was accepted");
            } catch (AuthenticationException expected) {
                return null;
            }
        });
        String listed = user("", "list").out();
        assertTrue(listed.contains("dr-smith") && listed.contains("disabled"), listed);
        assertEquals(0, user("", "enable", "dr-smith").status());
        withIdentity(id -> id.signIn().login("dr-smith", password.toCharArray(), "127.0.0.1"));
    }

    @Test
    void passwdSetsANewPassword() throws Exception {
        user("", "add", "rad", "--role", "radiologist");
        InitCommandTest.Result r = user("another long secret\n", "passwd", "rad", "--password-stdin");
        assertEquals(0, r.status(), r.err());
        LocalUser u = withIdentity(id -> id.signIn().login("rad", "another long secret".toCharArray(), "127.0.0.1")
                .principal().name().equals("rad") ? id.users().find("rad").orElseThrow() : null);
        assertTrue(u.enabled());
    }

    @Test
    void changesAreAuditedWhenTheArchiveIsStopped() throws IOException {
        user("", "add", "rad", "--role", "radiologist");
        user("", "disable", "rad");
        List<String> seen = new ArrayList<>();
        try (KeyRing keys = ArchiveKeyRing.open(ConfigLoader.load(data, Map.of())).keyRing()) {
            AuditTrailReader.open(data, keys).read(AuditFilter.all(), (AuditRecord r) -> seen.add(r.event().toString()));
        }
        assertTrue(seen.stream().anyMatch(e -> e.contains("pacs:user/rad") && e.contains("added")), seen.toString());
        assertTrue(seen.stream().anyMatch(e -> e.contains("pacs:user/rad") && e.contains("disabled")), seen.toString());
    }
}
