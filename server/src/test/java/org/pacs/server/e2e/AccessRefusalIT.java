// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may talk to the real archive over DICOM-TLS, as DCMTK sees it and as the audit trail records it:
 * the certificate the archive issued is accepted; no certificate, another CA's certificate, another AE's
 * certificate, an unknown or revoked AE and a wrong called AE title are all refused.
 */
class AccessRefusalIT {
    @TempDir
    static Path root;
    static ArchiveProcess archive;
    static AeBundle ct1;
    static AeBundle ct2;

    @BeforeAll
    static void startArchive() throws IOException {
        archive = ArchiveProcess.create(root.resolve("archive"));
        archive.start();
        ct1 = archive.registerAe("CT1");
        ct2 = archive.registerAe("CT2");
    }

    @AfterAll
    static void stopArchive() {
        if (archive != null) {
            archive.close();
        }
    }

    static ToolRun echo(AeBundle credentials, String callingAe, String calledAe) {
        return echo(credentials.dcmtkTls(), callingAe, calledAe);
    }

    static ToolRun echo(List<String> tls, String callingAe, String calledAe) {
        List<String> command = new ArrayList<>(List.of("echoscu", "-v", "-to", "10", "-ta", "10"));
        command.addAll(tls);
        command.addAll(List.of("-aet", callingAe, "-aec", calledAe, archive.host(), Integer.toString(archive.port())));
        return Tools.run(Tools.DEFAULT_TIMEOUT, command);
    }

    /** The one audit record that matches, among the Node Authentication records (association decisions). */
    static AuditRecordView decision(Predicate<AuditRecordView> which) {
        List<AuditRecordView> found = archive.auditRecords().stream().filter(AuditRecordView::isNodeAuthentication)
                .filter(which).toList();
        assertEquals(1, found.size(), () -> "expected one matching association record, found " + found);
        return found.getFirst();
    }

    static void assertRejected(ToolRun run, String reason) {
        assertNotEquals(0, run.exitCode(), run::toString);
        assertTrue(run.output().contains("Association Rejected"), run::toString);
        assertTrue(run.output().contains("Result: Rejected Permanent, Source: Service User"), run::toString);
        assertTrue(run.output().contains("Reason: " + reason), run::toString);
        assertFalse(run.output().contains("Association Accepted"), run::toString);
    }

    /** A TLS handshake failure: DCMTK never gets to send its A-ASSOCIATE-RQ. */
    static void assertNoAssociation(ToolRun run) {
        assertNotEquals(0, run.exitCode(), run::toString);
        assertTrue(run.output().contains("Association Request Failed"), run::toString);
        assertFalse(run.output().contains("Association Accepted"), run::toString);
        assertFalse(run.output().contains("Association Rejected"), run::toString);
    }

