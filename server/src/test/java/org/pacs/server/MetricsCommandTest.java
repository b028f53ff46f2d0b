// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.server.metrics.ScrapeToken;

/** The command's refusals; creating and rotating against a real archive is MetricsIT's. */
class MetricsCommandTest {
    @TempDir
    Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void rejectsAnythingButToken() {
        assertEquals(2, run("metrics", "--data", data.toString()));
        assertEquals(2, run("metrics", "show", "--data", data.toString()));
        assertEquals(2, run("metrics", "token", "extra", "--data", data.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: pacs metrics token"), err::toString);
    }

    @Test
    void refusesAnUninitializedDataDirectoryAndWritesNothing() {
        assertEquals(1, run("metrics", "token", "--data", data.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("not initialized"), err::toString);
        assertFalse(Files.exists(ScrapeToken.location(data)));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no token printed");
    }
}
