// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.Set;
import org.pacs.storage.internal.DurableFiles;

/** The KEK secret in a file: a Docker secret, a path outside the data directory, or an opted-in path inside. */
final class FileSecretSource implements KekSecretSource {

  /** A secret is a line of text; anything larger is not a secret file. */
  private static final int MAX_BYTES = 4096;

  private final Path path;
  private final boolean writable;
  private final boolean insideDataDirectoryAllowed;
  private final String kind;

  FileSecretSource(Path path, boolean writable, boolean insideDataDirectoryAllowed, String kind) {
    this.path = path;
    this.writable = writable;
    this.insideDataDirectoryAllowed = insideDataDirectoryAllowed;
    this.kind = kind;
  }

  @Override
  public Optional<KekSecret> read(Path dataDirectory) throws KekSecretException {
    refuseInsideDataDirectory(dataDirectory);
    byte[] bytes;
    try {
      if (Files.size(path) > MAX_BYTES) {
        throw new KekSecretException(KekSecretException.Problem.UNREADABLE,
            description() + " is larger than " + MAX_BYTES + " bytes; it should hold one line, the secret");
      }
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    } catch (IOException e) {
      throw new KekSecretException(KekSecretException.Problem.UNREADABLE,
          description() + " cannot be read: " + e.getMessage(), e);
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new KekSecretException(KekSecretException.Problem.UNREADABLE, description() + " is not UTF-8 text", e);
    } finally {
      java.util.Arrays.fill(bytes, (byte) 0);
    }
    // Editors and `echo` add a final newline; Docker secrets often carry one.
    String secret = text.stripTrailing();
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(KekSecret.of(secret));
  }

  @Override
  public boolean canSave() {
    return writable;
  }

  @Override
  public void save(KekSecret secret, Path dataDirectory) throws IOException {
    if (!writable) {
      KekSecretSource.super.save(secret, dataDirectory);
    }
    refuseInsideDataDirectory(dataDirectory);
    Path parent = path.toAbsolutePath().getParent();
    DurableFiles.createDirectoriesDurably(parent);
    byte[] line = (secret.reveal() + "\n").getBytes(StandardCharsets.UTF_8);
    // CREATE_NEW: never overwrite a secret someone already relies on.
    try (FileChannel channel = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        DurableFiles.ownerOnlyFile(parent))) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    } finally {
      java.util.Arrays.fill(line, (byte) 0);
    }
    DurableFiles.fsyncDirectory(parent);
  }

  private void refuseInsideDataDirectory(Path dataDirectory) throws KekSecretException {
    if (!insideDataDirectoryAllowed && isInside(path, dataDirectory)) {
      throw new KekSecretException(KekSecretException.Problem.INSIDE_DATA_DIRECTORY,
          description() + " lies inside the data directory " + dataDirectory
              + ": whoever copies the data directory could then read the archive. Keep the secret elsewhere "
              + "(environment variable, Docker secret, a file outside it), or opt in explicitly to a secret "
              + "file inside the data directory");
    }
  }

  /** Lexically and, where the paths exist, after resolving symbolic links. */
  static boolean isInside(Path candidate, Path directory) {
    Path file = candidate.toAbsolutePath().normalize();
    Path dir = directory.toAbsolutePath().normalize();
    if (file.startsWith(dir)) {
      return true;
    }
    try {
      Path realDir = dir.toRealPath();
      Path existing = file;
      Path rest = existing.getFileSystem().getPath("");
      while (existing != null && !Files.exists(existing)) {
        rest = existing.getFileName().resolve(rest);
        existing = existing.getParent();
      }
      return existing != null && existing.toRealPath().resolve(rest).normalize().startsWith(realDir);
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public String description() {
    return kind + path;
  }
}
