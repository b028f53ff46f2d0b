// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.pacs.storage.blob.BlobId;
import org.pacs.storage.blob.BlobIdentity;
import org.pacs.storage.blob.BlobRef;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.blob.fs.FileSystemBackend;
import org.pacs.storage.crypto.BlobCipher;
import org.pacs.storage.crypto.KeyRing;
import org.pacs.storage.testing.TestStores;

/**
 * Blob storage throughput, encrypted store against plain files written by the same file backend
 * (same durability steps) on the same disk in the same run. Not a test:
 * run {@code storage/bench.sh [work directory] [--drop-caches]}.
 */
public final class StorageBenchmark {

  private static final int MIB = 1024 * 1024;
  private static final BlobIdentity IDENTITY = BlobIdentity.of("2.25.1");

  private final Path work;
  private final boolean dropCaches;
  private final StringBuilder report = new StringBuilder();

  private StorageBenchmark(Path work, boolean dropCaches) {
    this.work = work;
    this.dropCaches = dropCaches;
  }

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args.length > 0 && !args[0].startsWith("--") ? args[0] : "/tmp/pacs-storage-bench");
    boolean drop = Arrays.asList(args).contains("--drop-caches");
    deleteTree(work);
    Files.createDirectories(work);
    try {
      new StorageBenchmark(work, drop).run();
    } finally {
      deleteTree(work);
    }
  }

  private void run() throws Exception {
    Path data = work.resolve("data");
    try (KeyRing keys = TestStores.keyRing(data);
        EncryptedBlobStore store = EncryptedBlobStore.open(data, keys)) {
      PlainFiles plain = new PlainFiles(work.resolve("plain"));
      try (plain) {
      warmUp(keys, store, plain);
      cpuFigures(keys);
      line("| object size | batches × objects | plain write MB/s | encrypted write MB/s | write time ratio "
          + "(enc/plain) | plain read MB/s | encrypted read MB/s | read time ratio |");
      line("|---|---|---|---|---|---|---|---|");
      compare(store, plain, MIB / 2, 25, 16);
      compare(store, plain, 200 * MIB, 1, 9);
      line("");
      line("load average after the runs: " + Files.readString(Path.of("/proc/loadavg")).trim());
      randomRanges(store, plain);
      }
    }
    System.out.println();
    System.out.print(report);
  }

  private void line(String text) {
    report.append(text).append('\n');
    System.out.println(text);
  }

  /** C2 must compile the AES-GCM and SHA intrinsics before anything is measured. */
  private void warmUp(KeyRing keys, EncryptedBlobStore store, PlainFiles plain) throws IOException {
    byte[] data = randomBytes(8 * MIB, 1);
    for (int i = 0; i < 60; i++) {
      encryptToNowhere(keys, data);
    }
    for (int i = 0; i < 20; i++) {
      store.put(new ByteArrayInputStream(data), IDENTITY);
      plain.put(new ByteArrayInputStream(data));
    }
    System.out.println("warmed up");
  }

  private static void encryptToNowhere(KeyRing keys, byte[] data) throws IOException {
    BlobCipher cipher = keys.newBlobCipher();
    try (OutputStream out = cipher.encrypt(OutputStream.nullOutputStream(), new byte[8])) {
      out.write(data);
    }
  }

  private void cpuFigures(KeyRing keys) throws Exception {
    byte[] data = randomBytes(64 * MIB, 2);
    long t0 = System.nanoTime();
    for (int i = 0; i < 8; i++) {
      encryptToNowhere(keys, data);
    }
    double encrypt = mbPerSecond(8L * data.length, System.nanoTime() - t0);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    t0 = System.nanoTime();
    for (int i = 0; i < 8; i++) {
      sha.update(data);
    }
    sha.digest();
    double digest = mbPerSecond(8L * data.length, System.nanoTime() - t0);
    line(String.format("CPU only (one core): Tink AES256_GCM_HKDF_1MB encrypt to a null sink %.0f MB/s, "
        + "SHA-256 %.0f MB/s", encrypt, digest));
    line("");
  }

  /**
   * Alternates plain and encrypted batches so that the disk's and the neighbours' noise hits both
   * alike, and reports the median batch of each (this VM's disk swings between ~350 MB/s and
   * ~2 GB/s as the host's cache fills).
   */
  private void compare(EncryptedBlobStore store, PlainFiles plain, int size, int perBatch, int batches)
      throws IOException {
    byte[] content = randomBytes(size, size);
    double[] plainWrite = new double[batches];
    double[] encWrite = new double[batches];
    double[] plainRead = new double[batches];
    double[] encRead = new double[batches];
    long batchBytes = (long) size * perBatch;
    byte[] buffer = new byte[256 * 1024];
    for (int b = 0; b < batches; b++) {
      List<BlobId> plainIds = new ArrayList<>();
      List<BlobRef> refs = new ArrayList<>();
      boolean plainFirst = b % 2 == 0;
      for (int pass = 0; pass < 2; pass++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < perBatch; i++) {
          if (plainFirst == (pass == 0)) {
            plainIds.add(plain.put(new ByteArrayInputStream(content)));
          } else {
            refs.add(store.put(new ByteArrayInputStream(content), IDENTITY));
          }
        }
        double rate = mbPerSecond(batchBytes, System.nanoTime() - t0);
        if (plainFirst == (pass == 0)) {
          plainWrite[b] = rate;
        } else {
          encWrite[b] = rate;
        }
      }
      // Reads come from the page cache for both (the objects were just written).
      long t0 = System.nanoTime();
      for (BlobId id : plainIds) {
        try (InputStream in = plain.open(id)) {
          while (in.read(buffer) != -1) {
            // drain
          }
        }
      }
      long t1 = System.nanoTime();
      for (BlobRef ref : refs) {
        try (InputStream in = store.open(ref)) {
          while (in.read(buffer) != -1) {
            // drain
          }
        }
      }
      long t2 = System.nanoTime();
      plainRead[b] = mbPerSecond(batchBytes, t1 - t0);
      encRead[b] = mbPerSecond(batchBytes, t2 - t1);
      for (BlobId id : plainIds) {
        plain.delete(id);
      }
      for (BlobRef ref : refs) {
        store.delete(ref.id());
      }
    }
    line(String.format("| %s | %d × %d | %.0f | %.0f | %.2fx | %.0f | %.0f | %.2fx |",
        size >= MIB ? size / MIB + " MiB" : size / 1024 + " KiB", batches, perBatch,
        median(plainWrite), median(encWrite), median(plainWrite) / median(encWrite),
        median(plainRead), median(encRead), median(plainRead) / median(encRead)));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private void randomRanges(EncryptedBlobStore store, PlainFiles plain) throws IOException {
    long size = 2L * 1024 * MIB;
    // Large enough to outrun the host's write cache: the disk-bound case, plain first, then encrypted.
    long t0 = System.nanoTime();
    BlobId plainId = plain.put(new PatternStream(size));
    double plainRate = mbPerSecond(size, System.nanoTime() - t0);
    plain.delete(plainId);
    t0 = System.nanoTime();
    BlobRef ref = store.put(new PatternStream(size), IDENTITY);
    double writeRate = mbPerSecond(size, System.nanoTime() - t0);
    line("");
    line(String.format("2 GiB object written once each (fsync included): plain %.0f MB/s, encrypted %.0f MB/s, "
        + "time ratio %.2fx", plainRate, writeRate, plainRate / writeRate));
    Random random = new Random(3);
    ByteBuffer range = ByteBuffer.allocateDirect(MIB);
    for (String cache : dropCaches ? List.of("page cache hot", "page cache dropped before each read")
        : List.of("page cache hot")) {
      boolean drop = cache.contains("dropped");
      int reads = drop ? 40 : 200;
      long[] openAndRead = new long[reads];
      for (int i = 0; i < reads; i++) {
        long position = (long) (random.nextDouble() * (size - MIB));
        if (drop) {
          dropPageCache();
        }
        long start = System.nanoTime();
        try (SeekableByteChannel channel = store.openChannel(ref)) {
          channel.position(position);
          range.clear();
          while (range.hasRemaining() && channel.read(range) > 0) {
            // fill
          }
        }
        openAndRead[i] = System.nanoTime() - start;
      }
      Arrays.sort(openAndRead);
      line(String.format("Random 1 MiB range of the 2 GiB blob (%s, open + position + read, %d reads): "
          + "p50 %.2f ms, p95 %.2f ms, max %.2f ms", cache, reads, ms(openAndRead[reads / 2]),
          ms(openAndRead[reads * 95 / 100]), ms(openAndRead[reads - 1])));
    }
    store.delete(ref.id());
  }

  private static void dropPageCache() throws IOException {
    Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "1");
  }

  private static double ms(long nanos) {
    return nanos / 1e6;
  }

  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1e6 / (nanos / 1e9);
  }

  private static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /**
   * The baseline: the same file backend (temp file, background writeback, fsync, rename, directory
   * fsync, 4 KiB header) with the content copied in plaintext, no digest, no encryption.
   */
  private static final class PlainFiles implements AutoCloseable {
    private final FileSystemBackend backend;
    private final SecureRandom random = new SecureRandom();

    PlainFiles(Path root) throws IOException {
      this.backend = FileSystemBackend.open(root);
    }

    BlobId put(InputStream content) throws IOException {
      BlobId id = BlobId.random(random);
      backend.create(id, new byte[] {1}, out -> {
        byte[] buffer = new byte[256 * 1024];
        for (int n; (n = content.read(buffer)) != -1; ) {
          out.write(buffer, 0, n);
        }
      });
      return id;
    }

    InputStream open(BlobId id) throws IOException {
      return Channels.newInputStream(backend.open(id).content());
    }

    void delete(BlobId id) throws IOException {
      backend.delete(id);
    }

    @Override
    public void close() throws IOException {
      backend.close();
    }
  }

  /** {@code size} bytes of a repeating pseudo-random pattern, without holding them in memory. */
  private static final class PatternStream extends InputStream {
    private final byte[] pattern = randomBytes(MIB + 17, 5);
    private long remaining;
    private int at;

    PatternStream(long size) {
      this.remaining = size;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(Math.min(len, remaining), pattern.length - at);
      System.arraycopy(pattern, at, b, off, n);
      at = (at + n) % pattern.length;
      remaining -= n;
      return n;
    }
  }
}
