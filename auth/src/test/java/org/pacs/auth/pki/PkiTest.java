// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.testing.TestKeys;
import org.pacs.storage.crypto.KeyRing;

class PkiTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;
    Path data;
    KeyRing keys;

    @BeforeEach
    void open() throws IOException {
        data = dir.resolve("data");
        keys = TestKeys.open(data);
    }

    @AfterEach
    void close() throws IOException {
        keys.close();
    }

    private Pki init() throws IOException {
        return Pki.initialize(data, keys, Pki.Options.issued(List.of("pacs.local", "127.0.0.1"), KeyAlgorithm.EC_P256),
                CLOCK);
    }

    @Nested
    class Initialize {
        @Test
        void createsACaAndAServerCertificateForTheHostNames() throws Exception {
            Pki pki = init();
            assertTrue(Pki.isInitialized(data));
            assertTrue(pki.serverIssuedInternally());
            assertEquals(List.of("pacs.local", "127.0.0.1"), SubjectAltNames.of(pki.serverCredentials().certificate()));
            CertificateChains.validate(pki.serverCredentials().chain(), pki.trustAnchors(), NOW,
                    CertificateChains.SERVER_AUTH);
            assertEquals(List.of(pki.caCertificate()), pki.certificatesForPeers());
        }

        @Test
        void refusesASecondInitialization() throws IOException {
            init();
            assertThrows(PkiException.class, this::reinit);
        }

        private void reinit() throws IOException {
            init();
        }

        @Test
        void leavesNoStagingDirectory() throws IOException {
            init();
            try (Stream<Path> entries = Files.list(data)) {
                assertTrue(entries.noneMatch(p -> p.getFileName().toString().startsWith(".pki-staging")));
            }
        }

        @Test
        void reopensToTheSameCertificatesAndKey() throws IOException {
            Pki first = init();
            Pki again = Pki.open(data, keys, CLOCK);
            assertEquals(first.caCertificate(), again.caCertificate());
            assertEquals(first.serverCredentials().chain(), again.serverCredentials().chain());
            assertTrue(Pki.matches(again.serverCredentials().certificate(), again.serverCredentials().privateKey()));
        }

        @Test
        void writesCertificatesToHandOut() throws IOException {
            Pki pki = init();
            assertEquals(List.of(pki.caCertificate()), Pem.readCertificates(data.resolve("pki/ca.crt.pem")));
            assertEquals(pki.serverCredentials().chain(), Pem.readCertificates(data.resolve("pki/server.crt.pem")));
        }

        @Test
        void openBeforeInitializeSaysWhatToDo() {
            PkiException e = assertThrows(PkiException.class, () -> Pki.open(data, keys, CLOCK));
            assertTrue(e.getMessage().contains("pacs init"));
        }
    }

    @Nested
    class Keystores {
        @Test
        void openOnlyWithTheSealedPassword() throws Exception {
            init();
            byte[] p12 = Files.readAllBytes(data.resolve("pki/server.p12"));
            KeyStore store = KeyStore.getInstance("PKCS12");
            assertThrows(IOException.class,
                    () -> store.load(new ByteArrayInputStream(p12), "guess".toCharArray()));
            byte[] sealed = Files.readAllBytes(data.resolve("pki/server.p12.password"));
            String sealedText = new String(sealed, StandardCharsets.ISO_8859_1);
            // The password is 43 base64url characters; no such run appears in the sealed file.
            assertFalse(sealedText.matches("(?s).*[A-Za-z0-9_-]{43}.*"));
        }

        @Test
        void doNotOpenWithAnotherKeyRing() throws IOException {
            init();
            try (KeyRing other = TestKeys.open(dir.resolve("other"))) {
                assertThrows(IOException.class, () -> Pki.open(data, other, CLOCK));
            }
        }

        @Test
        void detectAReplacedKeystore() throws IOException {
            init();
            Files.copy(data.resolve("pki/ca.p12"), data.resolve("pki/server.p12"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThrows(PkiException.class, () -> Pki.open(data, keys, CLOCK));
        }

        @Test
        void holdNoPemPrivateKey() throws IOException {
            init();
            try (Stream<Path> files = Files.walk(data)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains("PRIVATE KEY"),
                            f.toString());
                }
            }
        }
    }

    @Nested
    class AeCertificates {
        @Test
        void areIssuedByTheStoredCa() throws IOException {
            Pki pki = init();
            IssuedCertificate ae = pki.issueAeCertificate("CT_ROOM1", KeyAlgorithm.EC_P256);
            CertificateChains.validate(ae.chain(), pki.trustAnchors(), NOW, CertificateChains.CLIENT_AUTH);
            assertEquals(pki.caCertificate(), ae.chain().getLast());
        }
    }

    @Nested
    class OperatorCertificates {
        final CertificateAuthority hospital = CertificateAuthority.create("Hospital CA", KeyAlgorithm.EC_P256, CLOCK);
        final IssuedCertificate theirs = hospital.issueServer(List.of("pacs.hospital.org"), KeyAlgorithm.EC_P256);

        @Test
        void serverCertificateAndTrustAreKept() throws IOException {
            Pki pki = Pki.initialize(data, keys, Pki.Options.issued(List.of(), KeyAlgorithm.EC_P256)
                    .withOperatorServer(theirs.chain(), theirs.privateKey())
                    .withTrustedCas(List.of(hospital.certificate())), CLOCK);
            pki = Pki.open(data, keys, CLOCK);
            assertFalse(pki.serverIssuedInternally());
            assertEquals(theirs.chain(), pki.serverCredentials().chain());
            assertEquals(List.of(pki.caCertificate(), hospital.certificate()), pki.trustAnchors());
            assertEquals(List.of(pki.caCertificate(), hospital.certificate()), pki.certificatesForPeers());
        }

        @Test
        void refusesAKeyThatDoesNotMatch() {
            PrivateKey wrong = hospital.issueAe("X", KeyAlgorithm.EC_P256).privateKey();
            PkiException e = assertThrows(PkiException.class, () -> Pki.initialize(data, keys,
                    Pki.Options.issued(List.of(), KeyAlgorithm.EC_P256).withOperatorServer(theirs.chain(), wrong), CLOCK));
            assertTrue(e.getMessage().contains("does not belong"));
            assertFalse(Pki.isInitialized(data));
        }

        @Test
        void refusesACaCertificateAsServerCertificate() {
            assertThrows(PkiException.class, () -> Pki.initialize(data, keys, Pki.Options.issued(List.of(),
                    KeyAlgorithm.EC_P256).withOperatorServer(List.of(hospital.certificate()), hospital.privateKey()), CLOCK));
        }

        @Test
        void refusesAnExpiredServerCertificate() {
            Clock later = Clock.fixed(NOW.plus(Duration.ofDays(800)), ZoneOffset.UTC);
            assertThrows(PkiException.class, () -> Pki.initialize(data, keys, Pki.Options.issued(List.of(),
                    KeyAlgorithm.EC_P256).withOperatorServer(theirs.chain(), theirs.privateKey()), later));
        }

        @Test
        void refusesALeafAsTrustedCa() {
            assertThrows(PkiException.class, () -> Pki.initialize(data, keys, Pki.Options.issued(List.of("h"),
                    KeyAlgorithm.EC_P256).withTrustedCas(List.of(theirs.certificate())), CLOCK));
        }
    }

    @Nested
    class Inventory {
        @Test
        void listsExpiringCertificatesSoonestFirst() throws IOException {
            Pki pki = init();
            CertificateInventory inventory = new CertificateInventory(pki.inventoryEntries());
            assertEquals(List.of("internal CA", "server"), inventory.entries().stream()
                    .map(CertificateInventory.Entry::role).toList());
            assertTrue(inventory.expiringWithin(Duration.ofDays(30), NOW).isEmpty());
            List<CertificateInventory.Entry> soon = inventory.expiringWithin(Duration.ofDays(30),
                    NOW.plus(Duration.ofDays(710)));
            assertEquals(List.of("server"), soon.stream().map(CertificateInventory.Entry::role).toList());
            assertEquals(2, inventory.expiringWithin(Duration.ZERO, NOW.plus(Duration.ofDays(4000))).size());
        }
    }
}
