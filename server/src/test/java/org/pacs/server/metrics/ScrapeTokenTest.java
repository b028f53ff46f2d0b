// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScrapeTokenTest {
    @TempDir
    Path data;

    @Test
    void isNotConfiguredUntilCreated() throws IOException {
        ScrapeToken t = new ScrapeToken(data);
        assertFalse(t.configured());
        assertFalse(t.matches("anything"));
    }

    @Test
    void createsA256BitTokenAndKeepsOnlyItsSha256OwnerOnly() throws Exception {
        String token = ScrapeToken.rotate(data, new SecureRandom());
        assertTrue(token.startsWith(ScrapeToken.PREFIX));
        assertEquals(32, Base64.getUrlDecoder().decode(token.substring(ScrapeToken.PREFIX.length())).length);
        Path file = ScrapeToken.location(data);
        String stored = Files.readString(file, StandardCharsets.US_ASCII).strip();
        assertFalse(stored.contains(token));
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(token.getBytes(StandardCharsets.UTF_8))), stored);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(new ScrapeToken(data).matches(token));
    }

    @Test
    void rotationReplacesTheOldToken() throws IOException {
        String first = ScrapeToken.rotate(data, new SecureRandom());
        String second = ScrapeToken.rotate(data, new SecureRandom());
        assertNotEquals(first, second);
        ScrapeToken t = new ScrapeToken(data);
        assertFalse(t.matches(first));
        assertTrue(t.matches(second));
    }

    @Test
    void refusesADamagedHashFileRatherThanMatchingAnything() throws IOException {
        Files.createDirectories(ScrapeToken.location(data).getParent());
        Files.writeString(ScrapeToken.location(data), "not a hash\n");
        assertThrows(IOException.class, () -> new ScrapeToken(data).matches(""));
    }
}
