// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An external tool started in the background; {@link #close()} stops it (SIGTERM, then SIGKILL) by its PID. */
final class RunningTool implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final Path log;

    RunningTool(List<String> command, Process process, Path log) {
        this.command = command;
        this.process = process;
        this.log = log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** What the tool printed so far. */
    String output() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits (bounded) for the tool to exit by itself; fails the test when it does not. */
    ToolRun awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("still running after " + timeout + ", killed: " + String.join(" ", command)
                        + "\n" + output().indent(4));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return new ToolRun(command, process.exitValue(), output());
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return String.join(" ", command) + " (pid " + process.pid() + ")";
    }
}
