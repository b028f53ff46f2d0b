// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StatusCommandTest {
    @TempDir
    Path data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private void status(long pid, int port) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", Long.toString(pid));
        p.setProperty("started", "2026-11-25T10:00:00Z");
        p.setProperty("aeTitle", "PACS");
        p.setProperty("bindAddress", "127.0.0.1");
        p.setProperty("dicomTlsPort", Integer.toString(port));
        p.setProperty("studies", "3");
        new ServerStatusFile(data).write(p);
    }

    @Test
    void isDownWithoutAStatusFile() {
        assertEquals(1, run("status", "--data", data.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("down"));
    }

    @Test
    void isUpWhenTheProcessLivesAndThePortAccepts() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            status(ProcessHandle.current().pid(), listener.getLocalPort());
            assertEquals(0, run("status", "--data", data.toString()));
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("3 studies"), out.toString());
            assertEquals(0, run("status", "--quiet", "--data", data.toString()));
        }
    }

    @Test
    void saysTheArchiveDiedWhenItsProcessIsGone() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        status(gone.pid(), 1);
        assertEquals(1, run("status", "--data", data.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("stopped without cleaning up"), out.toString());
    }
}
