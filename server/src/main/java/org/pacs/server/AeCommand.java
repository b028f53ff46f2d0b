// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.pacs.auth.access.AeRegistry;
import org.pacs.auth.access.CertificateBinding;
import org.pacs.auth.access.Permission;
import org.pacs.auth.access.RegisteredAe;
import org.pacs.auth.access.Revocation;
import org.pacs.auth.access.RegistrySnapshot;
import org.pacs.auth.pki.CertificateChains;
import org.pacs.auth.pki.Fingerprint;
import org.pacs.auth.pki.IssuedCertificate;
import org.pacs.auth.pki.KeyAlgorithm;
import org.pacs.auth.pki.Pem;
import org.pacs.auth.pki.PkiException;
import org.pacs.auth.pki.Pki;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.auth.secrets.AtomicFile;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigException;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.Settings;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs ae add|list|show|revoke}: the application entities allowed to talk to the archive. Adding
 * a TLS AE issues its client certificate (CN = AE title) and binds the title to that certificate's
 * SHA-256 fingerprint; the key is handed out once, in a bundle outside the data directory.
 */
final class AeCommand implements Command {
    @Override
    public String name() {
        return "ae";
    }

    @Override
    public String usage() {
        return "ae add AE_TITLE [--host H --port P] [--allow store,query,retrieve] [--move-to AE,...] "
                + "[--out DIR] [--key-type rsa|ec] [--cert PEM] [--legacy --ip ADDR] | ae list | ae show AE_TITLE "
                + "| ae revoke AE_TITLE [--reason TEXT]  [--data DIR]";
    }

    @Override
    public String summary() {
        return "register, list, show or revoke application entities";
    }

