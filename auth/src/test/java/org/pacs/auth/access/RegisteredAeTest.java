// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegisteredAeTest {

    static RegisteredAe legacy(String address, Set<Permission> p) {
        return new RegisteredAe("OLD_US", null, 0, p, List.of(), true, address, null, Instant.EPOCH, null);
    }

    @Test
    void refusesInvalidAeTitles() {
        for (String bad : List.of("", "   ", "SEVENTEEN_CHARS__", "BACK\\SLASH", "TAB\tX")) {
            assertThrows(IllegalArgumentException.class, () -> new RegisteredAe(bad, null, 0, Set.of(), List.of(),
                    true, "10.0.0.1", null, Instant.EPOCH, null), bad);
        }
    }

    @Test
    void stripsInsignificantSpaces() {
        assertEquals("OLD_US", new RegisteredAe(" OLD_US ", null, 0, Set.of(), List.of(), true, "10.0.0.1", null,
                Instant.EPOCH, null).aeTitle());
    }

    @Test
    void legacyAeMayOnlyStoreFromALiteralAddress() {
        assertThrows(IllegalArgumentException.class, () -> legacy("10.0.0.1", Set.of(Permission.QUERY)));
        assertThrows(IllegalArgumentException.class, () -> legacy("us.local", Set.of(Permission.STORE)));
        assertThrows(IllegalArgumentException.class, () -> legacy(null, Set.of(Permission.STORE)));
        assertEquals(Set.of(Permission.STORE), legacy("fd00::7", Set.of(Permission.STORE)).permissions());
    }

    @Test
    void tlsAeNeedsACertificate() {
        assertThrows(IllegalArgumentException.class, () -> new RegisteredAe("CT", null, 0, Set.of(Permission.STORE),
                List.of(), false, null, null, Instant.EPOCH, null));
    }

    @Test
    void parsesPermissions() {
        assertEquals(Set.of(Permission.STORE, Permission.RETRIEVE), Permission.parse("store, retrieve"));
        assertThrows(IllegalArgumentException.class, () -> Permission.parse("store,delete"));
        assertThrows(IllegalArgumentException.class, () -> Permission.parse(","));
    }
}
