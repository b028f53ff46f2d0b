// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.pki.CertificateAuthority;
import org.pacs.auth.pki.IssuedCertificate;
import org.pacs.auth.pki.KeyAlgorithm;
import org.pacs.auth.pki.Pem;
import org.pacs.auth.pki.SubjectAltNames;

class InitCommandTest {

    @TempDir
    Path tmp;

    record Result(int status, String out, String err) {
    }

    static Result pacs(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every file under {@code dir} with its bytes, to prove a command changed nothing. */
    static Map<Path, String> snapshot(Path dir) throws IOException {
        Map<Path, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                files.put(f, java.util.HexFormat.of().formatHex(Files.readAllBytes(f)));
            }
        }
        return files;
    }

    @Nested
    class FirstRun {
        @Test
        void createsTheCaAndAServerCertificateForConfiguredAndGivenNames() throws IOException {
            Path data = tmp.resolve("pacs-data");
            Result r = pacs("init", "--data", data.toString(), "--hostname", "pacs.example.org", "--hostname",
                    "10.0.0.5", "--key-type", "ec");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains(tmp.resolve("pacs-data.kek-secret").toString()), r.out());
            X509Certificate server = Pem.readCertificates(data.resolve("pki/server.crt.pem")).getFirst();
            assertEquals(List.of("localhost", "pacs.example.org", "10.0.0.5"), SubjectAltNames.of(server));
            assertTrue(Files.exists(data.resolve("pki/ca.p12")));
            assertTrue(Files.exists(data.resolve("pki/server.p12.password")));
        }

        @Test
        void usesRsaByDefault() throws IOException {
            Path data = tmp.resolve("pacs-data");
            assertEquals(0, pacs("init", "--data", data.toString()).status());
            X509Certificate server = Pem.readCertificates(data.resolve("pki/server.crt.pem")).getFirst();
            assertEquals("RSA", server.getPublicKey().getAlgorithm());
        }
    }

    @Nested
    class SecondRun {
        @Test
        void changesNothingAndSaysSo() throws IOException {
            Path data = tmp.resolve("pacs-data");
            assertEquals(0, pacs("init", "--data", data.toString(), "--key-type", "ec").status());
            Map<Path, String> before = snapshot(tmp);
            Result again = pacs("init", "--data", data.toString(), "--hostname", "other.example.org");
            assertEquals(0, again.status(), again.err());
            assertTrue(again.out().contains("Already initialized"), again.out());
            assertTrue(again.out().contains("ignored"), again.out());
            assertEquals(before, snapshot(tmp));
        }
    }

    @Nested
    class OperatorCertificates {
        @Test
        void takesTheServerCertificateKeyAndTrustedCas() throws IOException {
            CertificateAuthority hospital = CertificateAuthority.create("Hospital CA", KeyAlgorithm.EC_P256,
                    Clock.systemUTC());
            IssuedCertificate theirs = hospital.issueServer(List.of("pacs.hospital.org"), KeyAlgorithm.EC_P256);
            Path cert = tmp.resolve("server.pem");
            Path key = tmp.resolve("server.key");
            Path ca = tmp.resolve("hospital-ca.pem");
            Files.writeString(cert, Pem.certificates(theirs.chain()));
            Files.writeString(key, Pem.privateKey(theirs.privateKey()));
            Files.writeString(ca, Pem.certificates(List.of(hospital.certificate())));
            Path data = tmp.resolve("pacs-data");
            Result r = pacs("init", "--data", data.toString(), "--key-type", "ec", "--server-cert", cert.toString(),
                    "--server-key", key.toString(), "--trust", ca.toString());
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("brought by the operator"), r.out());
            assertTrue(r.out().contains("Hospital CA"), r.out());
            assertEquals(theirs.chain(), Pem.readCertificates(data.resolve("pki/server.crt.pem")));
        }

        @Test
        void refusesAKeyOfAnotherCertificateAndLeavesNoPki() throws IOException {
            CertificateAuthority hospital = CertificateAuthority.create("Hospital CA", KeyAlgorithm.EC_P256,
                    Clock.systemUTC());
            IssuedCertificate theirs = hospital.issueServer(List.of("pacs.hospital.org"), KeyAlgorithm.EC_P256);
            IssuedCertificate other = hospital.issueServer(List.of("other.hospital.org"), KeyAlgorithm.EC_P256);
            Path cert = tmp.resolve("server.pem");
            Path key = tmp.resolve("server.key");
            Files.writeString(cert, Pem.certificates(theirs.chain()));
            Files.writeString(key, Pem.privateKey(other.privateKey()));
            Path data = tmp.resolve("pacs-data");
            Result r = pacs("init", "--data", data.toString(), "--server-cert", cert.toString(), "--server-key",
                    key.toString());
            assertEquals(1, r.status());
            assertTrue(r.err().contains("does not belong"), r.err());
            assertFalse(Files.exists(data.resolve("pki")));
        }

        @Test
        void needsBothCertificateAndKey() {
            assertEquals(2, pacs("init", "--data", tmp.toString(), "--server-cert", "x.pem").status());
        }
    }

    @Test
    void refusesABadHostName() {
        Result r = pacs("init", "--data", tmp.resolve("d").toString(), "--hostname", "not a host");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("not a host"), r.err());
    }

    @Test
    void refusesAnUnknownKeyType() {
        assertEquals(2, pacs("init", "--data", tmp.toString(), "--key-type", "dsa").status());
    }
}
