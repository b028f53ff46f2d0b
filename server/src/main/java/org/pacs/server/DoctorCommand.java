// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.pacs.auth.access.AeRegistry;
import org.pacs.auth.audit.AuditTrailReader;
import org.pacs.auth.audit.VerifyResult;
import org.pacs.auth.pki.CertificateInventory;
import org.pacs.auth.pki.Pki;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.Settings;
import org.pacs.storage.crypto.KeyRing;
import org.pacs.storage.crypto.KeyRingException;

/**
 * {@code pacs doctor}: a security self-check. Each finding says what is wrong, the risk and the fix;
 * the exit status is 1 when any finding is critical. Works while the archive runs.
 */
final class DoctorCommand implements Command {
    /** Certificates expiring within this window are reported. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);
    /** A backup older than this is reported. */
    static final Duration BACKUP_MAX_AGE = Duration.ofDays(7);
    /**
     * {@code <data>/run/last-backup}: the instant (ISO-8601) of the last completed backup, written by
     * {@code ./pacs backup}.
     */
    static final String LAST_BACKUP = "last-backup";

    enum Severity { CRITICAL, WARNING }

    record Finding(Severity severity, String what, String risk, String fix) {
    }

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String usage() {
        return "doctor [--data DIR]";
    }

    @Override
    public String summary() {
        return "check the archive's security posture";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        if (!opt.rest().isEmpty()) {
            throw new UsageException("unexpected arguments " + opt.rest());
        }
        Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
        List<Finding> findings = new ArrayList<>();
        try {
            checkListeners(config, findings);
            checkPermissions(config.dataDir(), findings);
            checkSecretFile(config, findings);
            checkDisk(config.dataDir(), findings);
            CatalogTransportCheck.check(config, findings);
            if (Files.isDirectory(config.dataDir().resolve("keys"))) {
                checkBackup(config.dataDir(), Clock.systemUTC(), findings);
                try (KeyRing keys = ArchiveKeyRing.open(config).keyRing()) {
                    checkCertificates(config, keys, findings);
                    checkAudit(config, keys, findings);
                } catch (KeyRingException e) {
                    // The findings so far may explain it (e.g. the secret inside the data directory).
                    findings.add(new Finding(Severity.CRITICAL, "the key ring cannot be opened: " + e.getMessage(),
                            "the archive cannot start or read its data; certificates and audit trail were not checked",
                            "give the KEK secret the archive was initialized with (Docker secret pacs_kek_secret,"
                                    + " PACS_KEK_SECRET or storage.kekSecretPath)"));
                }
            } else {
                findings.add(new Finding(Severity.WARNING, "the data directory has not been initialized",
                        "nothing to check yet", "run ./pacs start (or ./pacs init) once"));
            }
        } catch (IOException e) {
            err.println("pacs doctor: " + e.getMessage());
            return 1;
        }
        if (findings.isEmpty()) {
            out.println("no findings: plaintext listeners off, certificates valid for more than "
                    + EXPIRY_WARNING.toDays() + " days, audit trail intact, files private, disk space fine,"
                    + " a backup within " + BACKUP_MAX_AGE.toDays() + " days");
            return 0;
        }
        for (Finding f : findings) {
            out.println(f.severity() + ": " + f.what());
            out.println("  risk: " + f.risk());
            out.println("  fix:  " + f.fix());
        }
        return findings.stream().anyMatch(f -> f.severity() == Severity.CRITICAL) ? 1 : 0;
    }

