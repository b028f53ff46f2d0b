// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.pacs.auth.pki.CertificateInventory;
import org.pacs.auth.secrets.AtomicFile;
import org.pacs.auth.secrets.FileStamp;
import org.pacs.auth.secrets.SealedFile;
import org.pacs.storage.crypto.KeyRing;

/**
 * The registered AEs of a data directory, in the sealed file {@code <data>/access/ae-registry.sealed}
 * (role {@code "access/ae registry"}), so it can be neither read nor altered without the KEK secret.
 * Commands run while the server runs take effect without a restart: {@link #current()} costs one
 * {@code stat} and reads the file again only when it was replaced. Changes are serialized across
 * processes by a lock file and made with the file read fresh under that lock.
 *
 * <pre>{@code
 * AeRegistry registry = AeRegistry.open(dataDir, keyRing);
 * registry.onRevocation(r -> server.closeAssociationsOf(r.aeTitle()));   // fired by current()/refresh()
 * RegistrySnapshot now = registry.current();                               // on each association
 * }</pre>
 *
 * <p>Fails closed: if the file cannot be opened (altered, sealed by another key ring), {@link #current()}
 * throws and the caller must refuse the association.
 */
public final class AeRegistry {

    public static final String DIRECTORY = "access";
    static final String FILE = "ae-registry.sealed";
    static final String LOCK = "ae-registry.lock";
    static final String ROLE = "access/ae registry";

    private final SealedFile file;
    private final Path lockFile;
    private final KeyRing keys;
    /** Serializes changes inside this process; the file lock serializes processes. */
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock reloadLock = new ReentrantLock();
    private final List<Consumer<Revocation>> revocationListeners = new CopyOnWriteArrayList<>();
    private volatile Loaded loaded = new Loaded(FileStamp.ABSENT, RegistrySnapshot.EMPTY);

    private record Loaded(FileStamp stamp, RegistrySnapshot snapshot) {
    }

    private AeRegistry(Path directory, KeyRing keys) {
        this.file = new SealedFile(directory.resolve(FILE), ROLE);
        this.lockFile = directory.resolve(LOCK);
        this.keys = keys;
    }

    /** The registry of {@code dataDir}; an absent file is an empty registry. */
    public static AeRegistry open(Path dataDir, KeyRing keys) throws IOException {
        AeRegistry registry = new AeRegistry(dataDir.resolve(DIRECTORY), keys);
        registry.current();
        return registry;
    }

    /**
     * The registry as it is on disk now: re-read only if the file was replaced since the last call.
     * Revocations that appear in a re-read are passed to the {@link #onRevocation} listeners.
     *
     * @throws AeRegistryException the file does not open (altered, or another key ring's)
     */
    public RegistrySnapshot current() throws IOException {
        FileStamp stamp = file.stamp();
        Loaded seen = loaded;
        if (stamp.equals(seen.stamp())) {
            return seen.snapshot();
        }
        reloadLock.lock();
        try {
            seen = loaded;
            stamp = file.stamp();
            if (stamp.equals(seen.stamp())) {
                return seen.snapshot();
            }
            // Read after taking the stamp: if the file is replaced in between, the next call reads again.
            RegistrySnapshot next = stamp.exists() ? read() : RegistrySnapshot.EMPTY;
            loaded = new Loaded(stamp, next);
            announceNewRevocations(seen.snapshot(), next);
            return next;
        } finally {
            reloadLock.unlock();
        }
    }

    /** Same as {@link #current()}; named for a server that polls to close revoked AEs' associations. */
    public RegistrySnapshot refresh() throws IOException {
        return current();
    }

    /** Called with each revocation the first time this registry instance sees it. */
    public void onRevocation(Consumer<Revocation> listener) {
        revocationListeners.add(listener);
    }

    /**
     * Registers {@code ae}. A revoked registration of the same title is replaced (its revocation stays
     * in the revocation list, so the old certificate stays refused).
     *
     * @throws AeRegistryException the title is registered and active, or the certificate was revoked
     */
    public RegisteredAe add(RegisteredAe ae) throws IOException {
        return change(s -> {
            RegisteredAe existing = s.find(ae.aeTitle()).orElse(null);
            if (existing != null && existing.active()) {
                throw new AeRegistryException(ae.aeTitle() + " is already registered; revoke it first to replace it");
            }
            if (ae.certificate() != null && s.isRevokedCertificate(ae.certificate().sha256())) {
                throw new AeRegistryException("the certificate " + ae.certificate().sha256()
                        + " was revoked; a revoked certificate cannot be bound again");
            }
            return s.with(ae);
        }).find(ae.aeTitle()).orElseThrow();
    }

    /**
     * Revokes {@code aeTitle} at once: new associations are refused from the next {@link #current()}
     * on, in every process, and its certificate stays refused for good.
     */
    public Revocation revoke(String aeTitle, String reason, Instant at) throws IOException {
        Revocation[] made = new Revocation[1];
        change(s -> {
            RegisteredAe ae = s.find(aeTitle).orElseThrow(() -> new AeRegistryException(aeTitle + " is not registered"));
            if (!ae.active()) {
                throw new AeRegistryException(aeTitle + " was already revoked at " + ae.revoked().at());
            }
            CertificateBinding c = ae.certificate();
            made[0] = new Revocation(ae.aeTitle(), c == null ? null : c.sha256(), c == null ? null : c.serial(), at,
                    reason == null || reason.isBlank() ? "unspecified" : reason.strip());
            return s.withRevocation(made[0]);
        });
        return made[0];
    }

    /** The certificates bound to active AEs, for {@link CertificateInventory}. */
    public List<CertificateInventory.Entry> inventoryEntries() throws IOException {
        List<CertificateInventory.Entry> out = new ArrayList<>();
        for (RegisteredAe ae : current().aes().values()) {
            if (ae.active() && ae.certificate() != null) {
                X509Certificate c = ae.certificate().certificate();
                out.add(new CertificateInventory.Entry("AE " + ae.aeTitle(), c));
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface Change {
        RegistrySnapshot apply(RegistrySnapshot current) throws IOException;
    }

    private RegistrySnapshot change(Change change) throws IOException {
        writeLock.lock();
        try {
            AtomicFile.createOwnerOnlyDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), AtomicFile.ownerOnlyFile(lockFile.getParent()));
                    FileLock lock = channel.lock()) {
                // Under the lock, start from the file as it is, never from a cached copy.
                RegistrySnapshot base = file.exists() ? read() : RegistrySnapshot.EMPTY;
                RegistrySnapshot next = change.apply(base);
                file.write(keys, RegistryCodec.encode(next));
                return next;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private RegistrySnapshot read() throws IOException {
        try {
            return RegistryCodec.decode(file.read(keys));
        } catch (IllegalArgumentException e) {
            throw new AeRegistryException(file.path() + " is not a registry this version can read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new AeRegistryException(file.path() + " cannot be opened; refusing all AEs until it is restored: "
                    + e.getMessage(), e);
        }
    }

    private void announceNewRevocations(RegistrySnapshot before, RegistrySnapshot after) {
        if (revocationListeners.isEmpty()) {
            return;
        }
        Set<Revocation> known = new HashSet<>(before.revocations());
        for (Revocation r : after.revocations()) {
            if (!known.contains(r)) {
                for (Consumer<Revocation> l : revocationListeners) {
                    l.accept(r);
                }
            }
        }
    }
}
