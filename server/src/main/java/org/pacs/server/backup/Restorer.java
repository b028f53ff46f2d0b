// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Properties;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.pacs.auth.secrets.AtomicFile;
import org.pacs.storage.crypto.BlobCipher;
import org.pacs.storage.crypto.KekSecretSource;
import org.pacs.storage.crypto.KeyRing;

/**
 * Restores a backup made by {@link BackupWriter} into a new, empty data directory. The keystore comes
 * out of the header; the operator's KEK secret opens it (the backup never holds the secret); the
 * content is then decrypted and authenticated segment by segment while the files are written back.
 * A backup cut short or altered anywhere fails authentication, and the directory is left for the
 * operator to delete (nothing is ever restored over existing data).
 *
 * <pre>{@code
 * try (KeyRing keys = new Restorer().restore(backupFile, newDataDir, secretSource, progress)) { ... }
 * }</pre>
 */
public final class Restorer {
    /** What was restored; the key ring stays open for the caller's checks. */
    public record Restored(KeyRing keys, long files, Properties manifest) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            keys.close();
        }
    }

    /**
     * @param progress told the number of files written so far
     * @throws IOException the target is not empty, the secret is wrong, or the backup is damaged
     */
    public Restored restore(Path backup, Path target, KekSecretSource secret, java.util.function.LongConsumer progress)
            throws IOException {
        if (Files.exists(target)) {
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(target + " is not empty: restore into a new directory");
                }
            }
        }
        AtomicFile.createOwnerOnlyDirectories(target);
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(backup), 1 << 20)) {
            BackupFormat.Header header = BackupFormat.read(raw);
            Path keysDir = target.resolve(KeyRing.KEYS_DIRECTORY);
            AtomicFile.createOwnerOnlyDirectories(keysDir);
            write(keysDir.resolve("kek.keystore"), header.keystore());
            KeyRing keys = KeyRing.open(target, secret).keyRing();
            try {
                BlobCipher cipher;
                try {
                    cipher = keys.unseal(header.keyRecord(), BackupFormat.CONTEXT.getBytes(StandardCharsets.US_ASCII));
                } catch (GeneralSecurityException e) {
                    throw new IOException("the backup's key record does not open with this keystore: damaged", e);
                }
                Properties manifest = null;
                long files = 0;
                InputStream plain = cipher.decrypt(raw, header.associatedData());
                try (ZipInputStream zip = new ZipInputStream(plain)) {
                    for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                        if (e.getName().equals(BackupFormat.MANIFEST)) {
                            manifest = new Properties();
                            manifest.load(new java.io.InputStreamReader(zip, StandardCharsets.ISO_8859_1));
                            continue;
                        }
                        Path file = inside(target, e.getName());
                        AtomicFile.createOwnerOnlyDirectories(file.getParent());
                        try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                                StandardOpenOption.WRITE)) {
                            zip.transferTo(out);
                        }
                        restrict(file);
                        progress.accept(++files);
                    }
                    // Read to the end, so that the last segment is authenticated too (a cut file fails here).
                    plain.transferTo(OutputStream.nullOutputStream());
                }
                if (manifest == null) {
                    throw new IOException("the backup ends before its manifest: incomplete");
                }
                return new Restored(keys, files, manifest);
            } catch (IOException | RuntimeException e) {
                keys.close();
                throw e;
            }
        }
    }

    /** The entry's path under {@code root}; a name that would leave it is refused. */
    static Path inside(Path root, String name) throws IOException {
        Path p = root.resolve(name).normalize();
        if (name.startsWith("/") || name.contains("\\") || !p.startsWith(root.normalize()) || p.equals(root.normalize())) {
            throw new IOException("the backup names a file outside the data directory: refused");
        }
        return p;
    }

    private static void write(Path file, byte[] content) throws IOException {
        Files.write(file, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        restrict(file);
    }

    private static void restrict(Path file) throws IOException {
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        }
    }
}