    private static void checkListeners(Config config, List<Finding> findings) {
        boolean legacy = config.bool(Settings.LEGACY_ENABLED);
        int legacyPort = config.integer(Settings.LEGACY_PORT);
        String bind = config.string(Settings.BIND_ADDRESS);
        boolean everywhere = bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]");
        boolean publicBind = !everywhere && PublicAddresses.isPublicLiteral(bind);
        List<String> hostPublic = everywhere ? PublicAddresses.ofThisHost() : List.of();
        if (legacy && (everywhere || publicBind)) {
            findings.add(new Finding(Severity.CRITICAL, "the plaintext legacy DICOM listener (port " + legacyPort
                    + ") listens on " + (everywhere ? "every interface (" + bind + ")" : "the public address " + bind)
                    + (hostPublic.isEmpty() ? "" : "; this host has public addresses " + hostPublic),
                    "images and patient data cross every network that reaches this host unencrypted, from any"
                            + " machine that can claim a legacy AE's address",
                    "set server.bindAddress to the practice network's address and firewall port " + legacyPort
                            + " to the legacy modalities, or set legacy.enabled: false"));
        } else if (legacy) {
            findings.add(new Finding(Severity.WARNING, "the plaintext legacy DICOM listener is on (port "
                    + legacyPort + ")",
                    "images and patient data cross the network unencrypted and unauthenticated",
                    "set legacy.enabled: false once the last legacy modality is replaced or fronted by a TLS proxy"));
        }
        String web = config.bool(Settings.HTTPS_ENABLED) ? "; the HTTPS sign-in page (port "
                + config.integer(Settings.HTTPS_PORT) + ") is as reachable as the DICOM-TLS port" : "";
        if (everywhere) {
            findings.add(new Finding(Severity.WARNING, "the listeners bind to every interface (" + bind + ")"
                    + (hostPublic.isEmpty() ? "" : "; this host has public addresses " + hostPublic),
                    "if this host has a public address, the archive's ports are reachable from the internet" + web,
                    "set server.bindAddress to the practice network's address, or firewall the ports "
                            + "(inside Docker, publish them only on the practice network)"));
        } else if (publicBind) {
            findings.add(new Finding(Severity.WARNING, "the listeners bind to the public address " + bind,
                    "the archive's ports are reachable from the internet: strangers can try TLS handshakes and"
                            + " sign-ins" + web,
                    "bind to a private address of the practice network (server.bindAddress), or reach the archive"
                            + " through a VPN"));
        }
    }

    /** Files under the data directory readable by group or others. */
    private static void checkPermissions(Path dataDir, List<Finding> findings) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        List<Path> open = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p) && exposed(dataDir, p)) {
                    open.add(dataDir.relativize(p));
                }
            }
        }
        if (!open.isEmpty()) {
            findings.add(new Finding(Severity.CRITICAL, open.size() + " files under " + dataDir
                    + " are readable by other users, e.g. " + open.get(0),
                    "other accounts on this machine can copy keystores and encrypted data",
                    "chmod -R go-rwx " + dataDir));
        }
    }

    /**
     * A file is exposed when group or others may read it and may also reach it: every directory from
     * the data directory down must let that class through (an owner-only data directory protects the
     * files in it whatever their own bits, e.g. those the embedded database creates).
     */
    private static boolean exposed(Path dataDir, Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        boolean group = perms.contains(PosixFilePermission.GROUP_READ);
        boolean others = perms.contains(PosixFilePermission.OTHERS_READ);
        for (Path dir = file.getParent(); dir != null && (group || others); dir = dir.getParent()) {
            Set<PosixFilePermission> d = Files.getPosixFilePermissions(dir);
            group &= d.contains(PosixFilePermission.GROUP_EXECUTE);
            others &= d.contains(PosixFilePermission.OTHERS_EXECUTE);
            if (dir.equals(dataDir)) {
                break;
            }
        }
        return group || others;
    }

    private static boolean isReadableByOthers(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
        return perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ);
    }

    private static void checkSecretFile(Config config, List<Finding> findings) throws IOException {
        Path secret = config.path(Settings.KEK_SECRET_FILE) != null ? config.path(Settings.KEK_SECRET_FILE)
                : ArchiveKeyRing.defaultSecretFile(config.dataDir());
        if (Files.exists(secret) && isReadableByOthers(secret)) {
            findings.add(new Finding(Severity.CRITICAL, "the KEK secret file " + secret + " is readable by other users",
                    "whoever reads it and the data directory can decrypt the whole archive",
                    "chmod 600 " + secret));
        }
        // (A secret inside the data directory is refused by the configuration itself.)
        if (Files.exists(secret) && secret.toAbsolutePath().normalize().getParent()
                .equals(config.dataDir().toAbsolutePath().normalize().getParent())) {
            findings.add(new Finding(Severity.WARNING, "the KEK secret lies on the same disk beside the data directory ("
                    + secret + ")", "a stolen disk or a copy of the parent directory carries both the data and its key",
                    "move the secret to a Docker secret or another device and point storage.kekSecretPath "
                            + "(or PACS_KEK_SECRET) at it; keep an offline backup"));
        }
    }

    /** The marker {@code ./pacs backup} writes; missing, unreadable or old is a finding. */
    static void checkBackup(Path dataDir, Clock clock, List<Finding> findings) {
        Path marker = dataDir.resolve("run").resolve(LAST_BACKUP);
        String fix = "run ./pacs backup --out FILE to a disk kept apart from this machine, daily or weekly"
                + " (e.g. from cron), and keep the KEK secret apart from the backups";
        if (!Files.exists(marker)) {
            findings.add(new Finding(Severity.WARNING, "no backup of this archive is recorded",
                    "a failed disk, ransomware or a mistake loses every image and report", fix));
            return;
        }
        Instant last;
        try {
            last = Instant.parse(Files.readString(marker, java.nio.charset.StandardCharsets.US_ASCII).strip());
        } catch (IOException | java.time.format.DateTimeParseException e) {
            findings.add(new Finding(Severity.WARNING, "the backup marker " + marker + " is unreadable",
                    "whether a recent backup exists is unknown", fix));
            return;
        }
        Duration age = Duration.between(last, clock.instant());
        if (age.compareTo(BACKUP_MAX_AGE) > 0) {
            findings.add(new Finding(Severity.WARNING, "the last backup is " + age.toDays() + " days old (" + last + ")",
                    "everything stored since then is lost if the disk fails", fix));
        }
    }

    private static void checkDisk(Path dataDir, List<Finding> findings) throws IOException {
        Path existing = dataDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        FileStore store = Files.getFileStore(existing);
        long free = store.getUsableSpace();
        if (free < 2L << 30 || free < store.getTotalSpace() / 20) {
            findings.add(new Finding(free < 256L << 20 ? Severity.CRITICAL : Severity.WARNING,
                    "low disk space: " + (free >> 20) + " MiB free on " + store,
                    "modalities get 'out of resources' and stop sending",
                    "add space or move old studies off; the archive refuses new objects rather than lose them"));
        }
    }

    private static void checkCertificates(Config config, KeyRing keys, List<Finding> findings) throws IOException {
        if (!Pki.isInitialized(config.dataDir())) {
            return;
        }
        Pki pki = Pki.open(config.dataDir(), keys, Clock.systemUTC());
        CertificateInventory inventory = CertificateInventory.of(pki.inventoryEntries(),
                AeRegistry.open(config.dataDir(), keys).inventoryEntries());
        Instant now = Instant.now();
        for (CertificateInventory.Entry e : inventory.expiringWithin(EXPIRY_WARNING, now)) {
            boolean expired = e.notAfter().isBefore(now);
            findings.add(new Finding(expired ? Severity.CRITICAL : Severity.WARNING,
                    e.role() + " certificate " + e.subject() + (expired ? " expired " : " expires ") + e.notAfter(),
                    expired ? "peers using it are refused" : "peers using it will be refused after that date",
                    "issue a new one (for an AE: ./pacs ae revoke, then ./pacs ae add) and install it"));
        }
    }

    private static void checkAudit(Config config, KeyRing keys, List<Finding> findings) throws IOException {
        if (!Files.isDirectory(config.dataDir().resolve("audit"))) {
            return;
        }
        VerifyResult result = AuditTrailReader.open(config.dataDir(), keys).verify();
        if (!result.intact()) {
            findings.add(new Finding(Severity.CRITICAL, "the audit trail is broken at record "
                    + result.firstBadSequence().orElse(-1) + ": " + result.problem(),
                    "records may have been altered or removed; the trail is evidence",
                    "keep a copy of " + config.dataDir().resolve("audit") + " for investigation, compare with the "
                            + "syslog copy, then move it aside so the archive starts a new trail"));
        }
    }
}
