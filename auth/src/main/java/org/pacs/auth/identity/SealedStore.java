// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.pacs.auth.secrets.AtomicFile;
import org.pacs.auth.secrets.FileStamp;
import org.pacs.auth.secrets.SealedFile;
import org.pacs.storage.crypto.KeyRing;

/**
 * One value kept in a {@link SealedFile} that the command line and the running archive share. Reads
 * cost one {@code stat} and decrypt again only when the file was replaced, so a change made by another
 * process is seen on the very next read. Changes are serialized across processes by a lock file and
 * always start from the file as it is on disk, never from a cached copy.
 */
final class SealedStore<T> {

    /** The value's plaintext form before sealing. */
    interface Codec<T> {
        byte[] encode(T value);

        /** @throws IllegalArgumentException the bytes are not a value this version knows */
        T decode(byte[] bytes);
    }

    /** A change of the value; may throw to refuse it (nothing is written then). */
    @FunctionalInterface
    interface Change<T> {
        T apply(T current) throws IOException;
    }

    private record Loaded<T>(FileStamp stamp, T value) {
    }

    private final SealedFile file;
    private final Path lockFile;
    private final KeyRing keys;
    private final Codec<T> codec;
    private final T empty;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock reloadLock = new ReentrantLock();
    private volatile Loaded<T> loaded;

    /**
     * @param file e.g. {@code <data>/identity/users.sealed}; its lock file sits beside it
     * @param role the sealed file's role: a file sealed for another role does not open
     * @param empty the value of an absent file
     */
    SealedStore(Path file, String role, KeyRing keys, Codec<T> codec, T empty) {
        this.file = new SealedFile(file, role);
        String name = file.getFileName().toString();
        this.lockFile = file.resolveSibling(name.replaceFirst("\\.sealed$", "") + ".lock");
        this.keys = keys;
        this.codec = codec;
        this.empty = empty;
        this.loaded = new Loaded<>(FileStamp.ABSENT, empty);
    }

    Path path() {
        return file.path();
    }

    /**
     * The value as it is on disk now.
     *
     * @throws IdentityStoreException the file does not open (altered, another key ring's, unknown format)
     */
    T current() throws IOException {
        FileStamp stamp = file.stamp();
        Loaded<T> seen = loaded;
        if (stamp.equals(seen.stamp())) {
            return seen.value();
        }
        reloadLock.lock();
        try {
            stamp = file.stamp();
            seen = loaded;
            if (stamp.equals(seen.stamp())) {
                return seen.value();
            }
            // The stamp is taken before reading: if the file is replaced in between, the next call reads again.
            T value = stamp.exists() ? read() : empty;
            loaded = new Loaded<>(stamp, value);
            return value;
        } finally {
            reloadLock.unlock();
        }
    }

    /** Applies {@code change} to the value read fresh under the cross-process lock, and writes the result. */
    T change(Change<T> change) throws IOException {
        writeLock.lock();
        try {
            AtomicFile.createOwnerOnlyDirectories(lockFile.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE), AtomicFile.ownerOnlyFile(lockFile.getParent()));
                    FileLock lock = channel.lock()) {
                T base = file.exists() ? read() : empty;
                T next = change.apply(base);
                if (next != base) {
                    file.write(keys, codec.encode(next));
                }
                return next;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private T read() throws IOException {
        try {
            return codec.decode(file.read(keys));
        } catch (IllegalArgumentException | ClassCastException e) {
            throw new IdentityStoreException(file.path() + " is not a file this version can read: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IdentityStoreException(file.path() + " cannot be opened; refusing every sign-in until it is "
                    + "restored: " + e.getMessage(), e);
        }
    }
}
