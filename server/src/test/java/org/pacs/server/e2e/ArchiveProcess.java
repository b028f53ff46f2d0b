// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real archive as the operator runs it ({@code ./pacs start --data DIR}), in a child JVM started from
 * the packaged {@code target/pacs-server.jar}, plus the {@code ./pacs} commands run the same way. Each
 * instance owns a fresh data directory with its own {@code pacs.yaml} (a free loopback port) and KEK
 * secret, which is passed in {@code PACS_KEK_SECRET} so that restarts and commands find it.
 *
 * <pre>
 * try (ArchiveProcess archive = ArchiveProcess.create(tempDir)) {
 *     archive.start();
 *     AeBundle ct = archive.registerAe("CT1");
 *     Tools.run(... "echoscu", ct.dcmtkTls() ..., archive.host(), archive.port());
 * }
 * </pre>
 */
final class ArchiveProcess implements AutoCloseable {
    static final String AE_TITLE = "PACS";
    static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern SERVING_PORT = Pattern.compile("DICOM over TLS:\\s+\\S+:(\\d+)");

    private final Path root;
    private final Path dataDir;
    private final String kekSecret;
    private final int configuredPort;
    private Process process;
    private Path stdout;
    private Path stderr;
    private int starts;
    private int port;

    private ArchiveProcess(Path root, int port, String kekSecret) {
        this.root = root;
        this.dataDir = root.resolve("data");
        this.configuredPort = port;
        this.kekSecret = kekSecret;
    }

    /** A new data directory under {@code root} (not started yet). */
    static ArchiveProcess create(Path root) throws IOException {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        ArchiveProcess archive = new ArchiveProcess(root, freePort(), HexFormat.of().formatHex(secret));
        Files.createDirectories(archive.dataDir);
        Files.writeString(archive.dataDir.resolve("pacs.yaml"), """
                server:
                  dicomTlsPort: %d
                  httpsPort: %d
                  bindAddress: %s
                  hostnames: [localhost, 127.0.0.1]
                """.formatted(archive.configuredPort, freePort(), HOST));
        return archive;
    }

    /**
     * The same archive (same KEK secret) over a copy of its root directory, e.g. to damage one copy and
     * keep the other. Its configuration still names the original's port: start only one of them.
     */
    static ArchiveProcess reopen(ArchiveProcess original, Path copiedRoot) {
        return new ArchiveProcess(copiedRoot, original.configuredPort, original.kekSecret);
    }

    /** A loopback port nobody listens on right now. */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        }
    }

    Path dataDir() {
        return dataDir;
    }

    Path root() {
        return root;
    }

    String host() {
        return HOST;
    }

    /** The DICOM-TLS port the archive said it serves on. */
    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the archive and waits (at most 60 s) until it prints that it is serving. */
    void start() throws IOException {
        if (isRunning()) {
            throw new IllegalStateException("already running");
        }
        starts++;
        stdout = root.resolve("archive-" + starts + ".out");
        stderr = root.resolve("archive-" + starts + ".log");
        List<String> command = java();
        command.addAll(List.of("start", "--data", dataDir.toString()));
        ProcessBuilder b = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        environment(b);
        process = b.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            Matcher m = SERVING_PORT.matcher(Files.readString(stdout, StandardCharsets.UTF_8));
            if (m.find() && Files.readString(stdout, StandardCharsets.UTF_8).contains("is serving")) {
                port = Integer.parseInt(m.group(1));
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the archive exited with " + process.exitValue() + " before serving:\n"
                        + output().indent(4));
            }
            if (System.nanoTime() > deadline) {
                kill();
                throw new AssertionError("the archive was not serving after " + START_TIMEOUT + ":\n" + output().indent(4));
            }
            pause(Duration.ofMillis(50));
        }
    }

    /** SIGTERM, as Ctrl-C or a service manager would; waits (bounded) and returns the exit status. */
    int stop() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new AssertionError("the archive did not stop within " + STOP_TIMEOUT + " of SIGTERM; killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return process.exitValue();
    }

    /** SIGKILL: the power-cut case. Waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The archive's stdout and log (stderr) of the current or last run. */
    String output() {
        return read(stdout) + read(stderr);
    }

    /** The archive's log (stderr) of the current or last run. */
    String log() {
        return read(stderr);
    }

    /**
     * Waits (at most {@code timeout}) until the archive's log contains {@code text}: some events are logged
     * by the archive's own threads after the peer has already given up (a TLS 1.3 server learns that the
     * client sent no certificate only on its first read).
     */
    boolean awaitLog(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!log().contains(text)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(Duration.ofMillis(50));
        }
        return true;
    }

    /** Runs {@code ./pacs ARGS... --data DIR} as the operator would; at most 60 s. */
    ToolRun cli(String... args) {
        List<String> command = java();
        command.addAll(List.of(args));
        command.addAll(List.of("--data", dataDir.toString()));
        try {
            Path log = Files.createTempFile(root, "cli", ".log");
            ProcessBuilder b = Tools.builder(command, log);
            environment(b);
            Process p = b.start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("pacs " + String.join(" ", args) + " still running after 60 s; killed");
            }
            return new ToolRun(List.of("pacs", String.join(" ", args)), p.exitValue(), read(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * {@code ./pacs ae add TITLE --out DIR OPTIONS...} with an EC key (quicker to make than RSA-3072); the
     * bundle is written under this archive's root.
     */
    AeBundle registerAe(String title, String... options) {
        Path out = root.resolve("bundles").resolve(title);
        List<String> args = new ArrayList<>(List.of("ae", "add", title, "--out", out.toString(), "--key-type", "ec"));
        args.addAll(List.of(options));
        ToolRun run = cli(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        return new AeBundle(title, out);
    }

    /** {@code ./pacs audit list --json}: every record of the trail, decoded. */
    List<AuditRecordView> auditRecords() {
        ToolRun run = cli("audit", "list", "--json");
        assertEquals(0, run.exitCode(), run::toString);
        return run.output().lines().filter(l -> l.startsWith("{")).map(AuditRecordView::parse).toList();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The JVM running the tests runs the archive too: {@code java [--sun-misc-...] -jar pacs-server.jar}. */
    private static List<String> java() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        if (Runtime.version().feature() >= 24) {
            // Tink's protobuf uses sun.misc.Unsafe; JDK 24+ warns unless allowed (as ./pacs does).
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.add("-jar");
        command.add(jar().toString());
        return command;
    }

    /** {@code target/pacs-server.jar}, next to {@code target/test-classes} (failsafe runs after package). */
    static Path jar() {
        try {
            Path testClasses = Path.of(ArchiveProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path jar = testClasses.resolveSibling("pacs-server.jar");
            if (!Files.isRegularFile(jar) || !Files.isDirectory(testClasses.resolveSibling("lib"))) {
                throw new IllegalStateException(jar + " or lib/ is missing: run the ITs with 'mvn verify' (the jar is"
                        + " built in the package phase)");
            }
            return jar;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private void environment(ProcessBuilder b) {
        b.environment().keySet().removeIf(k -> k.startsWith("PACS_"));
        b.environment().put("PACS_KEK_SECRET", kekSecret);
    }

    private static String read(Path file) {
        try {
            return file != null && Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bounded polling interval, used only inside loops with a deadline. */
    static void pause(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