    @Nested
    class Accepted {
        @Test
        void acceptsTheCertificateTheArchiveIssuedForTheCallingAe() {
            ToolRun run = echo(ct1, "CT1", ArchiveProcess.AE_TITLE);

            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.output().contains("Association Accepted"), run::toString);
            assertTrue(run.output().contains("Received Echo Response (Success)"), run::toString);
            AuditRecordView accepted = archive.auditRecords().stream().filter(AuditRecordView::isNodeAuthentication)
                    .filter(r -> r.requestedBy("CT1") && r.isSuccess()).findFirst().orElseThrow(
                            () -> new AssertionError("no accepted association of CT1 in the audit trail"));
            assertTrue(accepted.participants().contains(ArchiveProcess.AE_TITLE), accepted::toString);
        }
    }

    @Nested
    class RefusedDuringTheTlsHandshake {
        @Test
        void refusesAPeerThatPresentsNoClientCertificate() {
            // +tla: TLS without a client certificate, still verifying the archive against its CA.
            ToolRun run = echo(List.of("+tla", "+cf", ct1.ca().toString()), "CT1", ArchiveProcess.AE_TITLE);

            assertNoAssociation(run);
            assertTrue(archive.awaitLog("TLS handshake with /127.0.0.1 failed: (certificate_required)",
                    Duration.ofSeconds(10)), archive::log);
        }

        @Test
        void refusesACertificateFromAnotherCa() throws IOException {
            // A self-made certificate with the right CN and key usage, but not issued by the archive's CA.
            Path rogue = Files.createDirectories(root.resolve("rogue"));
            ToolRun made = Tools.run("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                    "-nodes", "-keyout", rogue.resolve("CT1.key.pem").toString(), "-out",
                    rogue.resolve("CT1.crt.pem").toString(), "-days", "2", "-subj", "/CN=CT1/O=Secure PACS",
                    "-addext", "extendedKeyUsage=clientAuth");
            assertEquals(0, made.exitCode(), made::toString);

            ToolRun run = echo(List.of("+tls", rogue.resolve("CT1.key.pem").toString(),
                    rogue.resolve("CT1.crt.pem").toString(), "+cf", ct1.ca().toString()), "CT1", ArchiveProcess.AE_TITLE);

            assertNoAssociation(run);
            assertTrue(archive.awaitLog("TLS handshake with /127.0.0.1 failed: (certificate_unknown) PKIX path",
                    Duration.ofSeconds(10)), archive::log);
        }
    }

    @Nested
    class RejectedByTheAssociationPolicy {
        @Test
        void rejectsACertificateBoundToAnotherAe() {
            ToolRun run = echo(ct2, "CT1", ArchiveProcess.AE_TITLE);

            assertRejected(run, "Calling AE Title Not Recognized");
            AuditRecordView r = decision(d -> d.requestedBy("CT1") && d.describes("(CN=CT2"));
            assertEquals(4, r.outcome(), r::toString);
            assertTrue(r.describes("is not the one bound to this AE title"), r::toString);
        }

        @Test
        void rejectsACallingAeTitleThatIsNotRegistered() {
            ToolRun run = echo(ct1, "NOBODY", ArchiveProcess.AE_TITLE);

            assertRejected(run, "Calling AE Title Not Recognized");
            AuditRecordView r = decision(d -> d.requestedBy("NOBODY"));
            assertEquals(4, r.outcome(), r::toString);
            assertTrue(r.describes("not a registered AE"), r::toString);
        }

        @Test
        void rejectsAWrongCalledAeTitle() {
            ToolRun run = echo(ct1, "CT1", "NOT_PACS");

            assertRejected(run, "Called AE Title Not Recognized");
            AuditRecordView r = decision(d -> d.participants().contains("NOT_PACS"));
            assertEquals(4, r.outcome(), r::toString);
            assertTrue(r.describes("called AE title 'NOT_PACS' is not this archive's"), r::toString);
        }
    }

    @Nested
    class Revocation {
        @Test
        void abortsTheOpenAssociationOfARevokedAeAndRejectsItsNextOne() throws IOException {
            AeBundle ct3 = archive.registerAe("CT3");
            TestCorpus one = TestCorpus.generate(root.resolve("one"), new TestCorpus.Shape("2.25.5551", 1, 1, 1, 1, 16,
                    16, List.of(TestCorpus.Encoding.EXPLICIT_LE)));
            Path file = one.instances().getFirst().file();
            // One association that keeps storing the same instance until it is cut off.
            List<String> command = new ArrayList<>(StoreScu.command(ct3, ArchiveProcess.AE_TITLE, archive.host(),
                    archive.port(), "-x=", List.of(file)));
            command.addAll(1, List.of("--repeat", "1000000"));
            try (RunningTool sender = Tools.start(root.resolve("ct3-storescu.log"), command)) {
                awaitOutput(sender, "Received Store Response", Duration.ofSeconds(30));

                ToolRun revoked = archive.cli("ae", "revoke", "CT3", "--reason", "e2e test");
                assertEquals(0, revoked.exitCode(), revoked::toString);

                // The archive re-reads the registry every second and then aborts CT3's associations.
                ToolRun cut = sender.awaitExit(Duration.ofSeconds(20));
                assertNotEquals(0, cut.exitCode(), cut::toString);
                assertTrue(cut.output().contains("Peer aborted Association") || cut.output().contains("Store Failed"),
                        cut::toString);
            }
            assertTrue(archive.awaitLog("aborting association of revoked AE 'CT3'", Duration.ofSeconds(10)), archive::log);

            ToolRun again = echo(ct3, "CT3", ArchiveProcess.AE_TITLE);

            assertRejected(again, "Calling AE Title Not Recognized");
            AuditRecordView r = decision(d -> d.requestedBy("CT3") && !d.isSuccess());
            assertEquals(4, r.outcome(), r::toString);
            assertTrue(r.describes("registration revoked at"), r::toString);
        }
    }

    static void awaitOutput(RunningTool tool, String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!tool.output().contains(text)) {
            if (!tool.isAlive() && !tool.output().contains(text)) {
                throw new AssertionError(tool + " exited before printing '" + text + "':\n" + tool.output().indent(4));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(tool + " did not print '" + text + "' within " + timeout + ":\n"
                        + tool.output().indent(4));
            }
            ArchiveProcess.pause(Duration.ofMillis(50));
        }
    }
}
