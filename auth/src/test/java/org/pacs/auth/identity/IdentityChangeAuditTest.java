// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.EventType;
import org.pacs.auth.testing.TestKeys;
import org.pacs.storage.crypto.KeyRing;

class IdentityChangeAuditTest {

    @TempDir
    Path dir;
    KeyRing keys;
    TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    List<AuditEvent> recorded = new ArrayList<>();
    UserStore users;
    ShareStore shares;
    IdentityChangeAudit audit;

    @BeforeEach
    void open() throws IOException {
        keys = TestKeys.open(dir);
        users = UserStore.open(dir, keys);
        users.add("rad", Set.of(Role.RADIOLOGIST), Set.of(), "$h1", clock.instant());
        shares = ShareStore.open(dir, keys, clock);
        audit = new IdentityChangeAudit(users, shares, new IdentityAuditEvents(AuditSource.of("PACS"), "PACS", clock),
                recorded::add, clock);
    }

    @AfterEach
    void close() throws IOException {
        keys.close();
    }

    String texts() {
        return recorded.toString();
    }

    @Test
    void recordsNothingWhenNothingChanged() throws IOException {
        audit.poll();
        assertEquals(List.of(), recorded);
    }

    @Test
    void recordsUsersAddedDisabledAndGivenANewPasswordByAnotherProcess() throws IOException {
        UserStore cli = UserStore.open(dir, keys);
        cli.add("dr-smith", Set.of(Role.REFERRING_PHYSICIAN), Set.of("SMITH^ANNA"), "$h", clock.instant());
        clock.advance(Duration.ofSeconds(1));
        cli.setEnabled("rad", false, clock.instant());
        audit.poll();
        clock.advance(Duration.ofSeconds(1));
        cli.setPasswordHash("dr-smith", "$h2", clock.instant());
        audit.poll();
        assertEquals(3, recorded.size(), texts());
        assertTrue(recorded.stream().allMatch(e -> e.hasType(EventType.USER_SECURITY_ATTRIBUTES_CHANGED)));
        assertTrue(texts().contains("pacs:user/dr-smith") && texts().contains("disabled")
                && texts().contains("password set"), texts());
    }

    @Test
    void ignoresFailedSignIns() throws IOException {
        users.recordFailure("rad", clock.instant());
        audit.poll();
        assertEquals(List.of(), recorded);
    }

    @Test
    void recordsSharesMadeAndRevoked() throws IOException {
        StudyShare s = shares.share("1.2.3", "dr-jones", "rad", Duration.ofDays(3));
        audit.poll();
        shares.revoke(s.id());
        audit.poll();
        assertEquals(2, recorded.size(), texts());
        assertTrue(recorded.stream().allMatch(e -> e.hasType(EventType.OBJECT_SECURITY_ATTRIBUTES_CHANGED)));
        assertTrue(texts().contains("revoked"), texts());
    }
}
