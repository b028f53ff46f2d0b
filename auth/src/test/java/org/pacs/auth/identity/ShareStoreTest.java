// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.testing.TestKeys;
import org.pacs.storage.crypto.KeyRing;

class ShareStoreTest {

    static final String STUDY = "1.2.840.113619.2.55.3";

    @TempDir
    Path dir;
    KeyRing keys;
    TestClock clock = new TestClock(Instant.parse("2026-11-25T10:00:00Z"));
    ShareStore shares;

    @BeforeEach
    void open() throws IOException {
        keys = TestKeys.open(dir);
        shares = ShareStore.open(dir, keys, clock);
    }

    @AfterEach
    void close() throws IOException {
        keys.close();
    }

    @Test
    void sharesAStudyWithAUserUntilItExpires() throws IOException {
        shares.share(STUDY, "dr-jones", "rad", Duration.ofDays(7));
        assertEquals(Set.of(STUDY), shares.sharedWith("dr-jones"));
        assertEquals(Set.of(), shares.sharedWith("dr-smith"));
        clock.advance(Duration.ofDays(7));
        assertEquals(Set.of(), shares.sharedWith("dr-jones"));
        assertEquals(1, shares.all().size(), "an expired share is still listed for a while");
    }

    @Test
    void revokedShareStopsCountingInAnotherInstanceAtOnce() throws IOException {
        ShareStore server = ShareStore.open(dir, keys, clock);
        StudyShare s = shares.share(STUDY, "dr-jones", "rad", Duration.ofDays(7));
        assertEquals(Set.of(STUDY), server.sharedWith("dr-jones"));
        shares.revoke(s.id());
        assertEquals(Set.of(), server.sharedWith("dr-jones"));
        assertThrows(IdentityStoreException.class, () -> shares.revoke(s.id()));
    }

    @Test
    void listsTheActiveSharesOfAStudy() throws IOException {
        shares.share(STUDY, "dr-jones", "rad", Duration.ofDays(7));
        shares.share(STUDY, "dr-smith", "admin1", Duration.ofDays(1));
        shares.share("1.2.3", "dr-smith", "admin1", Duration.ofDays(1));
        assertEquals(2, shares.activeForStudy(STUDY).size());
        clock.advance(Duration.ofDays(2));
        assertEquals(1, shares.activeForStudy(STUDY).size());
    }

    @Test
    void refusesBadUidsUsersAndLifetimes() {
        assertThrows(IllegalArgumentException.class, () -> shares.share("1.02.3", "dr-jones", "rad", Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> shares.share("1.2.x", "dr-jones", "rad", Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> shares.share(STUDY, "a b", "rad", Duration.ofDays(1)));
        assertThrows(IllegalArgumentException.class, () -> shares.share(STUDY, "dr-jones", "rad", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> shares.share(STUDY, "dr-jones", "rad", Duration.ofDays(400)));
    }

    @Test
    void dropsLongExpiredSharesOnTheNextChange() throws IOException {
        shares.share(STUDY, "dr-jones", "rad", Duration.ofDays(1));
        clock.advance(Duration.ofDays(40));
        shares.share("1.2.3", "dr-jones", "rad", Duration.ofDays(1));
        assertEquals(1, shares.all().size());
        assertTrue(shares.all().getFirst().studyInstanceUid().equals("1.2.3"));
    }
}
