// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.secrets;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file's whole content so that a crash leaves either the old or the new content: a
 * temporary file beside it (owner-only), fsync, atomic rename, fsync of the directory.
 *
 * <pre>{@code
 * AtomicFile.write(dir.resolve("server.p12"), out -> keyStore.store(out, password));
 * }</pre>
 */
public final class AtomicFile {

    /** Writes the new content; the stream must not be closed by the writer. */
    @FunctionalInterface
    public interface ContentWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private AtomicFile() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        write(target, out -> out.write(content));
    }

    public static void write(Path target, ContentWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        createOwnerOnlyDirectories(dir);
        // A random temporary name: two processes writing the same file never share a temporary.
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong());
        Path temp = dir.resolve("." + target.getFileName() + "." + suffix + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp,
                    Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnlyFile(dir))) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Creates {@code dir} and missing parents as owner-only directories, fsyncing each new entry. */
    public static void createOwnerOnlyDirectories(Path dir) throws IOException {
        Path absolute = dir.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return;
        }
        Path parent = absolute.getParent();
        if (parent != null) {
            createOwnerOnlyDirectories(parent);
        }
        if (posix(parent == null ? absolute : parent)) {
            Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectory(absolute);
        }
        if (parent != null) {
            fsyncDirectory(parent);
        }
    }

    /** Makes the entries of {@code dir} (creations, renames) durable. */
    public static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Owner-only permissions for a new file where the file system knows POSIX permissions. */
    public static FileAttribute<?>[] ownerOnlyFile(Path anyPathOnTheFileSystem) {
        return posix(anyPathOnTheFileSystem)
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
                : new FileAttribute<?>[0];
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
