// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.pacs.auth.secrets.AtomicFile;
import org.pacs.auth.secrets.SealedFile;
import org.pacs.storage.crypto.KeyRing;

/**
 * The archive's certificates and keys in {@code <data>/pki}. Private keys live only in PKCS#12
 * keystores whose random passwords are {@link SealedFile}s, so nothing in the directory is usable
 * without the KEK secret:
 *
 * <pre>
 * pki/ca.p12                 internal CA key and certificate
 * pki/ca.p12.password        its password, sealed (role "pki/ca.p12 password")
 * pki/server.p12             server key and chain (issued by the CA, or the operator's own)
 * pki/server.p12.password    its password, sealed (role "pki/server.p12 password")
 * pki/trusted-cas.sealed     operator-trusted CA certificates as PEM, sealed (role "pki/trusted CAs")
 * pki/ca.crt.pem             copy of the CA certificate to hand out (never read back for trust)
 * pki/server.crt.pem         copy of the server chain to hand out (never read back for trust)
 * </pre>
 *
 * <pre>{@code
 * if (!Pki.isInitialized(dataDir)) {
 *     Pki.initialize(dataDir, keyRing, Pki.Options.issued(List.of("pacs.example.org"), KeyAlgorithm.RSA_3072), clock);
 * }
 * Pki pki = Pki.open(dataDir, keyRing, clock);
 * }</pre>
 */
public final class Pki {

    public static final String DIRECTORY = "pki";
    static final String CA_STORE = "ca.p12";
    static final String SERVER_STORE = "server.p12";
    static final String TRUSTED = "trusted-cas.sealed";
    static final String CA_PEM = "ca.crt.pem";
    static final String SERVER_PEM = "server.crt.pem";
    private static final String PASSWORD_SUFFIX = ".password";
    private static final String ALIAS_CA = "ca";
    private static final String ALIAS_SERVER = "server";
    private static final String STAGING_PREFIX = ".pki-staging-";

    /**
     * What {@link #initialize} creates. Either the server certificate is issued by the new internal CA
     * for {@code hostnames}, or the operator brings it ({@code operatorServerChain}, leaf first, and
     * its key). {@code trustedCas} are operator CAs whose client certificates the archive accepts,
     * besides its own CA's.
     */
    public record Options(List<String> hostnames, KeyAlgorithm keyAlgorithm, List<X509Certificate> operatorServerChain,
            PrivateKey operatorServerKey, List<X509Certificate> trustedCas) {

        public Options {
            hostnames = List.copyOf(hostnames);
            operatorServerChain = List.copyOf(operatorServerChain);
            trustedCas = List.copyOf(trustedCas);
            if (operatorServerChain.isEmpty() != (operatorServerKey == null)) {
                throw new IllegalArgumentException("an operator server certificate needs its key, and a key its certificate");
            }
        }

        public static Options issued(List<String> hostnames, KeyAlgorithm keyAlgorithm) {
            return new Options(hostnames, keyAlgorithm, List.of(), null, List.of());
        }

        public Options withTrustedCas(List<X509Certificate> cas) {
            return new Options(hostnames, keyAlgorithm, operatorServerChain, operatorServerKey, cas);
        }

        public Options withOperatorServer(List<X509Certificate> chain, PrivateKey key) {
            return new Options(hostnames, keyAlgorithm, chain, key, trustedCas);
        }

        @Override
        public String toString() {
            return "Options[" + hostnames + ", " + keyAlgorithm + ", operator server " + !operatorServerChain.isEmpty()
                    + ", " + trustedCas.size() + " trusted CAs]";
        }
    }

    private final Path directory;
    private final KeyRing keys;
    private final Clock clock;
    private final X509Certificate ca;
    private final IssuedCertificate server;
    private final List<X509Certificate> trustedCas;

    private Pki(Path directory, KeyRing keys, Clock clock, X509Certificate ca, IssuedCertificate server,
            List<X509Certificate> trustedCas) {
        this.directory = directory;
        this.keys = keys;
        this.clock = clock;
        this.ca = ca;
        this.server = server;
        this.trustedCas = List.copyOf(trustedCas);
    }

    /** Whether {@code <data>/pki} exists; {@link #initialize} creates it in one atomic rename. */
    public static boolean isInitialized(Path dataDir) {
        return Files.isDirectory(dataDir.resolve(DIRECTORY));
    }

