// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs external tools (DCMTK, openssl, stunnel) with bounded waits. Their output goes to a file, not a
 * pipe, so a chatty tool can never block on a full pipe while nobody reads it. DCMTK leaves Nagle's
 * algorithm on unless {@code TCP_NODELAY=1} is set, which costs ~40 ms per round trip: always set here.
 */
final class Tools {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private Tools() {
    }

    /** Runs {@code command} to the end (at most {@code timeout}); a tool still running then is killed. */
    static ToolRun run(Duration timeout, List<String> command) {
        Path log = tempLog();
        try {
            Process p = builder(command, log).start();
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                    throw new AssertionError("still running after " + timeout + ", killed: " + String.join(" ", command)
                            + "\n" + Files.readString(log, StandardCharsets.ISO_8859_1).indent(4));
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while running " + command, e);
            }
            return new ToolRun(List.copyOf(command), p.exitValue(), Files.readString(log, StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command + " (is the tool installed?)", e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    static ToolRun run(String... command) {
        return run(DEFAULT_TIMEOUT, List.of(command));
    }

    /** Starts {@code command} in the background, its output going to {@code log}. */
    static RunningTool start(Path log, List<String> command) {
        try {
            return new RunningTool(List.copyOf(command), builder(command, log).start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + command + " (is the tool installed?)", e);
        }
    }

    static ProcessBuilder builder(List<String> command, Path log) {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> env = b.environment();
        env.keySet().removeIf(k -> k.startsWith("PACS_"));
        env.put("TCP_NODELAY", "1");
        return b;
    }

    private static Path tempLog() {
        try {
            return Files.createTempFile("e2e-tool", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