    /** The options of {@code ae add}. */
    private record AddOptions(String title, String host, int port, Set<Permission> allow, List<String> moveTo, Path out,
            KeyAlgorithm keyType, Path cert, boolean legacy, String ip) {
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        List<String> rest = opt.rest();
        if (rest.isEmpty()) {
            throw new UsageException("expected add, list, show or revoke");
        }
        String sub = rest.get(0);
        List<String> params = rest.subList(1, rest.size());
        Runnable check = switch (sub) {
            case "add" -> () -> parseAdd(params);
            case "list" -> () -> none(params);
            case "show", "revoke" -> () -> title(params, sub);
            default -> throw new UsageException("expected add, list, show or revoke, not '" + sub + "'");
        };
        check.run();
        Path dataDir = opt.dataDir();
        try {
            Config config = ConfigLoader.load(dataDir, System.getenv());
            if (!Pki.isInitialized(dataDir)) {
                err.println("pacs ae: " + dataDir + " is not initialized; run './pacs init --data " + dataDir + "' first");
                return 1;
            }
            KeyRing.Opened opened = ArchiveKeyRing.open(config);
            try (KeyRing keys = opened.keyRing()) {
                AeRegistry registry = AeRegistry.open(dataDir, keys);
                return switch (sub) {
                    case "add" -> add(parseAdd(params), config, keys, registry, out, err);
                    case "list" -> list(registry.current(), out);
                    case "show" -> show(registry.current(), title(params, sub), out, err);
                    default -> revoke(config, keys, registry, params, out);
                };
            }
        } catch (ConfigException e) {
            err.println("pacs: configuration error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IOException e) {
            err.println("pacs ae " + sub + ": " + e.getMessage());
            return 1;
        }
    }

    private static AddOptions parseAdd(List<String> params) {
        String title = title(params, "add");
        String host = null;
        int port = 0;
        Set<Permission> allow = EnumSet.of(Permission.STORE);
        List<String> moveTo = new ArrayList<>();
        Path outDir = null;
        KeyAlgorithm keyType = KeyAlgorithm.RSA_3072;
        Path cert = null;
        boolean legacy = false;
        String ip = null;
        for (int i = 1; i < params.size(); i++) {
            String a = params.get(i);
            try {
                switch (a) {
                    case "--host" -> host = InitCommand.value(params, ++i, a);
                    case "--port" -> port = port(InitCommand.value(params, ++i, a));
                    case "--allow" -> allow = Permission.parse(InitCommand.value(params, ++i, a));
                    case "--move-to" -> {
                        for (String d : InitCommand.value(params, ++i, a).split(",")) {
                            if (!d.isBlank()) {
                                moveTo.add(d.strip());
                            }
                        }
                    }
                    case "--out" -> outDir = Path.of(InitCommand.value(params, ++i, a));
                    case "--key-type" -> keyType = KeyAlgorithm.fromOption(InitCommand.value(params, ++i, a));
                    case "--cert" -> cert = Path.of(InitCommand.value(params, ++i, a));
                    case "--legacy" -> legacy = true;
                    case "--ip" -> ip = InitCommand.value(params, ++i, a);
                    default -> throw new UsageException("unexpected argument '" + a + "'");
                }
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (legacy) {
            if (ip == null) {
                throw new UsageException("--legacy needs --ip ADDR, the address the AE connects from");
            }
            if (cert != null || outDir != null) {
                throw new UsageException("a legacy AE uses no certificate: drop --cert and --out");
            }
            if (!allow.equals(EnumSet.of(Permission.STORE)) || !moveTo.isEmpty()) {
                throw new UsageException("a legacy (plaintext) AE may only store");
            }
        } else if (ip != null) {
            throw new UsageException("--ip is for --legacy AEs; a TLS AE is identified by its certificate");
        }
        if (cert != null && outDir != null) {
            throw new UsageException("--cert binds an existing certificate; there is no bundle to write with --out");
        }
        if ((host == null) != (port == 0)) {
            throw new UsageException("--host and --port go together (where the archive reaches the AE)");
        }
        return new AddOptions(title, host, port, allow, moveTo, outDir, keyType, cert, legacy, ip);
    }

    private static int add(AddOptions o, Config config, KeyRing keys, AeRegistry registry, PrintStream out,
            PrintStream err) throws IOException {
        if (registry.current().active(o.title()).isPresent()) {
            err.println("pacs ae add: " + o.title() + " is already registered; 'pacs ae revoke " + o.title()
                    + "' first to replace it");
            return 1;
        }
        Pki pki = Pki.open(config.dataDir(), keys, java.time.Clock.systemUTC());
        Instant now = Instant.now();
        CertificateBinding binding = null;
        Path bundle = null;
        String p12Password = null;
        if (o.cert() != null) {
            List<X509Certificate> chain = Pem.readCertificates(o.cert());
            CertificateChains.validate(chain, pki.trustAnchors(), now, CertificateChains.CLIENT_AUTH);
            binding = CertificateBinding.of(chain.getFirst());
        } else if (!o.legacy()) {
            bundle = (o.out() != null ? o.out() : Path.of(safeFileName(o.title()) + "-bundle")).toAbsolutePath().normalize();
            refuseInside(bundle, config.dataDir());
            refuseNonEmpty(bundle);
            IssuedCertificate issued = pki.issueAeCertificate(o.title(), o.keyType());
            p12Password = newPassword();
            writeBundle(bundle, o.title(), issued, pki.certificatesForPeers(), p12Password);
            binding = CertificateBinding.of(issued.certificate());
        }
        RegisteredAe ae = registry.add(new RegisteredAe(o.title(), o.host(), o.port(), o.allow(), o.moveTo(),
                o.legacy(), o.ip(), binding, now, null));
        OfflineAudit.aeChange(config, keys, ae.aeTitle(), org.pacs.auth.audit.EventActionCode.C,
                "registered with permissions " + ae.permissions());
        out.println("registered " + ae.aeTitle() + (ae.legacy() ? " (legacy, plaintext, from " + ae.legacyAddress() + ")"
                : "") + ", may " + permissions(ae));
        if (binding != null) {
            out.println("bound to certificate SHA-256 " + Fingerprint.display(binding.sha256()));
            out.println("  serial " + binding.serial() + ", valid until " + binding.notAfter());
        }
        if (bundle != null) {
            String base = safeFileName(ae.aeTitle());
            out.println("bundle written to " + bundle + " (owner-only; move it to the device and delete it here):");
            out.println("  " + base + ".crt.pem, " + base + ".key.pem (unencrypted key), " + base + ".p12, ca.crt.pem");
            out.println("password of " + base + ".p12 (shown once): " + p12Password);
            out.println("try it: echoscu +tls " + base + ".key.pem " + base + ".crt.pem +cf ca.crt.pem -aet "
                    + ae.aeTitle() + " -aec " + config.string(Settings.AE_TITLE) + " HOST "
                    + config.integer(Settings.DICOM_TLS_PORT));
        }
        if (ae.legacy() && !config.bool(Settings.LEGACY_ENABLED)) {
            out.println("note: the legacy listener is off (legacy.enabled: false); this AE cannot connect until it is on.");
        }
        return 0;
    }

    private static int list(RegistrySnapshot s, PrintStream out) {
        if (s.aes().isEmpty()) {
            out.println("no AE registered; add one with 'pacs ae add AE_TITLE'");
            return 0;
        }
        out.printf("%-16s  %-7s  %-6s  %-22s  %-26s  %s%n", "AE TITLE", "STATUS", "KIND", "ALLOW", "ADDRESS",
                "CERTIFICATE UNTIL");
        for (RegisteredAe ae : s.aes().values()) {
            out.printf("%-16s  %-7s  %-6s  %-22s  %-26s  %s%n", ae.aeTitle(), ae.active() ? "active" : "revoked",
                    ae.legacy() ? "legacy" : "tls", permissions(ae), address(ae),
                    ae.certificate() == null ? "-" : ae.certificate().notAfter().toString());
        }
        return 0;
    }

    private static int show(RegistrySnapshot s, String title, PrintStream out, PrintStream err) {
        RegisteredAe ae = s.find(title).orElse(null);
        if (ae == null) {
            err.println("pacs ae show: " + title + " is not registered");
            return 1;
        }
        out.println("AE title:          " + ae.aeTitle());
        out.println("status:            " + (ae.active() ? "active" : "revoked at " + ae.revoked().at() + " ("
                + ae.revoked().reason() + ")"));
        out.println("kind:              " + (ae.legacy() ? "legacy (plaintext, store only, from "
                + ae.legacyAddress() + ")" : "TLS"));
        out.println("may:               " + permissions(ae));
        out.println("move destinations: " + (ae.moveDestinations().isEmpty() ? "itself only"
                : "itself, " + String.join(", ", ae.moveDestinations())));
        out.println("address:           " + address(ae));
        out.println("registered:        " + ae.registered());
        if (ae.certificate() != null) {
            CertificateBinding c = ae.certificate();
            out.println("certificate:       " + c.subject());
            out.println("  issuer:          " + c.issuer());
            out.println("  SHA-256:         " + Fingerprint.display(c.sha256()));
            out.println("  serial:          " + c.serial());
            out.println("  valid until:     " + c.notAfter());
        }
        return 0;
    }

    private static int revoke(Config config, KeyRing keys, AeRegistry registry, List<String> params, PrintStream out)
            throws IOException {
        String title = params.get(0);
        String reason = null;
        for (int i = 1; i < params.size(); i++) {
            if (params.get(i).equals("--reason")) {
                reason = InitCommand.value(params, ++i, "--reason");
            } else {
                throw new UsageException("unexpected argument '" + params.get(i) + "'");
            }
        }
        Revocation r = registry.revoke(title, reason, Instant.now());
        OfflineAudit.aeChange(config, keys, r.aeTitle(), org.pacs.auth.audit.EventActionCode.D, "revoked");
        out.println("revoked " + r.aeTitle() + " at " + r.at() + (r.sha256() == null ? ""
                : "; certificate SHA-256 " + Fingerprint.display(r.sha256()) + " stays refused"));
        out.println("new associations from " + r.aeTitle() + " are refused from now on.");
        return 0;
    }

    private static String title(List<String> params, String sub) {
        if (params.isEmpty() || params.get(0).startsWith("--")) {
            throw new UsageException("'ae " + sub + "' needs an AE title");
        }
        if (!ConfigLoader.isValidAeTitle(params.get(0))) {
            throw new UsageException("'" + params.get(0) + "' is not a valid AE title: 1 to 16 characters, "
                    + "no backslash or control characters (PS3.5 §6.2, VR AE)");
        }
        if (sub.equals("show") && params.size() > 1) {
            throw new UsageException("unexpected arguments " + params.subList(1, params.size()));
        }
        return params.get(0).strip();
    }

    private static void none(List<String> params) {
        if (!params.isEmpty()) {
            throw new UsageException("unexpected arguments " + params);
        }
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new UsageException("--port " + text + " is not a port number (1 to 65535)");
    }

    private static String permissions(RegisteredAe ae) {
        return ae.permissions().isEmpty() ? "nothing"
                : String.join(",", ae.permissions().stream().sorted().map(Permission::option).toList());
    }

    private static String address(RegisteredAe ae) {
        return ae.host() == null ? "-" : ae.host() + ":" + ae.port();
    }

    /** File names from an AE title: anything but letters, digits, dot, dash and underscore becomes '_'. */
    static String safeFileName(String aeTitle) {
        return aeTitle.strip().replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** An unencrypted key inside the data directory would sit beside everything it should not. */
    private static void refuseInside(Path bundle, Path dataDir) throws PkiException {
        Path data = dataDir.toAbsolutePath().normalize();
        Path real = bundle;
        try {
            data = data.toRealPath();
            Path existing = bundle;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null) {
                real = existing.toRealPath().resolve(existing.relativize(bundle));
            }
        } catch (IOException e) {
            // Lexical comparison below still applies.
        }
        if (bundle.startsWith(data) || real.normalize().startsWith(data)) {
            throw new PkiException("--out " + bundle + " lies inside the data directory; the bundle holds an "
                    + "unencrypted private key and must be written elsewhere");
        }
    }

    private static void refuseNonEmpty(Path bundle) throws IOException {
        if (Files.isDirectory(bundle)) {
            try (Stream<Path> entries = Files.list(bundle)) {
                if (entries.findAny().isPresent()) {
                    throw new PkiException(bundle + " exists and is not empty; choose another --out directory");
                }
            }
        } else if (Files.exists(bundle)) {
            throw new PkiException(bundle + " exists and is not a directory");
        }
    }

    private static void writeBundle(Path dir, String title, IssuedCertificate issued, List<X509Certificate> forPeers,
            String password) throws IOException {
        AtomicFile.createOwnerOnlyDirectories(dir);
        String base = safeFileName(title);
        writeNew(dir.resolve(base + ".crt.pem"), Pem.certificates(issued.chain()).getBytes(StandardCharsets.US_ASCII));
        writeNew(dir.resolve(base + ".key.pem"), Pem.privateKey(issued.privateKey()).getBytes(StandardCharsets.US_ASCII));
        writeNew(dir.resolve("ca.crt.pem"), Pem.certificates(forPeers).getBytes(StandardCharsets.US_ASCII));
        char[] pw = password.toCharArray();
        try {
            KeyStore p12 = KeyStore.getInstance("PKCS12");
            p12.load(null, null);
            p12.setKeyEntry(title.toLowerCase(java.util.Locale.ROOT), issued.privateKey(), pw,
                    issued.chain().toArray(Certificate[]::new));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            p12.store(bytes, pw);
            writeNew(dir.resolve(base + ".p12"), bytes.toByteArray());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write " + base + ".p12: " + e.getMessage(), e);
        } finally {
            Arrays.fill(pw, '\0');
        }
        AtomicFile.fsyncDirectory(dir);
    }

    /** Owner-only (0600) from creation on; never overwrites. */
    private static void writeNew(Path file, byte[] content) throws IOException {
        try (FileChannel c = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                AtomicFile.ownerOnlyFile(file.getParent()))) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                c.write(buffer);
            }
            c.force(true);
        }
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** 144 random bits as 24 base64url characters: typed by hand into a device at most once. */
    private static String newPassword() {
        byte[] bits = new byte[18];
        new SecureRandom().nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
