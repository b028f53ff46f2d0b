// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.access.AccessPolicy;
import org.pacs.auth.access.AeRegistry;
import org.pacs.auth.access.AssociationAttempt;
import org.pacs.auth.access.AssociationDecision;
import org.pacs.auth.access.Listener;
import org.pacs.auth.access.RegisteredAe;
import org.pacs.auth.access.RegistrySnapshot;
import org.pacs.auth.pki.CertificateAuthority;
import org.pacs.auth.pki.CertificateChains;
import org.pacs.auth.pki.Fingerprint;
import org.pacs.auth.pki.KeyAlgorithm;
import org.pacs.auth.pki.Pem;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.auth.secrets.SealedFile;
import org.pacs.conf.ConfigLoader;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.storage.crypto.KeyRing;

class AeCommandTest {

    @TempDir
    Path tmp;
    Path data;

    @BeforeEach
    void init() {
        data = tmp.resolve("pacs-data");
        InitCommandTest.Result r = InitCommandTest.pacs("init", "--data", data.toString(), "--key-type", "ec");
        assertEquals(0, r.status(), r.err());
    }

    InitCommandTest.Result ae(String... args) {
        List<String> all = new ArrayList<>(List.of("ae"));
        all.addAll(List.of(args));
        all.addAll(List.of("--data", data.toString()));
        return InitCommandTest.pacs(all.toArray(String[]::new));
    }

    RegistrySnapshot registry() throws IOException {
        try (KeyRing keys = ArchiveKeyRing.open(ConfigLoader.load(data, Map.of())).keyRing()) {
            return AeRegistry.open(data, keys).current();
        }
    }

    static String password(String out) {
        Matcher m = Pattern.compile("password of .*\\(shown once\\): (\\S+)").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    @Nested
    class Add {
        @Test
        void issuesABundleAndBindsTheTitleToItsCertificate() throws Exception {
            Path bundle = tmp.resolve("bundle");
            InitCommandTest.Result r = ae("add", "CT_ROOM1", "--key-type", "ec", "--out", bundle.toString());
            assertEquals(0, r.status(), r.err());

            X509Certificate cert = Pem.readCertificates(bundle.resolve("CT_ROOM1.crt.pem")).getFirst();
            PrivateKey key = Pem.readPrivateKey(bundle.resolve("CT_ROOM1.key.pem"));
            List<X509Certificate> cas = Pem.readCertificates(bundle.resolve("ca.crt.pem"));
            assertTrue(cert.getSubjectX500Principal().getName().startsWith("CN=CT_ROOM1,"));
            CertificateChains.validate(List.of(cert), cas, Instant.now(), CertificateChains.CLIENT_AUTH);
            for (String f : List.of("CT_ROOM1.crt.pem", "CT_ROOM1.key.pem", "CT_ROOM1.p12", "ca.crt.pem")) {
                assertEquals("rw-------", PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(bundle.resolve(f))), f);
            }
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(bundle)));

            KeyStore p12 = KeyStore.getInstance("PKCS12");
            char[] pw = password(r.out()).toCharArray();
            p12.load(new ByteArrayInputStream(Files.readAllBytes(bundle.resolve("CT_ROOM1.p12"))), pw);
            assertEquals(key, p12.getKey(p12.aliases().nextElement(), pw));

