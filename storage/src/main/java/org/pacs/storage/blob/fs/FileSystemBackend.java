// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob.fs;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.pacs.storage.blob.BlobBackend;
import org.pacs.storage.blob.BlobId;
import org.pacs.storage.blob.BlobIntegrityException;
import org.pacs.storage.blob.BlobNotFoundException;
import org.pacs.storage.blob.BlobStoreException;
import org.pacs.storage.blob.StorageFullException;
import org.pacs.storage.internal.DurableFiles;

/**
 * Blobs as files {@code <root>/ab/cd/<id>.blob} (the first four hex digits of the id shard the
 * directories). A blob is written to {@code .<id>.tmp} in its final directory, fsynced, renamed
 * atomically and the directory fsynced: a crash leaves no blob or a complete one. Temporary files of
 * a crashed run are removed when the store is next opened. Holds an exclusive lock on the root.
 */
public final class FileSystemBackend implements BlobBackend {

  private static final System.Logger LOG = System.getLogger(FileSystemBackend.class.getName());
  private static final String SUFFIX = ".blob";
  private static final String TEMP_SUFFIX = ".tmp";
  private static final String LOCK_FILE = ".lock";
  /** Present while the store is open; found at open, it means the last run did not close cleanly. */
  private static final String OPEN_MARKER = ".open";

  /**
   * How the backend writes. {@code reservedBytes}: refuse new blobs while less space than this is
   * free, so the disk never fills up under the database. {@code contentSinkFilter}: wraps the stream
   * blob content is written to; a seam for fault-injection tests (identity in production).
   * {@code writebackBytes}: after this many bytes of a blob, an fsync starts in the background, so
   * the disk writes while the next bytes are encrypted and the final fsync has little left to do.
   */
  public record Options(long reservedBytes, UnaryOperator<OutputStream> contentSinkFilter, long writebackBytes) {

    /** Large enough that small objects (most DICOM instances) never start one. */
    public static final long DEFAULT_WRITEBACK_BYTES = 8L * 1024 * 1024;

    public Options {
      if (reservedBytes < 0 || writebackBytes < 1) {
        throw new IllegalArgumentException("reservedBytes cannot be negative, writebackBytes must be positive");
      }
      Objects.requireNonNull(contentSinkFilter, "contentSinkFilter");
    }

    public static Options defaults() {
      return new Options(0, UnaryOperator.identity(), DEFAULT_WRITEBACK_BYTES);
    }

    public Options withReservedBytes(long bytes) {
      return new Options(bytes, contentSinkFilter, writebackBytes);
    }

    public Options withContentSinkFilter(UnaryOperator<OutputStream> filter) {
      return new Options(reservedBytes, filter, writebackBytes);
    }

    public Options withWritebackBytes(long bytes) {
      return new Options(reservedBytes, contentSinkFilter, bytes);
    }
  }

  private final Path root;
  private final Options options;
  private final FileChannel lockChannel;
  private final FileLock lock;
  /** Shard directories known to exist durably; saves a stat and an fsync per write. */
  private final Set<Path> durableShards = ConcurrentHashMap.newKeySet();
  private final int removedAtOpen;

  private FileSystemBackend(Path root, Options options, FileChannel lockChannel, FileLock lock, int removedAtOpen) {
    this.root = root;
    this.options = options;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.removedAtOpen = removedAtOpen;
  }

  public static FileSystemBackend open(Path root) throws IOException {
    return open(root, Options.defaults());
  }