    /**
     * Creates the internal CA, the server keystore and the sealed passwords in a staging directory,
     * then renames it to {@code pki}: a crash leaves either no PKI or a complete one.
     *
     * @throws PkiException already initialized, or the operator's certificate or key is unusable
     */
    public static Pki initialize(Path dataDir, KeyRing keys, Options options, Clock clock) throws IOException {
        Path target = dataDir.resolve(DIRECTORY);
        if (Files.exists(target)) {
            throw new PkiException(target + " exists: the PKI is already initialized");
        }
        AtomicFile.createOwnerOnlyDirectories(dataDir);
        removeStaleStaging(dataDir);
        SecureRandom random = new SecureRandom();
        byte[] suffix = new byte[6];
        random.nextBytes(suffix);
        Path staging = dataDir.resolve(STAGING_PREFIX + HexFormat.of().formatHex(suffix));
        AtomicFile.createOwnerOnlyDirectories(staging);
        try {
            byte[] caId = new byte[3];
            random.nextBytes(caId);
            CertificateAuthority authority = CertificateAuthority.create(
                    "Secure PACS internal CA " + HexFormat.of().formatHex(caId), options.keyAlgorithm(), clock);
            IssuedCertificate server;
            if (options.operatorServerChain().isEmpty()) {
                server = authority.issueServer(options.hostnames(), options.keyAlgorithm());
            } else {
                server = checkOperatorServer(options.operatorServerChain(), options.operatorServerKey(), clock);
            }
            for (X509Certificate t : options.trustedCas()) {
                checkTrustedCa(t);
            }
            writeKeyStore(staging, keys, CA_STORE, ALIAS_CA, authority.privateKey(), List.of(authority.certificate()));
            writeKeyStore(staging, keys, SERVER_STORE, ALIAS_SERVER, server.privateKey(), server.chain());
            if (!options.trustedCas().isEmpty()) {
                trustedFile(staging).write(keys, Pem.certificates(options.trustedCas()).getBytes(StandardCharsets.US_ASCII));
            }
            AtomicFile.write(staging.resolve(CA_PEM), Pem.certificates(List.of(authority.certificate()))
                    .getBytes(StandardCharsets.US_ASCII));
            AtomicFile.write(staging.resolve(SERVER_PEM), Pem.certificates(server.chain())
                    .getBytes(StandardCharsets.US_ASCII));
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            AtomicFile.fsyncDirectory(dataDir);
        } finally {
            deleteTree(staging);
        }
        return open(dataDir, keys, clock);
    }