            RegisteredAe registered = registry().active("CT_ROOM1").orElseThrow();
            assertEquals(Fingerprint.sha256(cert), registered.certificate().sha256());
            assertEquals(Fingerprint.serial(cert), registered.certificate().serial());
            assertEquals(List.of("store"), registered.permissions().stream().map(p -> p.option()).toList());
        }

        @Test
        void keepsPrivateKeysAndPasswordsOutOfTheDataDirectory() throws Exception {
            Path bundle = tmp.resolve("bundle");
            InitCommandTest.Result r = ae("add", "CT_ROOM1", "--key-type", "ec", "--out", bundle.toString());
            assertEquals(0, r.status(), r.err());
            List<byte[]> secrets = new ArrayList<>();
            secrets.add("PRIVATE KEY".getBytes(StandardCharsets.US_ASCII));
            secrets.add(password(r.out()).getBytes(StandardCharsets.US_ASCII));
            secrets.add(Pem.readPrivateKey(bundle.resolve("CT_ROOM1.key.pem")).getEncoded());
            try (KeyRing keys = ArchiveKeyRing.open(ConfigLoader.load(data, Map.of())).keyRing()) {
                for (String store : List.of("ca.p12", "server.p12")) {
                    secrets.add(new SealedFile(data.resolve("pki/" + store + ".password"), "pki/" + store + " password")
                            .read(keys));
                }
            }
            secrets.add(Files.readString(ArchiveKeyRing.defaultSecretFile(data)).strip()
                    .getBytes(StandardCharsets.US_ASCII));
            int scanned = 0;
            try (Stream<Path> walk = Files.walk(data)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    byte[] content = Files.readAllBytes(f);
                    for (byte[] secret : secrets) {
                        assertFalse(contains(content, secret), f + " holds a secret in plaintext");
                    }
                    scanned++;
                }
            }
            assertTrue(scanned >= 8, "scanned " + scanned + " files");
            assertTrue(contains(Files.readAllBytes(bundle.resolve("CT_ROOM1.key.pem")), secrets.get(0)),
                    "the scan recognizes a PEM key where there is one");
        }

        @Test
        void registersALegacyAeWithoutCertificate() throws IOException {
            InitCommandTest.Result r = ae("add", "OLD_US", "--legacy", "--ip", "10.0.0.7");
            assertEquals(0, r.status(), r.err());
            assertTrue(r.out().contains("legacy.enabled"), r.out());
            RegisteredAe old = registry().active("OLD_US").orElseThrow();
            assertTrue(old.legacy());
            assertEquals(null, old.certificate());
        }

        @Test
        void bindsAnExistingCertificateFromATrustedCa() throws Exception {
            Path bundle = tmp.resolve("b1");
            assertEquals(0, ae("add", "WS1", "--key-type", "ec", "--out", bundle.toString()).status());
            assertEquals(0, ae("revoke", "WS1").status());
            // A new certificate from our CA, issued for another title, bound under a new one.
            Path b2 = tmp.resolve("b2");
            assertEquals(0, ae("add", "TMP", "--key-type", "ec", "--out", b2.toString()).status());
            InitCommandTest.Result r = ae("add", "WS2", "--cert", b2.resolve("TMP.crt.pem").toString(),
                    "--allow", "store,query,retrieve", "--host", "ws2.local", "--port", "11112", "--move-to", "WS1");
            assertEquals(0, r.status(), r.err());
            RegisteredAe ws2 = registry().active("WS2").orElseThrow();
            assertEquals("ws2.local", ws2.host());
            assertEquals(List.of("WS1"), ws2.moveDestinations());
        }

        @Test
        void refusesACertificateFromAnUntrustedCa() throws IOException {
            CertificateAuthority other = CertificateAuthority.create("Other", KeyAlgorithm.EC_P256, Clock.systemUTC());
            Path cert = tmp.resolve("other.pem");
            Files.writeString(cert, Pem.certificates(other.issueAe("WS1", KeyAlgorithm.EC_P256).chain()));
            InitCommandTest.Result r = ae("add", "WS1", "--cert", cert.toString());
            assertEquals(1, r.status());
            assertTrue(r.err().contains("does not validate"), r.err());
            assertTrue(registry().find("WS1").isEmpty());
        }

        @Test
        void refusesABundleInsideTheDataDirectory() throws IOException {
            InitCommandTest.Result r = ae("add", "CT_ROOM1", "--out", data.resolve("bundle").toString());
            assertEquals(1, r.status());
            assertTrue(r.err().contains("inside the data directory"), r.err());
            assertFalse(Files.exists(data.resolve("bundle")));
        }

        @Test
        void refusesATitleThatIsAlreadyRegistered() {
            assertEquals(0, ae("add", "CT_ROOM1", "--key-type", "ec", "--out", tmp.resolve("b1").toString()).status());
            InitCommandTest.Result r = ae("add", "CT_ROOM1", "--key-type", "ec", "--out", tmp.resolve("b2").toString());
            assertEquals(1, r.status());
            assertTrue(r.err().contains("already registered"), r.err());
            assertFalse(Files.exists(tmp.resolve("b2")));
        }

        @Test
        void rejectsBadArguments() {
            assertEquals(2, ae("add").status());
            assertEquals(2, ae("add", "SEVENTEEN_CHARS__").status());
            assertEquals(2, ae("add", "X", "--allow", "delete").status());
            assertEquals(2, ae("add", "X", "--legacy").status());
            assertEquals(2, ae("add", "X", "--legacy", "--ip", "10.0.0.1", "--allow", "query").status());
            assertEquals(2, ae("add", "X", "--host", "h").status());
            assertEquals(2, ae("add", "X", "--port", "70000", "--host", "h").status());
            assertEquals(2, ae("frobnicate").status());
        }
    }

    @Nested
    class ListShowRevoke {
        @Test
        void listsAndShowsRegisteredAes() {
            assertEquals(0, ae("add", "CT_ROOM1", "--key-type", "ec", "--out", tmp.resolve("b").toString()).status());
            assertEquals(0, ae("add", "OLD_US", "--legacy", "--ip", "10.0.0.7").status());
            InitCommandTest.Result list = ae("list");
            assertEquals(0, list.status(), list.err());
            assertTrue(list.out().matches("(?s).*CT_ROOM1\\s+active\\s+tls\\s+store.*"), list.out());
            assertTrue(list.out().matches("(?s).*OLD_US\\s+active\\s+legacy\\s+store.*"), list.out());
            InitCommandTest.Result show = ae("show", "CT_ROOM1");
            assertEquals(0, show.status(), show.err());
            assertTrue(show.out().contains("SHA-256:"), show.out());
            assertEquals(1, ae("show", "NOBODY").status());
        }

        @Test
        void revokedAeIsRefusedAtOnce() throws Exception {
            Path bundle = tmp.resolve("b");
            assertEquals(0, ae("add", "CT_ROOM1", "--key-type", "ec", "--out", bundle.toString()).status());
            X509Certificate cert = Pem.readCertificates(bundle.resolve("CT_ROOM1.crt.pem")).getFirst();
            AccessPolicy policy = new AccessPolicy(java.util.Set.of("PACS"));
            AssociationAttempt attempt = new AssociationAttempt("CT_ROOM1", "PACS", InetAddress.getLoopbackAddress(),
                    List.of(cert), Listener.TLS);
            assertTrue(policy.decide(registry(), attempt, Instant.now()).accepted());

            InitCommandTest.Result r = ae("revoke", "CT_ROOM1", "--reason", "stolen");
            assertEquals(0, r.status(), r.err());
            AssociationDecision d = policy.decide(registry(), attempt, Instant.now());
            AssociationDecision.Rejected rj = assertInstanceOf(AssociationDecision.Rejected.class, d);
            assertEquals(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED, rj.diagnostic());
            assertTrue(ae("list").out().contains("revoked"));
            assertEquals(1, ae("revoke", "CT_ROOM1").status());
        }

        @Test
        void needInitFirst() {
            data = tmp.resolve("fresh");
            InitCommandTest.Result r = ae("list");
            assertEquals(1, r.status());
            assertTrue(r.err().contains("pacs init"), r.err());
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