  /**
   * Opens (creating if needed) the store under {@code root}, taking its lock. If the previous run
   * did not close cleanly, removes the temporary files it left.
   *
   * @throws BlobStoreException another process (or backend) holds the store
   */
  public static FileSystemBackend open(Path root, Options options) throws IOException {
    Path absolute = root.toAbsolutePath();
    DurableFiles.createDirectoriesDurably(absolute);
    FileChannel lockChannel = FileChannel.open(absolute.resolve(LOCK_FILE),
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), DurableFiles.ownerOnlyFile(absolute));
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException inThisProcess) {
      lock = null;
    }
    if (lock == null) {
      lockChannel.close();
      throw new BlobStoreException(null, "the blob store " + absolute + " is in use by another process");
    }
    try {
      Path marker = absolute.resolve(OPEN_MARKER);
      int removed = 0;
      if (Files.exists(marker)) {
        removed = removeTemporaryFiles(absolute);
        if (removed > 0) {
          LOG.log(Level.INFO, "blob store {0}: removed {1} unfinished blob file(s) left by an unclean shutdown",
              absolute, removed);
        }
      } else {
        Files.createFile(marker, DurableFiles.ownerOnlyFile(absolute));
        DurableFiles.fsyncDirectory(absolute);
      }
      return new FileSystemBackend(absolute, options, lockChannel, lock, removed);
    } catch (IOException | RuntimeException e) {
      lock.release();
      lockChannel.close();
      throw e;
    }
  }

  /** How many unfinished temporary files the opening sweep removed. */
  public int removedAtOpen() {
    return removedAtOpen;
  }

  private static int removeTemporaryFiles(Path root) throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> level1 = Files.newDirectoryStream(root, FileSystemBackend::isShard)) {
      for (Path dir1 : level1) {
        try (DirectoryStream<Path> level2 = Files.newDirectoryStream(dir1, FileSystemBackend::isShard)) {
          for (Path dir2 : level2) {
            int before = removed;
            try (DirectoryStream<Path> temps = Files.newDirectoryStream(dir2, "*" + TEMP_SUFFIX)) {
              for (Path temp : temps) {
                Files.deleteIfExists(temp);
                removed++;
              }
            }
            if (removed > before) {
              DurableFiles.fsyncDirectory(dir2);
            }
          }
        }
      }
    }
    return removed;
  }

  private static boolean isShard(Path p) {
    String name = p.getFileName().toString();
    return name.length() == 2 && Character.digit(name.charAt(0), 16) >= 0 && Character.digit(name.charAt(1), 16) >= 0
        && Files.isDirectory(p);
  }

  Path pathOf(BlobId id) {
    return root.resolve(id.shard1()).resolve(id.shard2()).resolve(id.value() + SUFFIX);
  }

  @Override
  public int maxKeyRecordLength() {
    return BlobFileHeader.MAX_RECORD;
  }

  @Override
  public long create(BlobId id, byte[] keyRecord, ContentWriter content) throws IOException {
    Path target = pathOf(id);
    Path dir = target.getParent();
    Path temp = dir.resolve("." + id.value() + TEMP_SUFFIX);
    SinkStream sink = null;
    boolean inContent = false;
    boolean done = false;
    try {
      refuseBelowReserve(id);
      ensureShard(dir);
      long size;
      try (FileChannel channel = FileChannel.open(temp,
          Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), DurableFiles.ownerOnlyFile(dir))) {
        writeFully(channel, BlobFileHeader.create(keyRecord));
        AlignedChannelSink file = new AlignedChannelSink(channel, options.writebackBytes());
        sink = new SinkStream(options.contentSinkFilter().apply(file));
        inContent = true;
        content.writeTo(sink);
        inContent = false;
        sink.flush();
        file.awaitWriteback();
        channel.force(true);
        size = channel.size();
      }
      if (Files.exists(target)) {
        throw new BlobStoreException(id, "blob " + id + " already exists; refusing to overwrite it");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      DurableFiles.fsyncDirectory(dir);
      done = true;
      return size;
    } catch (IOException e) {
      if (e instanceof BlobStoreException) {
        throw e;
      }
      boolean sinkFailed = sink != null && sink.failure != null;
      if (inContent && !sinkFailed) {
        // Not ours: the content's own source failed. Pass it through unchanged.
        throw e;
      }
      throw classify(id, "write", sinkFailed ? sink.failure : e);
    } finally {
      if (!done) {
        deleteQuietly(temp);
      }
    }
  }

  private void refuseBelowReserve(BlobId id) throws IOException {
    if (options.reservedBytes() > 0) {
      long usable = Files.getFileStore(root).getUsableSpace();
      if (usable < options.reservedBytes()) {
        throw new StorageFullException(id, root + " (" + usable + " bytes free, reserve " + options.reservedBytes() + ")",
            null);
      }
    }
  }

  private void ensureShard(Path dir) throws IOException {
    if (!durableShards.contains(dir)) {
      DurableFiles.createDirectoriesDurably(dir);
      durableShards.add(dir);
    }
  }

  @Override
  public OpenedBlob open(BlobId id) throws IOException {
    FileChannel channel = openForReading(id);
    try {
      BlobFileHeader.Slots slots = readSlots(id, channel);
      return new OpenedBlob(slots.keyRecord(), new OffsetChannel(channel, BlobFileHeader.SIZE), channel.size());
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public KeyRecord readKeyRecord(BlobId id) throws IOException {
    try (FileChannel channel = openForReading(id)) {
      return readSlots(id, channel).keyRecord();
    }
  }

  @Override
  public void replaceKeyRecord(BlobId id, byte[] keyRecord) throws IOException {
    try (FileChannel channel = open(id, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      BlobFileHeader.Slots slots = readSlots(id, channel);
      BlobFileHeader.Slot current = slots.current();
      int free = 1 - current.index();
      // Step 1: the new record in the free slot, durable before anything else changes.
      writeFully(channel, BlobFileHeader.slot(current.generation() + 1, keyRecord),
          BlobFileHeader.slotOffset(free));
      channel.force(false);
      // Step 2: wipe the old record, so a retired KEK cannot open this blob's data key again.
      writeFully(channel, BlobFileHeader.emptySlot(), BlobFileHeader.slotOffset(current.index()));
      channel.force(false);
    } catch (IOException e) {
      if (e instanceof BlobStoreException) {
        throw e;
      }
      throw classify(id, "re-wrap the key record of", e);
    }
  }

  @Override
  public boolean exists(BlobId id) {
    return Files.isRegularFile(pathOf(id));
  }

  @Override
  public boolean delete(BlobId id) throws IOException {
    Path path = pathOf(id);
    if (!Files.deleteIfExists(path)) {
      return false;
    }
    DurableFiles.fsyncDirectory(path.getParent());
    return true;
  }

  @Override
  public void forEach(BlobVisitor visitor) throws IOException {
    try (DirectoryStream<Path> level1 = Files.newDirectoryStream(root, FileSystemBackend::isShard)) {
      for (Path dir1 : level1) {
        try (DirectoryStream<Path> level2 = Files.newDirectoryStream(dir1, FileSystemBackend::isShard)) {
          for (Path dir2 : level2) {
            try (DirectoryStream<Path> blobs = Files.newDirectoryStream(dir2, "*" + SUFFIX)) {
              for (Path blob : blobs) {
                BlobId id = idOf(blob);
                if (id != null) {
                  visitor.visit(id);
                }
              }
            }
          }
        }
      }
    }
  }

  private static BlobId idOf(Path blob) {
    String name = blob.getFileName().toString();
    try {
      return BlobId.parse(name.substring(0, name.length() - SUFFIX.length()));
    } catch (IllegalArgumentException | IndexOutOfBoundsException notOurs) {
      return null;
    }
  }

  @Override
  public String description() {
    return root.toString();
  }

  /** Removes the open marker (a clean shutdown needs no sweep next time) and releases the lock. */
  @Override
  public void close() throws IOException {
    try {
      Files.deleteIfExists(root.resolve(OPEN_MARKER));
      DurableFiles.fsyncDirectory(root);
    } finally {
      try {
        lock.release();
      } finally {
        lockChannel.close();
      }
    }
  }

  private FileChannel openForReading(BlobId id) throws IOException {
    return open(id, StandardOpenOption.READ);
  }

  private FileChannel open(BlobId id, StandardOpenOption... modes) throws IOException {
    try {
      return FileChannel.open(pathOf(id), modes);
    } catch (NoSuchFileException e) {
      throw new BlobNotFoundException(id);
    }
  }

  private static BlobFileHeader.Slots readSlots(BlobId id, FileChannel channel) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(BlobFileHeader.SIZE);
    while (header.hasRemaining()) {
      if (channel.read(header, header.position()) < 0) {
        break;
      }
    }
    header.flip();
    BlobFileHeader.Slots slots = BlobFileHeader.parse(header);
    if (slots == null) {
      throw new BlobIntegrityException(id,
          "blob " + id + " is damaged: its file header holds no intact key record (truncated or overwritten)");
    }
    return slots;
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
  }

  private static void writeFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
    long at = position;
    while (buffer.hasRemaining()) {
      at += channel.write(buffer, at);
    }
  }

  private BlobStoreException classify(BlobId id, String action, IOException e) {
    if (isNoSpace(e)) {
      return new StorageFullException(id, root.toString(), e);
    }
    return new BlobStoreException(id, "cannot " + action + " blob " + id + " in " + root + ": " + e.getMessage(), e);
  }

  /** Java reports ENOSPC and EDQUOT only through the message of the IOException. */
  static boolean isNoSpace(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t instanceof FileSystemException fse ? fse.getReason() : t.getMessage();
      if (message == null && t instanceof FileSystemException) {
        message = t.getMessage();
      }
      if (message != null && (message.contains("No space left on device") || message.contains("Disk quota exceeded"))) {
        return true;
      }
    }
    return false;
  }

  private static void deleteQuietly(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot remove the unfinished blob file {0}; it is removed at the next unclean-start sweep",
          temp);
    }
  }

  /**
   * The stream content is written to. It tells the store's own write failures from the content
   * source's (which pass through unchanged), and ignores close: the backend fsyncs and closes the file.
   */
  private static final class SinkStream extends OutputStream {

    private final OutputStream out;
    IOException failure;

    SinkStream(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try {
        out.write(b, off, len);
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        failure = e;
        throw e;
      }
    }

    @Override
    public void close() {
      // The backend owns the file; see create().
    }
  }
}
