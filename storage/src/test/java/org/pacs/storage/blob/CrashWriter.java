// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Random;
import org.pacs.storage.crypto.KekSecretSource;
import org.pacs.storage.crypto.KeyRing;
import org.pacs.storage.testing.TestStores;

/**
 * The child JVM of {@link BlobStoreCrashTest}: writes blobs (or re-wraps them) until it is killed,
 * printing each acknowledged blob on stdout only after {@code put} returned.
 *
 * <p>{@code CrashWriter <dataDir> put <seed>}: prints {@code ACK <id> <size> <storedSize> <sha256>}.
 * {@code CrashWriter <dataDir> rewrap}: rotates the KEK, prints {@code ROTATED}, then
 * {@code REWRAPPED <id>} per blob.
 */
public final class CrashWriter {

  static final BlobIdentity IDENTITY = BlobIdentity.of("2.25.1234567890");

  private CrashWriter() {}

  public static void main(String[] args) throws IOException {
    Path dataDir = Path.of(args[0]);
    PrintStream out = System.out;
    try (KeyRing keyRing = KeyRing.open(dataDir, KekSecretSource.environmentVariable(TestStores.VARIABLE),
            TestStores.FAST_KDF).keyRing();
        EncryptedBlobStore store = EncryptedBlobStore.open(dataDir, keyRing)) {
      if (args[1].equals("rewrap")) {
        keyRing.rotate();
        out.println("ROTATED");
        out.flush();
        store.rewrapAll((id, outcome) -> {
          out.println("REWRAPPED " + id);
          out.flush();
        });
        out.println("DONE");
        out.flush();
        return;
      }
      Random random = new Random(Long.parseLong(args[2]));
      while (true) {
        // Mostly multi-segment blobs, so that a kill usually lands inside a write.
        long size = 1 + random.nextInt(6 * 1024 * 1024);
        BlobRef ref = store.put(new PatternStream(size, random.nextLong()), IDENTITY);
        out.println("ACK " + ref.id() + " " + ref.size() + " " + ref.storedSize() + " " + ref.sha256());
        out.flush();
      }
    }
  }

  /** {@code size} pseudo-random bytes without holding them in memory. */
  static final class PatternStream extends InputStream {
    private final Random random;
    private long remaining;

    PatternStream(long size, long seed) {
      this.random = new Random(seed);
      this.remaining = size;
    }

    @Override
    public int read() {
      if (remaining == 0) {
        return -1;
      }
      remaining--;
      return random.nextInt(256);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (remaining == 0) {
        return -1;
      }
      int n = (int) Math.min(len, remaining);
      byte[] chunk = new byte[n];
      random.nextBytes(chunk);
      System.arraycopy(chunk, 0, b, off, n);
      remaining -= n;
      return n;
    }
  }
}
