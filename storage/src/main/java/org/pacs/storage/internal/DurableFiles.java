// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The few file-system steps that make a write survive a crash: fsync the file, rename it atomically
 * over its final name, fsync the directory so the rename itself is on disk. Not part of the API.
 */
public final class DurableFiles {

  private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

  private DurableFiles() {}

  /** Owner-only permissions for a new file, where the file system knows POSIX permissions. */
  public static FileAttribute<?>[] ownerOnlyFile(Path anyPathOnTheFileSystem) {
    return posix(anyPathOnTheFileSystem) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)}
        : new FileAttribute<?>[0];
  }

  /**
   * Creates {@code dir} and any missing parents (owner-only), and fsyncs the parent of every
   * directory it created, so that a file later renamed into {@code dir} cannot vanish with its
   * directory entry after a crash.
   */
  public static void createDirectoriesDurably(Path dir) throws IOException {
    Path absolute = dir.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createDirectoriesDurably(parent);
    }
    try {
      if (posix(parent == null ? absolute : parent)) {
        Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_DIR));
      } else {
        Files.createDirectory(absolute);
      }
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(absolute)) {
        throw raced;
      }
      // Another thread created it; its entry may not be durable yet, so fsync the parent anyway.
    }
    if (parent != null) {
      fsyncDirectory(parent);
    }
  }

  /** Makes the entries of {@code dir} (creations, renames, deletions) durable. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** Atomically replaces {@code target} by {@code source} (same directory) and makes it durable. */
  public static void renameDurably(Path source, Path target) throws IOException {
    Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(target.toAbsolutePath().getParent());
  }

  /**
   * Writes {@code bytes} as the whole new content of {@code target}: temporary file beside it,
   * fsync, atomic rename, fsync of the directory. A crash leaves the old or the new content.
   */
  public static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Path temp = dir.resolve("." + target.getFileName() + ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING), ownerOnlyFile(dir))) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      renameDurably(temp, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
