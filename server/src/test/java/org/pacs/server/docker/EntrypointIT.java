// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docker/entrypoint.sh} and the image's {@code pacs} launcher, run outside Docker with the image's
 * user, paths, environment and secrets layout ({@link ImageLayout}): it starts the archive as PID of the
 * exec chain, the health check passes, nothing is written outside the data volume and tmp, and it
 * refuses root, an unwritable or foreign volume and a missing KEK secret.
 */
class EntrypointIT {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    ImageLayout image;
    Process running;

    @BeforeEach
    void layOut() throws IOException {
        ImageLayout.chmod(temp, "rwxr-xr-x"); // JUnit's 0700 would keep the image's user out
        image = ImageLayout.create(temp.resolve("image"));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (running != null && running.isAlive()) {
            running.destroy();
            if (!running.waitFor(30, TimeUnit.SECONDS)) {
                running.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Nested
    class OnAGoodVolume {
        @Test
        void startsTheArchiveAsTheImageUserAndPassesTheHealthCheck() throws Exception {
            Path marker = Files.createFile(temp.resolve("started-after"));
            Path log = temp.resolve("entrypoint.log");
            running = image.asImageUser(List.of(image.home.resolve("entrypoint.sh").toString(), "start"),
                    image.environment(), log).start();
            awaitServing(log);

            // exec all the way down: the process started is now the JVM, so docker stop's SIGTERM reaches it.
            String command = running.info().command().orElse("");
            assertTrue(command.endsWith("/java"), "the entrypoint's process became " + command + ", not java");
            String out = read(log);
            assertTrue(out.contains("first start: initializing"), out);
            assertTrue(out.contains("key-encryption-key secret: " + image.secrets.resolve("pacs_kek_secret")), out);
            assertTrue(Files.isDirectory(image.data.resolve("pki")), "initialized in the data volume");
            assertEquals("rwx------", permissions(image.data));

            assertEquals(0, healthCheck().exitCode, "HEALTHCHECK ./pacs status --quiet on a serving archive");

            List<String> stray = writtenOutsideDataAndTmp(marker);
            assertTrue(stray.isEmpty(), "written outside the data volume and tmp: " + stray);

            running.destroy(); // SIGTERM, as docker stop sends
            assertTrue(running.waitFor(30, TimeUnit.SECONDS), "the archive stopped on SIGTERM");
            assertFalse(Files.exists(image.data.resolve("run/server.status")), "clean shutdown removed its status");
            assertEquals(1, healthCheck().exitCode, "the health check fails once the archive is down");
        }

        @Test
        void runsOtherCommandsOnTheDataVolume() throws Exception {
            Run run = run(image.asImageUser(List.of(image.home.resolve("entrypoint.sh").toString(), "status"),
                    image.environment(), temp.resolve("status.log")));
            assertEquals(1, run.exitCode, run.output);
            assertTrue(run.output.contains("down: no archive is running on " + image.data), run.output);
        }
    }

    @Nested
    class Refuses {
        @Test
        void refusesToRunAsRoot() throws Exception {
            Map<String, String> env = image.environment();
            List<String> command = List.of(image.home.resolve("entrypoint.sh").toString(), "start");
            ProcessBuilder asRoot;
            if (ImageLayout.runningAsRoot()) {
                asRoot = ImageLayout.process(command, env, temp.resolve("root.log"));
            } else {
                // Not root here: an 'id' that says uid 0 stands in for running as root.
                Path stub = Files.createDirectories(temp.resolve("stub"));
                Files.writeString(stub.resolve("id"), "#!/bin/sh\ncase \"$1\" in -u|-g) echo 0 ;; *) exec /usr/bin/id \"$@\" ;; esac\n");
                ImageLayout.chmod(stub.resolve("id"), "rwxr-xr-x");
                env.put("PATH", stub + ":" + env.get("PATH"));
                asRoot = ImageLayout.process(command, env, temp.resolve("root.log"));
            }
            Run run = run(asRoot);
            assertEquals(1, run.exitCode, run.output);
            assertTrue(run.output.contains("refusing to run as root"), run.output);
            assertFalse(Files.exists(image.data.resolve("pki")), "nothing was initialized");
        }

        @Test
        void refusesAnUnwritableVolume() throws Exception {
            ImageLayout.chmod(image.data, "r-x------");
            Run run = start();
            assertEquals(1, run.exitCode, run.output);
            assertTrue(run.output.contains("is not writable"), run.output);
        }

        @Test
        void refusesAVolumeOwnedByAnotherUser() throws Exception {
            assumeTrue(ImageLayout.runningAsRoot(), "needs root to give the volume to another user");
            ImageLayout.chown(image.data, 0);
            Run run = start();
            assertEquals(1, run.exitCode, run.output);
            assertTrue(run.output.contains("belongs to uid 0, but the archive runs as uid " + ImageLayout.IMAGE_UID),
                    run.output);
            assertTrue(run.output.contains("chown IMAGE -R " + ImageLayout.IMAGE_UID), "says how to fix it: " + run.output);
        }

        @Test
        void refusesAMissingDataVolume() throws Exception {
            Files.delete(image.data);
            Run run = start();
            assertEquals(1, run.exitCode, run.output);
            assertTrue(run.output.contains("does not exist: mount a volume there"), run.output);
        }

        @Test
        void refusesToGenerateAKekSecretThatTheContainerWouldLose() throws Exception {
            Files.delete(image.secrets.resolve("pacs_kek_secret"));
            Run run = start();
            assertEquals(1, run.exitCode, run.output);
            assertTrue(run.output.contains("no key-encryption-key secret"), run.output);
            assertFalse(Files.exists(image.data.resolve("pki")), "nothing was initialized");
            assertFalse(Files.exists(image.data.resolveSibling("pacs.kek-secret")), "no secret file beside the volume");
        }

        private Run start() throws Exception {
            return run(image.asImageUser(List.of(image.home.resolve("entrypoint.sh").toString(), "start"),
                    image.environment(), temp.resolve("start.log")));
        }
    }

    /** {@code HEALTHCHECK CMD ["/opt/pacs/pacs", "status", "--quiet"]}, with the container's environment. */
    private Run healthCheck() throws Exception {
        return run(image.asImageUser(List.of(image.home.resolve("pacs").toString(), "status", "--quiet"),
                image.environment(), temp.resolve("health.log")));
    }

    private void awaitServing(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!read(log).contains("is serving")) {
            if (!running.isAlive()) {
                throw new AssertionError("the entrypoint exited with " + running.exitValue() + ":\n" + read(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not serving after " + START_TIMEOUT + ":\n" + read(log));
            }
            Thread.sleep(100); // polling interval inside a bounded loop
        }
    }

    /**
     * Files the image's user owns that changed since {@code marker}, anywhere but the layout (data volume,
     * tmp): a read-only root filesystem would have refused each. Only where that user can write at all
     * (directories it cannot enter are skipped), so the search stays short.
     */
    private List<String> writtenOutsideDataAndTmp(Path marker) throws Exception {
        assumeTrue(ImageLayout.runningAsRoot(), "the write check needs the image's own uid (run as root)");
        List<String> command = new ArrayList<>(List.of("find", "/", "/dev/shm", "-xdev", "(", "-path", "/proc", "-o",
                "-path", "/sys", "-o", "-path", image.root.toString(), ")", "-prune", "-o", "-type", "d", "!", "-perm",
                "-o+x", "!", "-uid", Integer.toString(ImageLayout.IMAGE_UID), "-prune", "-o", "-uid",
                Integer.toString(ImageLayout.IMAGE_UID), "-newer", marker.toString(), "-print"));
        Path log = temp.resolve("find.log");
        Process p = ImageLayout.process(command, Map.of("PATH", "/usr/bin:/bin"), log)
                .redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "find finished");
        return read(log).lines().filter(l -> !l.isBlank()).toList();
    }

    private static Run run(ProcessBuilder b) throws Exception {
        Process p = b.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("still running after 60 s: " + b.command());
        }
        return new Run(p.exitValue(), read(b.redirectOutput().file().toPath()));
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String permissions(Path p) throws IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private record Run(int exitCode, String output) {
    }
}
