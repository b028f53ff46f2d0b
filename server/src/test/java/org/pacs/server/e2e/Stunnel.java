// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * stunnel in client mode in front of the archive's DICOM-TLS port, one plaintext loopback port per AE:
 * DCMTK 3.6.7's {@code movescu} and {@code getscu} have no TLS options, so they connect here and stunnel
 * opens the TLS connection with that AE's certificate and key, verifying the archive's chain.
 */
final class Stunnel implements AutoCloseable {
    private final RunningTool process;
    private final Map<String, Integer> ports;

    private Stunnel(RunningTool process, Map<String, Integer> ports) {
        this.process = process;
        this.ports = ports;
    }

    /** Starts one stunnel with a service per bundle and waits (bounded) until each port listens. */
    static Stunnel start(Path dir, ArchiveProcess archive, List<AeBundle> bundles) throws IOException {
        Files.createDirectories(dir);
        StringBuilder conf = new StringBuilder("foreground = yes\npid =\ndebug = 5\n");
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (AeBundle ae : bundles) {
            int port = ArchiveProcess.freePort();
            ports.put(ae.aeTitle(), port);
            conf.append('[').append(ae.aeTitle()).append("]\nclient = yes\n")
                    .append("accept = ").append(ArchiveProcess.HOST).append(':').append(port).append('\n')
                    .append("connect = ").append(archive.host()).append(':').append(archive.port()).append('\n')
                    .append("cert = ").append(ae.certificate()).append('\n')
                    .append("key = ").append(ae.key()).append('\n')
                    .append("CAfile = ").append(ae.ca()).append('\n')
                    .append("verifyChain = yes\n");
        }
        Path file = dir.resolve("stunnel.conf");
        Files.writeString(file, conf);
        Stunnel stunnel = new Stunnel(Tools.start(dir.resolve("stunnel.log"), List.of("stunnel", file.toString())),
                ports);
        try {
            for (int port : ports.values()) {
                awaitListening(stunnel.process, port, Duration.ofSeconds(20));
            }
        } catch (RuntimeException | Error e) {
            stunnel.close();
            throw e;
        }
        return stunnel;
    }

    /** The plaintext port that reaches the archive as {@code aeTitle}. */
    int port(String aeTitle) {
        return ports.get(aeTitle);
    }

    String log() {
        return process.output();
    }

    /**
     * Waits until something listens on the loopback {@code port}, asking {@code ss} rather than connecting:
     * a probe connection would open a TLS session to the archive.
     */
    static void awaitListening(RunningTool owner, int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ToolRun ss = Tools.run("ss", "-ltnH", "sport = :" + port);
            if (ss.output().contains(":" + port + " ")) {
                return;
            }
            if (!owner.isAlive()) {
                throw new AssertionError(owner + " exited before listening on " + port + ":\n" + owner.output().indent(4));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(owner + " not listening on " + port + " after " + timeout + ":\n"
                        + owner.output().indent(4));
            }
            ArchiveProcess.pause(Duration.ofMillis(50));
        }
    }

    @Override
    public void close() {
        process.close();
    }
}
