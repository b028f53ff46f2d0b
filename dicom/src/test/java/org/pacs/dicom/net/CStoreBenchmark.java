// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.service.ServiceRegistry;
import org.pacs.dicom.net.tls.TestPki;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * C-STORE throughput on loopback for 512x512 16-bit CT images over one association: our SCU and
 * DCMTK storescu into our SCP, against storescu into storescp in the same run as the reference.
 * Both receivers write each data set to a file (page cache, no fsync). Not a test: run it with
 * {@code dicom/src/test/resources/net/bench-cstore.sh [instances] [repeats]}.
 */
public final class CStoreBenchmark {

    private static final String STUDY = "1.2.826.0.1.3680043.10.1146.9";

    private record Case(String name, double seconds) {
    }

    public static void main(String[] args) throws Exception {
        int instances = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("cstore-bench");
        try {
            run(work, instances, repeats);
        } finally {
            try (var all = Files.walk(work)) {
                all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void run(Path work, int instances, int repeats) throws Exception {
        Path corpus = Files.createDirectories(work.resolve("corpus"));
        List<Path> files = new ArrayList<>();
        long bytes = 0;
        for (int i = 1; i <= instances; i++) {
            String uid = STUDY + ".1." + i;
            byte[] ds = TestDicom.ctImage(STUDY, STUDY + ".1", uid, 512, 512).encode(true);
            Path f = corpus.resolve(String.format("i%05d.dcm", i));
            Files.write(f, TestDicom.part10(TestDicom.CT_IMAGE_STORAGE, uid, ds));
            files.add(f);
            bytes += Files.size(f);
        }
        TestPki pki = TestPki.create(Files.createDirectories(work.resolve("pki")));
        TestPki.Entity server = pki.issue("server", "bench-scp");
        TestPki.Entity client = pki.issue("client", "bench-scu");
        TlsPolicy serverTls = TlsPolicy.bcp195NonDowngrading(pki.context(server), TlsPolicy.ClientAuth.REQUIRED);
        TlsPolicy clientTls = TlsPolicy.bcp195NonDowngrading(pki.context(client), TlsPolicy.ClientAuth.REQUIRED);
        String[] dcmtkTls = {"+tls", client.keyPem().toString(), client.certPem().toString(), "+cf",
            pki.caPem().toString()};

        Path sink = Files.createDirectories(work.resolve("sink"));
        AtomicLong received = new AtomicLong();
        try (Acceptor plain = ourScp(sink, received, null); Acceptor tls = ourScp(sink, received, serverTls)) {
            ourScu(files, plain.port(), null); // warm-up: JIT and page cache
            ourScu(files, tls.port(), clientTls);
            List<Case> results = new ArrayList<>();
            results.add(measure("our SCU -> our SCP", repeats, () -> ourScu(files, plain.port(), null)));
            results.add(measure("our SCU -> our SCP, TLS", repeats, () -> ourScu(files, tls.port(), clientTls)));
            results.add(measure("storescu -> our SCP", repeats, () -> storescu(work, corpus, plain.port(),
                    "INTEROP")));
            results.add(measure("storescu -> our SCP, TLS", repeats, () -> storescu(work, corpus, tls.port(),
                    "INTEROP", dcmtkTls)));
            results.add(measure("storescu -> storescp (reference)", repeats, () -> viaStorescp(work, corpus,
                    null, null, dcmtkTls)));
            results.add(measure("storescu -> storescp, TLS (reference)", repeats, () -> viaStorescp(work, corpus,
                    server, pki, dcmtkTls)));
            print(results, instances, bytes, repeats);
        }
    }

    private interface Run {
        void run() throws Exception;
    }

    private static Case measure(String name, int repeats, Run run) throws Exception {
        double[] t = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            run.run();
            t[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(t);
        return new Case(name, t[repeats / 2]);
    }

    private static void print(List<Case> results, int instances, long bytes, int repeats) {
        double plainRef = results.get(4).seconds();
        double tlsRef = results.get(5).seconds();
        System.out.printf(Locale.ROOT, "%d instances of 512x512x16 bit (%.1f MB in files), 1 association, median of"
                + " %d runs%n%n", instances, bytes / 1e6, repeats);
        System.out.println("| sender -> receiver | seconds | instances/s | MB/s | vs storescu -> storescp |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (Case c : results) {
            double ref = c.name().contains("TLS") ? tlsRef : plainRef;
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.0f | %.0f | %.2f |%n", c.name(), c.seconds(),
                    instances / c.seconds(), bytes / 1e6 / c.seconds(), ref / c.seconds());
        }
    }

    private static Acceptor ourScp(Path sink, AtomicLong received, TlsPolicy tls) throws IOException {
        List<String> ts = List.of(TestDicom.ELE, TestDicom.ILE);
        AcceptorSettings settings = new AcceptorSettings(List.of(new TransferCapability(TestDicom.CT_IMAGE_STORAGE,
                org.pacs.dicom.net.acse.Role.SCP, ts)), TransferSyntaxPreference.ACCEPTOR,
                Limits.DEFAULTS.maxPduLength(), Implementation.CLASS_UID, Implementation.VERSION_NAME, null, null,
                false, null);
        ServiceRegistry services = ServiceRegistry.builder().store((as, rq, data) -> {
            try (OutputStream out = Files.newOutputStream(sink.resolve(rq.sopInstanceUid()))) {
                received.addAndGet(data.transferTo(out));
            }
            return Status.SUCCESS;
        }).build();
        return Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings, services, Limits.DEFAULTS, tls);
    }

    private static void ourScu(List<Path> files, int port, TlsPolicy tls) throws IOException {
        try (Connector connector = new Connector(Limits.DEFAULTS, tls);
                Association as = connector.connect("127.0.0.1", port, Connector.request("INTEROP", "BENCHSCU",
                        List.of(new PresentationContextRQ(1, TestDicom.CT_IMAGE_STORAGE, TestDicom.ELE)),
                        Limits.DEFAULTS), null)) {
            AcceptedContext pc = as.context(TestDicom.CT_IMAGE_STORAGE).orElseThrow();
            for (Path f : files) {
                String uid = STUDY + ".1." + Integer.parseInt(f.getFileName().toString().substring(1, 6));
                int status = org.pacs.dicom.net.service.Scu.store(as, pc, uid, out -> {
                    try (InputStream in = Files.newInputStream(f)) {
                        byte[] head = in.readNBytes(144);
                        int metaLength = (head[140] & 0xff) | (head[141] & 0xff) << 8 | (head[142] & 0xff) << 16
                                | (head[143] & 0xff) << 24;
                        in.skipNBytes(metaLength);
                        in.transferTo(out);
                    }
                }, Duration.ofSeconds(60));
                if (status != Status.SUCCESS) {
                    throw new IOException("C-STORE status " + Integer.toHexString(status));
                }
            }
        }
    }

    private static void storescu(Path work, Path corpus, int port, String calledAe, String... extra)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("storescu", "-aec", calledAe));
        cmd.addAll(List.of(extra));
        cmd.addAll(List.of("127.0.0.1", String.valueOf(port), "+sd", corpus.toString()));
        Dcmtk.Result r = Dcmtk.run(work, Duration.ofMinutes(10), cmd.toArray(String[]::new));
        if (!r.ok()) {
            throw new IOException("storescu failed: " + r.output());
        }
    }

    private static void viaStorescp(Path work, Path corpus, TestPki.Entity server, TestPki pki, String[] clientTls)
            throws Exception {
        Path out = Files.createDirectories(work.resolve("storescp-out"));
        int port = Dcmtk.freePort();
        List<String> cmd = new ArrayList<>(List.of("storescp", "-aet", "STORESCP", "-od", out.toString()));
        if (server != null) {
            cmd.addAll(List.of("+tls", server.keyPem().toString(), server.certPem().toString(), "+cf",
                    pki.caPem().toString()));
        }
        cmd.add(String.valueOf(port));
        Process scp = Dcmtk.start(work, cmd.toArray(String[]::new));
        try {
            Dcmtk.awaitListening(port, Duration.ofSeconds(10));
            if (server != null) {
                storescu(work, corpus, port, "STORESCP", clientTls);
            } else {
                storescu(work, corpus, port, "STORESCP");
            }
        } finally {
            Dcmtk.stop(scp);
        }
    }
}
