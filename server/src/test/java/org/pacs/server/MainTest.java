// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("config show"));
    }

    @Test
    void anUnknownCommandExitsWithUsageStatus() {
        assertEquals(2, run("frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown command 'frobnicate'"));
    }

    @Test
    void startRefusesABadConfigurationNamingTheKey(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("pacs.yaml"), "server:\n  httpsPort: 0\n");
        assertEquals(1, run("start", "--data", dir.toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("server.httpsPort"));
    }

    @Test
    void aMissingDataDirectoryArgumentIsAUsageError() {
        assertEquals(2, run("config", "show", "--data"));
    }
}
