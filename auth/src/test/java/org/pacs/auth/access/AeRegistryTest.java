// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.pki.CertificateAuthority;
import org.pacs.auth.pki.KeyAlgorithm;
import org.pacs.auth.secrets.SealedFile;
import org.pacs.auth.testing.TestKeys;
import org.pacs.storage.crypto.KeyRing;

class AeRegistryTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final CertificateAuthority CA = CertificateAuthority.create("CA", KeyAlgorithm.EC_P256, Clock.systemUTC());

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

    static X509Certificate cert(String title) {
        return CA.issueAe(title, KeyAlgorithm.EC_P256).certificate();
    }

    static RegisteredAe ae(String title, X509Certificate cert) {
        return new RegisteredAe(title, "host.local", 104, Set.of(Permission.STORE, Permission.QUERY), List.of("VIEWER"),
                false, null, CertificateBinding.of(cert), NOW, null);
    }

    @Nested
    class Persistence {
        @Test
        void startsEmptyWithoutAFile() throws IOException {
            assertEquals(RegistrySnapshot.EMPTY, AeRegistry.open(data, keys).current());
        }

        @Test
        void keepsEveryFieldAcrossReopening() throws IOException {
            X509Certificate c = cert("CT_ROOM1");
            RegisteredAe added = AeRegistry.open(data, keys).add(ae("CT_ROOM1", c));
            AeRegistry.open(data, keys).add(new RegisteredAe("OLD_US", null, 0, Set.of(Permission.STORE), List.of(), true,
                    "10.0.0.7", null, NOW, null));
            RegistrySnapshot s = AeRegistry.open(data, keys).current();
            assertEquals(2, s.version());
            assertEquals(added, s.find("CT_ROOM1").orElseThrow());
            assertEquals(c, s.find("CT_ROOM1").orElseThrow().certificate().certificate());
            assertEquals("10.0.0.7", s.find("OLD_US").orElseThrow().legacyAddress());
        }

        @Test
        void keepsEntriesThatShareValues() throws IOException {
            AeRegistry r = AeRegistry.open(data, keys);
            for (String title : List.of("US_1", "US_2")) {
                r.add(new RegisteredAe(title, null, 0, Set.of(Permission.STORE), List.of(), true, "10.0.0.7", null, NOW,
                        null));
            }
            assertEquals(2, AeRegistry.open(data, keys).current().aes().size());
        }

        @Test
        void isSealedOnDisk() throws IOException {
            AeRegistry.open(data, keys).add(ae("CT_ROOM1", cert("CT_ROOM1")));
            byte[] raw = Files.readAllBytes(data.resolve("access/ae-registry.sealed"));
            assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("CT_ROOM1"));
        }

        @Test
        void refusesASecondActiveRegistration() throws IOException {
            AeRegistry r = AeRegistry.open(data, keys);
            r.add(ae("CT_ROOM1", cert("CT_ROOM1")));
            assertThrows(AeRegistryException.class, () -> r.add(ae("CT_ROOM1", cert("CT_ROOM1"))));
        }

        @Test
        void serializesConcurrentChanges() throws Exception {
            AeRegistry r = AeRegistry.open(data, keys);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<RegisteredAe>> adds = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    String title = "AE" + i;
                    X509Certificate c = cert(title);
                    adds.add(pool.submit(() -> r.add(ae(title, c))));
                }
                for (Future<RegisteredAe> f : adds) {
                    f.get(30, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            RegistrySnapshot s = r.current();
            assertEquals(8, s.aes().size());
            assertEquals(8, s.version());
        }
    }

    @Nested
    class Revocations {
        @Test
        void revokedAeStaysListedAndItsCertificateStaysRefused() throws IOException {
            AeRegistry r = AeRegistry.open(data, keys);
            X509Certificate old = cert("CT_ROOM1");
            r.add(ae("CT_ROOM1", old));
            Revocation rev = r.revoke("CT_ROOM1", "lost laptop", NOW);
            RegistrySnapshot s = r.current();
            assertFalse(s.find("CT_ROOM1").orElseThrow().active());
            assertTrue(s.active("CT_ROOM1").isEmpty());
            assertEquals(List.of(rev), s.revocations());
            assertTrue(s.isRevokedCertificate(CertificateBinding.of(old).sha256()));
            assertThrows(AeRegistryException.class, () -> r.revoke("CT_ROOM1", null, NOW));
            assertThrows(AeRegistryException.class, () -> r.add(ae("CT_ROOM1", old)));
        }

        @Test
        void aRevokedTitleCanBeRegisteredAgainWithANewCertificate() throws IOException {
            AeRegistry r = AeRegistry.open(data, keys);
            r.add(ae("CT_ROOM1", cert("CT_ROOM1")));
            r.revoke("CT_ROOM1", "renewed", NOW);
            r.add(ae("CT_ROOM1", cert("CT_ROOM1")));
            RegistrySnapshot s = r.current();
            assertTrue(s.find("CT_ROOM1").orElseThrow().active());
            assertEquals(1, s.revocations().size());
        }

        @Test
        void revokingAnUnknownAeFails() throws IOException {
            assertThrows(AeRegistryException.class, () -> AeRegistry.open(data, keys).revoke("NOBODY", "x", NOW));
        }
    }

    @Nested
    class WhileRunning {
        @Test
        void seesChangesMadeByAnotherInstanceWithoutReopening() throws IOException {
            AeRegistry server = AeRegistry.open(data, keys);
            AeRegistry cli = AeRegistry.open(data, keys);
            RegistrySnapshot before = server.current();
            assertSame(before, server.current(), "no change, no re-read");

            cli.add(ae("CT_ROOM1", cert("CT_ROOM1")));
            assertTrue(server.current().active("CT_ROOM1").isPresent());

            cli.revoke("CT_ROOM1", "stolen", NOW);
            assertTrue(server.current().active("CT_ROOM1").isEmpty());
            assertEquals(2, server.current().version());
        }

        @Test
        void announcesEachNewRevocationOnce() throws IOException {
            AeRegistry server = AeRegistry.open(data, keys);
            AeRegistry cli = AeRegistry.open(data, keys);
            cli.add(ae("CT_ROOM1", cert("CT_ROOM1")));
            cli.add(ae("MR_1", cert("MR_1")));
            List<Revocation> seen = new ArrayList<>();
            server.onRevocation(seen::add);
            server.refresh();
            assertTrue(seen.isEmpty());

            cli.revoke("MR_1", "decommissioned", NOW);
            server.refresh();
            server.refresh();
            assertEquals(List.of("MR_1"), seen.stream().map(Revocation::aeTitle).toList());
        }

        @Test
        void failsClosedWhenTheFileIsAltered() throws IOException {
            AeRegistry server = AeRegistry.open(data, keys);
            server.add(ae("CT_ROOM1", cert("CT_ROOM1")));
            Path file = data.resolve("access/ae-registry.sealed");
            byte[] raw = Files.readAllBytes(file);
            raw[raw.length - 3] ^= 0x40;
            Path temp = data.resolve("access/tampered");
            Files.write(temp, raw);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThrows(AeRegistryException.class, server::current);
        }

        @Test
        void failsClosedWhenAnotherSealedFileIsPutInItsPlace() throws IOException {
            AeRegistry server = AeRegistry.open(data, keys);
            SealedFile other = new SealedFile(data.resolve("access/other"), "pki/server.p12 password");
            other.write(keys, "format: 1".getBytes(StandardCharsets.UTF_8));
            Files.move(other.path(), data.resolve("access/ae-registry.sealed"), StandardCopyOption.ATOMIC_MOVE);
            assertThrows(AeRegistryException.class, server::current);
        }
    }

    @Test
    void listsBoundCertificatesOfActiveAesForTheInventory() throws IOException {
        AeRegistry r = AeRegistry.open(data, keys);
        r.add(ae("CT_ROOM1", cert("CT_ROOM1")));
        r.add(ae("MR_1", cert("MR_1")));
        r.revoke("MR_1", "x", NOW);
        assertEquals(List.of("AE CT_ROOM1"), r.inventoryEntries().stream().map(e -> e.role()).toList());
    }
}
