// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pacs scan} against a legacy PACS left open (DCMTK's {@code dcmqrscp} with an AE that any peer
 * may use, holding studies) and against this archive: the first is found exposed without one patient
 * detail in the output, the second passes.
 */
class ScanIT {
    private static final String PATIENT_NAME = "Scanme^Secret";
    private static final String PATIENT_ID = "SCAN-ID-4711";

    @TempDir
    Path temp;

    @Test
    void findsAnOpenDcmqrscpExposedWithoutPrintingPatientData() throws Exception {
        Path storage = Files.createDirectories(temp.resolve("storage"));
        int port = ArchiveProcess.freePort();
        Path config = temp.resolve("dcmqrscp.cfg");
        // One AE, any peer may read and write, no host restrictions: the open setup of the news stories.
        Files.writeString(config, """
                NetworkTCPPort  = %d
                MaxPDUSize      = 16384
                MaxAssociations = 16

                HostTable BEGIN
                HostTable END

                VendorTable BEGIN
                VendorTable END

                AETable BEGIN
                SERVER   %s   RW   (20, 1024mb)   ANY
                AETable END
                """.formatted(port, storage));
        try (RunningTool qr = Tools.start(temp.resolve("dcmqrscp.log"),
                List.of("dcmqrscp", "-c", config.toString(), Integer.toString(port)))) {
            try {
                scanOpenDcmqrscp(qr, port, storage);
            } finally {
                // dcmqrscp serves each association in a child process of the one started here.
                ProcessHandle.of(qr.pid()).ifPresent(h -> h.descendants().forEach(ProcessHandle::destroy));
            }
        }
    }

    private void scanOpenDcmqrscp(RunningTool qr, int port, Path storage) throws IOException {
        awaitListening(port, qr);
        List<String> files = new ArrayList<>();
        for (int study = 1; study <= 7; study++) {
            files.add(instance(study).toString());
        }
        List<String> store = new ArrayList<>(List.of("storescu", "-aec", "SERVER", "127.0.0.1", Integer.toString(port)));
        store.addAll(files);
        ToolRun stored = Tools.run(Tools.DEFAULT_TIMEOUT, store);
        assertEquals(0, stored.exitCode(), stored.toString());

        ToolRun scan = scan("127.0.0.1", Integer.toString(port), "--tls-port", Integer.toString(port));

        assertEquals(1, scan.exitCode(), scan.toString());
        String out = scan.output();
        assertTrue(out.contains("EXPOSED    plaintext association accepted"), out);
        assertTrue(out.contains("called AE 'SERVER' accepted"), "found the AE title among the common ones: " + out);
        assertTrue(out.contains("EXPOSED    anonymous C-FIND answered"), out);
        // C-CANCEL after the fifth match; dcmqrscp may have sent the other two already.
        assertTrue(out.matches("(?s).*at least [5-7] matching studies \\(counting stopped with C-CANCEL\\).*"), out);
        assertTrue(out.contains("verdict: EXPOSED"), out);
        assertFalse(out.contains("Scanme") || out.contains("Secret") || out.contains(PATIENT_ID),
                "patient data in the scan's output: " + out);
        try (var stored7 = Files.list(storage)) {
            assertEquals(7, stored7.filter(p -> p.toString().endsWith(".dcm")).count(),
                    "the scan stored nothing on the peer");
        }
    }

    @Test
    void passesThisArchive() throws Exception {
        try (ArchiveProcess archive = ArchiveProcess.create(temp.resolve("archive"))) {
            archive.start();
            String port = Integer.toString(archive.port());

            ToolRun scan = scan(archive.host(), port, "--tls-port", port);

            assertEquals(0, scan.exitCode(), scan.toString());
            String out = scan.output();
            assertTrue(out.contains("ok         plaintext association accepted"), out);
            assertTrue(out.contains("does not accept plaintext DICOM"), out);
            assertTrue(out.contains("ok         TLS accepted without a client certificate"), out);
            assertTrue(out.contains("verdict: not exposed"), out);
        }
    }

    @Test
    void findsAnonymousTlsOnAStorescpThatAsksNoCertificate() throws Exception {
        Path key = temp.resolve("legacy.key.pem");
        Path cert = temp.resolve("legacy.crt.pem");
        ToolRun made = Tools.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2", "-subj", "/CN=legacy");
        assertEquals(0, made.exitCode(), made.toString());
        Path received = Files.createDirectories(temp.resolve("received"));
        int port = ArchiveProcess.freePort();
        // TLS, but -ic: a client certificate is neither asked for nor checked.
        try (RunningTool scp = Tools.start(temp.resolve("storescp.log"), List.of("storescp", "+tls", key.toString(),
                cert.toString(), "-ic", "-od", received.toString(), Integer.toString(port)))) {
            awaitListening(port, scp);
            String p = Integer.toString(port);

            ToolRun scan = scan("127.0.0.1", p, "--tls-port", p);

            assertEquals(1, scan.exitCode(), scan.toString());
            String out = scan.output();
            assertTrue(out.contains("ok         plaintext association accepted"), out);
            assertTrue(out.contains("EXPOSED    TLS accepted without a client certificate"), out);
            assertTrue(out.contains("port " + port + ": TLS without a client certificate"), out);
        }
    }

    @Test
    void saysUnreachableWhenNothingListens() throws Exception {
        String port = Integer.toString(ArchiveProcess.freePort());
        ToolRun scan = scan("127.0.0.1", port, "--tls-port", port);
        assertEquals(3, scan.exitCode(), scan.toString());
        assertTrue(scan.output().contains("verdict: UNREACHABLE"), scan.output());
    }

    /** {@code ./pacs scan ARGS...} from the packaged jar, as the operator runs it. */
    private static ToolRun scan(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-jar", ArchiveProcess.jar().toString(), "scan", "--timeout", "5"));
        command.addAll(List.of(args));
        return Tools.run(Duration.ofSeconds(120), command);
    }

    /** A small Secondary Capture instance of study {@code n}, made with dump2dcm. */
    private Path instance(int n) throws IOException {
        String uid = "1.2.826.0.1.3680043.2.1143.4711." + n;
        Path dump = temp.resolve("i" + n + ".dump");
        Files.writeString(dump, """
                (0008,0016) UI =SecondaryCaptureImageStorage
                (0008,0018) UI [%1$s.1.1]
                (0008,0020) DA [20240101]
                (0008,0030) TM [101010]
                (0008,0050) SH [ACC%2$d]
                (0008,0060) CS [OT]
                (0010,0010) PN [%3$s]
                (0010,0020) LO [%4$s]
                (0020,000d) UI [%1$s]
                (0020,000e) UI [%1$s.1]
                (0020,0010) SH [S%2$d]
                (0020,0011) IS [1]
                (0020,0013) IS [1]
                """.formatted(uid, n, PATIENT_NAME, PATIENT_ID));
        Path file = temp.resolve("i" + n + ".dcm");
        ToolRun made = Tools.run("dump2dcm", "+te", dump.toString(), file.toString());
        assertEquals(0, made.exitCode(), made.toString());
        return file;
    }

    /** Waits (at most 30 s) until dcmqrscp accepts TCP connections; a bare connect it simply drops. */
    private static void awaitListening(int port, RunningTool tool) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            } catch (IOException e) {
                if (!tool.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("dcmqrscp is not listening on " + port + ":\n" + tool.output());
                }
                ArchiveProcess.pause(Duration.ofMillis(50));
            }
        }
    }
}