    /** Loads the PKI of {@code dataDir}; the CA's private key stays on disk until a certificate is issued. */
    public static Pki open(Path dataDir, KeyRing keys, Clock clock) throws IOException {
        Path dir = dataDir.resolve(DIRECTORY);
        if (!Files.isDirectory(dir)) {
            throw new PkiException(dir + " does not exist: run './pacs init' first");
        }
        KeyStore caStore = readKeyStore(dir, keys, CA_STORE);
        KeyStore serverStore = readKeyStore(dir, keys, SERVER_STORE);
        try {
            X509Certificate ca = (X509Certificate) caStore.getCertificate(ALIAS_CA);
            char[] password = password(dir, keys, SERVER_STORE);
            PrivateKey key;
            try {
                key = (PrivateKey) serverStore.getKey(ALIAS_SERVER, password);
            } finally {
                Arrays.fill(password, '\0');
            }
            Certificate[] chain = serverStore.getCertificateChain(ALIAS_SERVER);
            if (ca == null || key == null || chain == null) {
                throw new PkiException(dir + " is incomplete: a keystore lacks its entry");
            }
            List<X509Certificate> serverChain = new ArrayList<>();
            for (Certificate c : chain) {
                serverChain.add((X509Certificate) c);
            }
            SealedFile trusted = trustedFile(dir);
            List<X509Certificate> trustedCas = List.of();
            if (trusted.exists()) {
                trustedCas = Pem.parseCertificates(new String(trusted.read(keys), StandardCharsets.US_ASCII),
                        trusted.path().toString());
            }
            return new Pki(dir, keys, clock, ca, new IssuedCertificate(serverChain.getFirst(), key, serverChain),
                    trustedCas);
        } catch (GeneralSecurityException e) {
            throw new PkiException(dir + " holds a keystore this program cannot read: " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    /** The internal CA's certificate (issuer of AE certificates). */
    public X509Certificate caCertificate() {
        return ca;
    }

    /** The server's key and chain, leaf first, for the TLS listeners and outgoing associations. */
    public IssuedCertificate serverCredentials() {
        return server;
    }

    /** Whether the server certificate was issued by the internal CA (not brought by the operator). */
    public boolean serverIssuedInternally() {
        return server.certificate().getIssuerX500Principal().equals(ca.getSubjectX500Principal());
    }

    public List<X509Certificate> trustedCas() {
        return trustedCas;
    }

    /** The CAs a peer's chain must lead to: the internal CA, then the operator-trusted ones. */
    public List<X509Certificate> trustAnchors() {
        List<X509Certificate> all = new ArrayList<>();
        all.add(ca);
        all.addAll(trustedCas);
        return List.copyOf(all);
    }

    /**
     * What a peer needs to trust this server: the internal CA and, when the operator brought the
     * server certificate, the top of its chain (for the AE bundle's {@code ca.crt.pem}).
     */
    public List<X509Certificate> certificatesForPeers() {
        List<X509Certificate> out = new ArrayList<>();
        out.add(ca);
        X509Certificate top = server.chain().getLast();
        if (!serverIssuedInternally() && !out.contains(top)) {
            out.add(top);
        }
        return out;
    }

    /** Issues a certificate for the AE {@code aeTitle}, reading the CA key from its keystore. */
    public IssuedCertificate issueAeCertificate(String aeTitle, KeyAlgorithm algorithm) throws IOException {
        KeyStore caStore = readKeyStore(directory, keys, CA_STORE);
        char[] password = password(directory, keys, CA_STORE);
        try {
            PrivateKey key = (PrivateKey) caStore.getKey(ALIAS_CA, password);
            return CertificateAuthority.of(ca, key, clock).issueAe(aeTitle, algorithm);
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot read the CA key from " + directory.resolve(CA_STORE), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** The CA, the server chain and the trusted CAs, for {@link CertificateInventory}. */
    public List<CertificateInventory.Entry> inventoryEntries() {
        List<CertificateInventory.Entry> out = new ArrayList<>();
        out.add(new CertificateInventory.Entry("internal CA", ca));
        out.add(new CertificateInventory.Entry("server", server.certificate()));
        for (int i = 1; i < server.chain().size(); i++) {
            X509Certificate c = server.chain().get(i);
            if (!c.equals(ca)) {
                out.add(new CertificateInventory.Entry("server chain", c));
            }
        }
        for (X509Certificate t : trustedCas) {
            out.add(new CertificateInventory.Entry("trusted CA", t));
        }
        return out;
    }

    private static IssuedCertificate checkOperatorServer(List<X509Certificate> chain, PrivateKey key, Clock clock)
            throws PkiException {
        X509Certificate leaf = chain.getFirst();
        String name = leaf.getSubjectX500Principal().getName();
        try {
            leaf.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException | CertificateNotYetValidException e) {
            throw new PkiException("the server certificate " + name + " is not valid now: " + e.getMessage());
        }
        if (leaf.getBasicConstraints() >= 0) {
            throw new PkiException("the server certificate " + name + " is a CA certificate; give the server's own");
        }
        if (!CertificateChains.allows(leaf, CertificateChains.SERVER_AUTH)) {
            throw new PkiException("the server certificate " + name + " does not allow serverAuth (extended key usage)");
        }
        if (!matches(leaf, key)) {
            throw new PkiException("the private key does not belong to the server certificate " + name);
        }
        return new IssuedCertificate(leaf, key, chain);
    }

    private static void checkTrustedCa(X509Certificate ca) throws PkiException {
        if (ca.getBasicConstraints() < 0) {
            throw new PkiException(ca.getSubjectX500Principal().getName()
                    + " is not a CA certificate (basicConstraints cA is not set); trust its issuer instead");
        }
    }

    /** Signs a probe with {@code key} and verifies it with the certificate's public key. */
    static boolean matches(X509Certificate certificate, PrivateKey key) {
        try {
            String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA"
                    : key.getAlgorithm().equals("EC") ? "SHA256withECDSA" : null;
            if (algorithm == null || !key.getAlgorithm().equals(certificate.getPublicKey().getAlgorithm())) {
                return false;
            }
            byte[] probe = "pacs key match probe".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static void writeKeyStore(Path dir, KeyRing keys, String file, String alias, Key key,
            List<X509Certificate> chain) throws IOException {
        char[] password = newPassword();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, password, chain.toArray(Certificate[]::new));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            store.store(bytes, password);
            // Password first: a keystore without its password would be unreadable.
            passwordFile(dir, file).write(keys, toBytes(password));
            AtomicFile.write(dir.resolve(file), bytes.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new PkiException("cannot write the keystore " + dir.resolve(file), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static KeyStore readKeyStore(Path dir, KeyRing keys, String file) throws IOException {
        char[] password = password(dir, keys, file);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(file))), password);
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new PkiException(dir.resolve(file) + " does not open with its sealed password (altered or "
                    + "replaced?): " + e.getMessage(), e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static char[] password(Path dir, KeyRing keys, String file) throws IOException {
        byte[] bytes = passwordFile(dir, file).read(keys);
        try {
            char[] out = new char[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                out[i] = (char) bytes[i];
            }
            return out;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    private static SealedFile passwordFile(Path dir, String file) {
        return new SealedFile(dir.resolve(file + PASSWORD_SUFFIX), DIRECTORY + "/" + file + " password");
    }

    private static SealedFile trustedFile(Path dir) {
        return new SealedFile(dir.resolve(TRUSTED), DIRECTORY + "/trusted CAs");
    }

    /** 256 random bits as base64url text (ASCII, so one byte per char when sealed). */
    static char[] newPassword() {
        byte[] bits = new byte[32];
        new SecureRandom().nextBytes(bits);
        String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
        Arrays.fill(bits, (byte) 0);
        return text.toCharArray();
    }

    private static byte[] toBytes(char[] ascii) {
        byte[] out = new byte[ascii.length];
        for (int i = 0; i < ascii.length; i++) {
            out[i] = (byte) ascii[i];
        }
        return out;
    }

    private static void removeStaleStaging(Path dataDir) throws IOException {
        try (Stream<Path> entries = Files.list(dataDir)) {
            for (Path p : entries.filter(p -> p.getFileName().toString().startsWith(STAGING_PREFIX)).toList()) {
                deleteTree(p);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
