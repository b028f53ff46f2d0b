// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.dicom.net.acse.AcceptedContext;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.tls.TestPki;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * Interoperability with DCMTK 3.6.7: our SCP against echoscu, storescu, findscu, movescu and getscu;
 * our SCU against storescp; plaintext and TLS (movescu/getscu have no TLS and go through stunnel).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DcmtkInteropIT {

    static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    static final String STUDY = InteropScp.STUDY_UID;
    static final String MR_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.4";

    Path work;
    TestPki pki;
    TestPki.Entity server;
    TestPki.Entity client;
    InteropScp plain;
    InteropScp tls;
    Path ctFile;
    byte[] ctDataSet;

    @BeforeAll
    void start() throws IOException {
        work = Files.createTempDirectory("dcmtk-interop");
        pki = TestPki.create(work);
        server = pki.issue("server", "interop-scp");
        client = pki.issue("client", "dcmtk-scu");
        Path plainDir = Files.createDirectories(work.resolve("plain"));
        Path tlsDir = Files.createDirectories(work.resolve("tls"));
        plain = new InteropScp(plainDir, null, Limits.DEFAULTS);
        tls = new InteropScp(tlsDir, TlsPolicy.bcp195NonDowngrading(pki.context(server),
                TlsPolicy.ClientAuth.REQUIRED), Limits.DEFAULTS);
        String instance = STUDY + ".1.1";
        ctDataSet = TestDicom.ctImage(STUDY, STUDY + ".1", instance, 64, 64).encode(true);
        ctFile = work.resolve("ct.dcm");
        Files.write(ctFile, TestDicom.part10(TestDicom.CT_IMAGE_STORAGE, instance, ctDataSet));
    }

    @AfterAll
    void stop() throws IOException {
        plain.close();
        tls.close();
        try (Stream<Path> all = Files.walk(work)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    Dcmtk.Result run(String... command) throws Exception {
        return Dcmtk.run(work, TOOL_TIMEOUT, command);
    }

    String[] tlsClientArgs() {
        return new String[] {"+tls", client.keyPem().toString(), client.certPem().toString(), "+cf",
            pki.caPem().toString()};
    }

    static String[] concat(String[] a, String... b) {
        return Stream.concat(Stream.of(a), Stream.of(b)).toArray(String[]::new);
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OurScpAgainstDcmtkScu {

        @Test
        void echoscuPlaintext() throws Exception {
            Dcmtk.Result r = run("echoscu", "-aec", InteropScp.AE, "127.0.0.1", String.valueOf(plain.port()));
            assertTrue(r.ok(), r.output());
        }

        @Test
        void echoscuTlsWithClientCertificateWhichServicesSee() throws Exception {
            Dcmtk.Result r = run(concat(new String[] {"echoscu", "-aec", InteropScp.AE}, concat(tlsClientArgs(),
                    "127.0.0.1", String.valueOf(tls.port()))));
            assertTrue(r.ok(), r.output());
            assertTrue(tls.peerCertificatesSeen.contains(client.certificate()), "the service saw the client chain");
        }

        @Test
        void tlsWithoutClientCertificateIsRefused() throws Exception {
            Dcmtk.Result r = run("echoscu", "-aec", InteropScp.AE, "+tla", "+cf", pki.caPem().toString(),
                    "127.0.0.1", String.valueOf(tls.port()));
            assertFalse(r.ok(), r.output());
        }

        @Test
        void storescuPlaintextStoresTheDataSetUnchanged() throws Exception {
            Dcmtk.Result r = run("storescu", "-aec", InteropScp.AE, "127.0.0.1", String.valueOf(plain.port()),
                    ctFile.toString());
            assertTrue(r.ok(), r.output());
            InteropScp.Stored s = plain.stored().get(STUDY + ".1.1");
            assertEquals(TestDicom.ELE, s.transferSyntax());
            assertArrayEquals(ctDataSet, Files.readAllBytes(s.dataSet()));
        }

        @Test
        void storescuTlsWithClientCertificate() throws Exception {
            Dcmtk.Result r = run(concat(new String[] {"storescu", "-aec", InteropScp.AE}, concat(tlsClientArgs(),
                    "127.0.0.1", String.valueOf(tls.port()), ctFile.toString())));
            assertTrue(r.ok(), r.output());
            assertArrayEquals(ctDataSet, Files.readAllBytes(tls.stored().get(STUDY + ".1.1").dataSet()));
        }

        @Test
        void storescuWithUserAndPasswordIsAuthenticated() throws Exception {
            Dcmtk.Result r = run("storescu", "-aec", InteropScp.AE, "--user", "alice", "--password", "s3cret",
                    "--pos-response", "127.0.0.1", String.valueOf(plain.port()), ctFile.toString());
            assertTrue(r.ok(), r.output());
            assertTrue(plain.principalsSeen.contains("alice"));
        }

        @ParameterizedTest(name = "storescu --{0} is carried to the authenticator as {1}")
        @CsvSource({"jwt, jwt-subject", "saml, saml-subject", "kerberos, kerberos-principal"})
        void tokenIdentitiesReachTheAuthenticator(String kind, String principal) throws Exception {
            Path token = work.resolve(kind + ".token");
            Files.writeString(token, switch (kind) {
                case "jwt" -> InteropScp.TEST_JWT;
                case "saml" -> "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"/>";
                default -> "opaque-kerberos-ticket";
            });
            Dcmtk.Result r = run("storescu", "-aec", InteropScp.AE, "--" + kind, token.toString(), "--pos-response",
                    "127.0.0.1", String.valueOf(plain.port()), ctFile.toString());
            assertTrue(r.ok(), r.output());
            assertTrue(plain.principalsSeen.contains(principal), plain.principalsSeen.toString());
        }

        @Test
        void storescuWithWrongPasswordIsRejected() throws Exception {
            Dcmtk.Result r = run("storescu", "-aec", InteropScp.AE, "--user", "alice", "--password", "wrong",
                    "127.0.0.1", String.valueOf(plain.port()), ctFile.toString());
            assertFalse(r.ok(), r.output());
            assertTrue(r.output().contains("Rejected Permanent"), r.output());
            assertTrue(r.output().contains("No Reason"), r.output());
        }

        @Test
        void unknownCalledAeTitleIsRejectedAsDcmtkReportsIt() throws Exception {
            Dcmtk.Result r = run("echoscu", "-aec", "NOT-US", "127.0.0.1", String.valueOf(plain.port()));
            assertFalse(r.ok(), r.output());
            assertTrue(r.output().contains("Called AE Title Not Recognized"), r.output());
        }

        @Test
        void unknownCallingAeTitleIsRejectedAsDcmtkReportsIt() throws Exception {
            Dcmtk.Result r = run("echoscu", "-aet", "BADCALLER", "-aec", InteropScp.AE, "127.0.0.1",
                    String.valueOf(plain.port()));
            assertFalse(r.ok(), r.output());
            assertTrue(r.output().contains("Calling AE Title Not Recognized"), r.output());
        }

        @Test
        void unsupportedSopClassGetsNoPresentationContext() throws Exception {
            String instance = STUDY + ".7.1";
            byte[] mr = TestDicom.ctImage(STUDY, STUDY + ".7", instance, 8, 8)
                    .string(0x00080016, "UI", MR_IMAGE_STORAGE).encode(true);
            Path mrFile = work.resolve("mr.dcm");
            Files.write(mrFile, TestDicom.part10(MR_IMAGE_STORAGE, instance, mr));
            Dcmtk.Result r = run("storescu", "-v", "-aec", InteropScp.AE, "127.0.0.1", String.valueOf(plain.port()),
                    mrFile.toString());
            assertTrue(r.output().contains("No presentation context for"), r.output());
            assertFalse(plain.stored().containsKey(instance));
        }

        @Test
        void acceptorPreferenceChoosesExplicitLittleEndianOverProposedBigEndian() throws Exception {
            Dcmtk.Result r = run("storescu", "-xb", "-aec", InteropScp.AE, "127.0.0.1", String.valueOf(plain.port()),
                    ctFile.toString());
            assertTrue(r.ok(), r.output());
            assertEquals(TestDicom.ELE, plain.stored().get(STUDY + ".1.1").transferSyntax());
        }

        @Test
        void implicitOnlyProposalIsAcceptedAndDcmtkConverts() throws Exception {
            Dcmtk.Result r = run("storescu", "-xi", "-aec", InteropScp.AE, "127.0.0.1", String.valueOf(plain.port()),
                    ctFile.toString());
            assertTrue(r.ok(), r.output());
            InteropScp.Stored s = plain.stored().get(STUDY + ".1.1");
            assertEquals(TestDicom.ILE, s.transferSyntax());
            // Same pixels, other encoding: the implicit data set is 4 bytes shorter per short element header.
            assertTrue(Files.size(s.dataSet()) > 64 * 64 * 2);
        }

        @Test
        void associationsBeyondTheLimitAreRejectedTransientAsDcmtkReportsIt() throws Exception {
            Path dir = Files.createDirectories(work.resolve("limited"));
            try (InteropScp limited = new InteropScp(dir, null, Limits.DEFAULTS.withMaxAssociations(1, 1));
                    Connector connector = new Connector(Limits.DEFAULTS, null);
                    Association holder = connector.connect("127.0.0.1", limited.port(), Connector.request(
                            InteropScp.AE, "HOLDER", List.of(new PresentationContextRQ(1, Scu.VERIFICATION,
                                    TestDicom.ILE)), Limits.DEFAULTS), null)) {
                Dcmtk.Result r = run("echoscu", "-aec", InteropScp.AE, "127.0.0.1", String.valueOf(limited.port()));
                assertFalse(r.ok(), r.output());
                assertTrue(r.output().contains("Rejected Transient"), r.output());
                assertTrue(r.output().contains("Local Limit Exceeded"), r.output());
                assertEquals(Status.SUCCESS, Scu.echo(holder, Duration.ofSeconds(10)));
            }
        }

        @Test
        void findscuOverTlsGetsTheMatch() throws Exception {
            Dcmtk.Result r = run(concat(new String[] {"findscu", "-v", "-S", "-aec", InteropScp.AE}, concat(
                    tlsClientArgs(), "-k", "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID", "127.0.0.1",
                    String.valueOf(tls.port()))));
            assertTrue(r.ok(), r.output());
            assertTrue(r.output().contains(STUDY), r.output());
        }

        @Test
        void findscuGetsTheMatch() throws Exception {
            Dcmtk.Result r = run("findscu", "-v", "-S", "-aec", InteropScp.AE, "-k", "QueryRetrieveLevel=STUDY",
                    "-k", "StudyInstanceUID", "-k", "PatientName", "127.0.0.1", String.valueOf(plain.port()));
            assertTrue(r.ok(), r.output());
            assertTrue(r.output().contains(STUDY), r.output());
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class Retrieve {

        Process storescp;
        int storescpPort;
        Path received;

        @BeforeAll
        void startStorescp() throws Exception {
            Dcmtk.Result seeded = run("storescu", "-aec", InteropScp.AE, "127.0.0.1", String.valueOf(plain.port()),
                    ctFile.toString());
            assertTrue(seeded.ok(), seeded.output());
            seeded = run(concat(new String[] {"storescu", "-aec", InteropScp.AE}, concat(tlsClientArgs(),
                    "127.0.0.1", String.valueOf(tls.port()), ctFile.toString())));
            assertTrue(seeded.ok(), seeded.output());
            received = Files.createDirectories(work.resolve("received"));
            storescpPort = Dcmtk.freePort();
            storescp = Dcmtk.start(work, "storescp", "-aet", "DEST", "-od", received.toString(),
                    String.valueOf(storescpPort));
            Dcmtk.awaitListening(storescpPort, Duration.ofSeconds(10));
            plain.addDestination("DEST", storescpPort);
            tls.addDestination("DEST", storescpPort);
            if (!Dcmtk.onPath("stunnel4")) {
                return; // the TLS retrieve tests are skipped, saying why
            }
            stunnelPort = Dcmtk.freePort();
            Path conf = work.resolve("stunnel.conf");
            Files.writeString(conf, String.join("\n", "foreground = yes", "pid =", "[dicom-tls]", "client = yes",
                    "accept = 127.0.0.1:" + stunnelPort, "connect = 127.0.0.1:" + tls.port(),
                    "cert = " + client.certPem(), "key = " + client.keyPem(), "CAfile = " + pki.caPem(),
                    "verifyChain = yes", ""));
            stunnel = Dcmtk.start(work, "stunnel4", conf.toString());
            Dcmtk.awaitListening(stunnelPort, Duration.ofSeconds(10));
        }

        Process stunnel;
        int stunnelPort;

        @AfterAll
        void stopStorescp() throws InterruptedException {
            Dcmtk.stop(storescp);
            Dcmtk.stop(stunnel);
        }

        @Test
        void movescuThroughStunnelOverTls() throws Exception {
            Assumptions.assumeTrue(stunnel != null, "stunnel4 is not installed (apt-get install stunnel4)");
            Dcmtk.Result r = run("movescu", "-v", "-S", "-aec", InteropScp.AE, "-aem", "DEST", "-k",
                    "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY, "127.0.0.1",
                    String.valueOf(stunnelPort));
            assertTrue(r.ok(), r.output());
            assertTrue(r.output().contains("Received Final Move Response (Success)"), r.output());
        }

        @Test
        void getscuThroughStunnelOverTls() throws Exception {
            Assumptions.assumeTrue(stunnel != null, "stunnel4 is not installed (apt-get install stunnel4)");
            Path out = Files.createDirectories(work.resolve("get-tls"));
            Dcmtk.Result r = run("getscu", "-v", "-S", "-aec", InteropScp.AE, "-od", out.toString(), "-k",
                    "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY, "127.0.0.1",
                    String.valueOf(stunnelPort));
            assertTrue(r.ok(), r.output());
            try (Stream<Path> files = Files.list(out)) {
                List<Path> got = files.toList();
                assertEquals(1, got.size(), r.output());
                assertArrayEquals(ctDataSet, TestDicom.dataSetOf(Files.readAllBytes(got.getFirst())));
            }
        }

        @Test
        void movescuMovesToStorescp() throws Exception {
            Dcmtk.Result r = run("movescu", "-v", "-S", "-aec", InteropScp.AE, "-aem", "DEST", "-k",
                    "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY, "127.0.0.1",
                    String.valueOf(plain.port()));
            assertTrue(r.ok(), r.output());
            try (Stream<Path> files = Files.list(received)) {
                assertFalse(files.toList().isEmpty(), "storescp received nothing\n" + r.output());
            }
        }

        @Test
        void movescuToUnknownDestinationFails() throws Exception {
            Dcmtk.Result r = run("movescu", "-v", "-S", "-aec", InteropScp.AE, "-aem", "NOWHERE", "-k",
                    "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY, "127.0.0.1",
                    String.valueOf(plain.port()));
            assertTrue(r.output().contains("Refused: MoveDestinationUnknown"), r.output());
        }

        @Test
        void getscuRetrievesOverTheSameAssociation() throws Exception {
            Path out = Files.createDirectories(work.resolve("get"));
            Dcmtk.Result r = run("getscu", "-v", "-S", "-aec", InteropScp.AE, "-od", out.toString(), "-k",
                    "QueryRetrieveLevel=STUDY", "-k", "StudyInstanceUID=" + STUDY, "127.0.0.1",
                    String.valueOf(plain.port()));
            assertTrue(r.ok(), r.output());
            try (Stream<Path> files = Files.list(out)) {
                List<Path> got = files.toList();
                assertFalse(got.isEmpty(), r.output());
                assertArrayEquals(ctDataSet, TestDicom.dataSetOf(Files.readAllBytes(got.getFirst())));
            }
        }
    }

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class OurScuAgainstStorescp {

        @Test
        void storesToStorescpInPlaintext() throws Exception {
            Path dir = Files.createDirectories(work.resolve("scp-plain"));
            int port = Dcmtk.freePort();
            Process scp = Dcmtk.start(work, "storescp", "-aet", "STORESCP", "-od", dir.toString(),
                    String.valueOf(port));
            try {
                Dcmtk.awaitListening(port, Duration.ofSeconds(10));
                storeWith(new Connector(Limits.DEFAULTS, null), port);
                assertStoredIn(dir);
            } finally {
                Dcmtk.stop(scp);
            }
        }

        @Test
        void storesToStorescpOverTls() throws Exception {
            Path dir = Files.createDirectories(work.resolve("scp-tls"));
            int port = Dcmtk.freePort();
            Process scp = Dcmtk.start(work, "storescp", "-aet", "STORESCP", "-od", dir.toString(), "+tls",
                    server.keyPem().toString(), server.certPem().toString(), "+cf", pki.caPem().toString(),
                    "--require-peer-cert", String.valueOf(port));
            try {
                Dcmtk.awaitListening(port, Duration.ofSeconds(10));
                storeWith(new Connector(Limits.DEFAULTS, TlsPolicy.bcp195NonDowngrading(pki.context(client),
                        TlsPolicy.ClientAuth.REQUIRED)), port);
                assertStoredIn(dir);
            } finally {
                Dcmtk.stop(scp);
            }
        }

        private void storeWith(Connector connector, int port) throws IOException {
            try (connector; Association as = connector.connect("127.0.0.1", port, Connector.request("STORESCP",
                    "OURSCU", List.of(new PresentationContextRQ(1, TestDicom.CT_IMAGE_STORAGE, TestDicom.ELE)),
                    Limits.DEFAULTS), null)) {
                AcceptedContext pc = as.context(TestDicom.CT_IMAGE_STORAGE).orElseThrow();
                assertEquals(Status.SUCCESS, Scu.store(as, pc, STUDY + ".1.1", DataWriter.of(ctDataSet),
                        Duration.ofSeconds(30)));
            }
        }

        private void assertStoredIn(Path dir) throws IOException {
            try (Stream<Path> files = Files.list(dir)) {
                List<Path> got = files.toList();
                assertEquals(1, got.size());
                assertArrayEquals(ctDataSet, TestDicom.dataSetOf(Files.readAllBytes(got.getFirst())));
            }
        }
    }
}
