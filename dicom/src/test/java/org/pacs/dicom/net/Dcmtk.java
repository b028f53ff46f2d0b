// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs DCMTK tools for interoperability tests: bounded waits, killed by their own process handle,
 * Nagle off ({@code TCP_NODELAY=1}, see shared/bench/peer/README.md), output kept in a file.
 */
public final class Dcmtk {

    /** The outcome of a finished tool. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    private Dcmtk() {
    }

    public static Result run(Path workDir, Duration timeout, String... command) throws IOException,
            InterruptedException {
        Process p = start(workDir, command);
        Path log = workDir.resolve(logName(p));
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return new Result(-1, "TIMEOUT after " + timeout + "\n" + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    /** Starts a long-running tool (storescp, stunnel); the caller stops it with {@link #stop}. */
    public static Process start(Path workDir, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(List.of(command)).directory(workDir.toFile()).redirectErrorStream(true);
        pb.environment().put("TCP_NODELAY", "1");
        Path log = Files.createTempFile(workDir, command[0].replaceAll("[^a-z0-9]", "") + "-", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        Path named = workDir.resolve(logName(p));
        Files.move(log, named);
        return p;
    }

    public static String output(Path workDir, Process p) throws IOException {
        return Files.readString(workDir.resolve(logName(p)));
    }

    private static String logName(Process p) {
        return "proc-" + p.pid() + ".log";
    }

    /** Stops a process started here, by its own handle, waiting a bounded time. */
    public static void stop(Process p) throws InterruptedException {
        if (p == null) {
            return;
        }
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** A free ephemeral port on 127.0.0.1. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    /** Waits until something listens on the port (checked with {@code ss}, never by connecting). */
    public static void awaitListening(int port, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Process ss = new ProcessBuilder("ss", "-ltnH", "sport = :" + port).redirectErrorStream(true).start();
            String out = new String(ss.getInputStream().readAllBytes());
            ss.waitFor(5, TimeUnit.SECONDS);
            if (out.contains(":" + port)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("nothing listens on port " + port + " after " + timeout);
    }

    /** Whether an executable of this name is on the PATH. */
    public static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    public static List<String> args(Object... parts) {
        List<String> out = new ArrayList<>();
        for (Object o : parts) {
            out.add(String.valueOf(o));
        }
        return out;
    }
}
