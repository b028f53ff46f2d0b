// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.storage.crypto.KeyRing;
import org.pacs.storage.testing.TestStores;

class EncryptedBlobStoreTest {

  private static final BlobIdentity IDENTITY = BlobIdentity.of("1.2.826.0.1.3680043.8.498.1");

  @TempDir
  Path dataDir;
  KeyRing keyRing;
  EncryptedBlobStore store;

  @BeforeEach
  void open() throws IOException {
    keyRing = TestStores.keyRing(dataDir);
    store = EncryptedBlobStore.open(dataDir, keyRing);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
    keyRing.close();
  }

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  BlobRef put(byte[] content) throws IOException {
    return store.put(new ByteArrayInputStream(content), IDENTITY);
  }

  Path fileOf(BlobId id) {
    return dataDir.resolve("blobs").resolve(id.shard1()).resolve(id.shard2()).resolve(id.value() + ".blob");
  }

  static byte[] readAll(SeekableByteChannel channel, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    channel.position(position);
    while (buffer.hasRemaining() && channel.read(buffer) > 0) {
      // keep reading
    }
    return buffer.array();
  }

  @Nested
  class RoundTrip {

    @Test
    void returnsTheSamePlaintextThroughStreamAndChannel() throws IOException {
      byte[] content = randomBytes(3 * 1024 * 1024 + 12345, 1);
      BlobRef ref = put(content);
      try (InputStream in = store.open(ref)) {
        assertArrayEquals(content, in.readAllBytes());
      }
      try (SeekableByteChannel channel = store.openChannel(ref)) {
        assertEquals(content.length, channel.size());
        assertArrayEquals(content, readAll(channel, 0, content.length));
      }
    }

    @Test
    void reportsSizesAndSha256OfThePlaintext() throws Exception {
      byte[] content = randomBytes(100_000, 2);
      BlobRef ref = put(content);
      assertEquals(content.length, ref.size());
      assertEquals(Files.size(fileOf(ref.id())), ref.storedSize());
      assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), ref.sha256());
      store.verify(ref);
    }

    @Test
    void readsAnyRangeOfAMultiSegmentBlob() throws IOException {
      byte[] content = randomBytes(5 * 1024 * 1024 + 7, 3);
      BlobRef ref = put(content);
      Random random = new Random(4);
      try (SeekableByteChannel channel = store.openChannel(ref)) {
        for (int i = 0; i < 20; i++) {
          int position = random.nextInt(content.length);
          int length = Math.min(content.length - position, 1 + random.nextInt(1_500_000));
          byte[] expected = new byte[length];
          System.arraycopy(content, position, expected, 0, length);
          assertArrayEquals(expected, readAll(channel, position, length), "range at " + position);
        }
      }
    }

    @Test
    void storesAnEmptyBlob() throws IOException {
      BlobRef ref = put(new byte[0]);
      assertEquals(0, ref.size());
      try (InputStream in = store.open(ref)) {
        assertEquals(-1, in.read());
      }
      store.verify(ref);
    }

    @Test
    void existsAndDeleteFollowTheBlob() throws IOException {
      BlobRef ref = put(randomBytes(1000, 5));
      assertTrue(store.exists(ref.id()));
      assertTrue(store.delete(ref.id()));
      assertFalse(store.exists(ref.id()));
      assertFalse(store.delete(ref.id()));
      BlobNotFoundException e = assertThrows(BlobNotFoundException.class, () -> store.open(ref));
      assertEquals(ref.id(), e.blobId().orElseThrow());
    }

    @Test
    void survivesReopeningTheKeyRingAndStore() throws IOException {
      byte[] content = randomBytes(2 * 1024 * 1024, 6);
      BlobRef ref = put(content);
      store.close();
      keyRing.close();
      keyRing = TestStores.keyRing(dataDir);
      store = EncryptedBlobStore.open(dataDir, keyRing);
      try (InputStream in = store.open(ref)) {
        assertArrayEquals(content, in.readAllBytes());
      }
    }

    @Test
    void passesTheSourceErrorThroughAndLeavesNothing() throws IOException {
      InputStream failing = new InputStream() {
        int served;

        @Override
        public int read() throws IOException {
          if (served++ > 2_000_000) {
            throw new IOException("peer aborted the association");
          }
          return 7;
        }
      };
      IOException e = assertThrows(IOException.class, () -> store.put(failing, IDENTITY));
      assertEquals("peer aborted the association", e.getMessage());
      assertEquals(List.of(), filesUnder(dataDir.resolve("blobs")));
    }
  }

  @Nested
  class DetectsDamage {

    BlobRef ref;
    byte[] content = randomBytes(3 * 1024 * 1024 + 999, 10);

    @BeforeEach
    void store() throws IOException {
      ref = put(content);
    }

    void flipByteAt(long position) throws IOException {
      try (FileChannel file = FileChannel.open(fileOf(ref.id()), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ByteBuffer one = ByteBuffer.allocate(1);
        file.read(one, position);
        one.put(0, (byte) (one.get(0) ^ 0x01)).rewind();
        file.write(one, position);
      }
    }

    void assertIntegrityErrorEverywhere(BlobRef reference) {
      BlobIntegrityException viaVerify = assertThrows(BlobIntegrityException.class, () -> store.verify(reference));
      assertEquals(reference.id(), viaVerify.blobId().orElseThrow());
      assertTrue(viaVerify.getMessage().contains(reference.id().value()), viaVerify.getMessage());
      assertThrows(BlobIntegrityException.class, () -> {
        try (InputStream in = store.open(reference)) {
          in.transferTo(OutputStreamSink.INSTANCE);
        }
      });
    }

    @Test
    void detectsAFlippedByteInTheFirstSegment() throws IOException {
      flipByteAt(4096 + 100);
      assertIntegrityErrorEverywhere(ref);
    }

    @Test
    void detectsAFlippedByteInTheLastSegmentWithoutHandingOutItsBytes() throws IOException {
      long last = Files.size(fileOf(ref.id())) - 20;
      flipByteAt(last);
      assertIntegrityErrorEverywhere(ref);
      // The segments before the damaged one are authentic and may be read; the damaged one never.
      try (SeekableByteChannel channel = store.openChannel(ref)) {
        assertArrayEquals(java.util.Arrays.copyOf(content, 1000), readAll(channel, 0, 1000));
        assertThrows(BlobIntegrityException.class, () -> readAll(channel, content.length - 10, 10));
      }
    }

    @Test
    void detectsAFlippedByteInTheKeyRecord() throws IOException {
      flipByteAt(1024 + 40);
      BlobIntegrityException e = assertThrows(BlobIntegrityException.class, () -> store.open(ref));
      assertEquals(ref.id(), e.blobId().orElseThrow());
    }

    @Test
    void detectsTruncationAtOpen() throws IOException {
      truncateTo(Files.size(fileOf(ref.id())) - 1);
      assertThrows(BlobIntegrityException.class, () -> store.open(ref));
      assertThrows(BlobIntegrityException.class, () -> store.openChannel(ref));
    }

    @Test
    void detectsTruncationAtASegmentBoundaryEvenWithAMatchingReference() throws IOException {
      // Cut exactly after the first two 1 MiB segments, and lie about the size: authentication still fails.
      long cut = 4096 + 24 + 2L * (1024 * 1024);
      truncateTo(cut);
      BlobRef lying = new BlobRef(ref.id(), ref.identity(), ref.size(), cut, ref.sha256());
      assertIntegrityErrorEverywhere(lying);
    }

    @Test
    void detectsTwoBlobFilesSwappedOnDisk() throws IOException {
      BlobRef other = put(randomBytes(content.length, 11));
      Path a = fileOf(ref.id());
      Path b = fileOf(other.id());
      Path swap = a.resolveSibling("swap");
      Files.move(a, swap);
      Files.move(b, a);
      Files.move(swap, b);
      BlobRef sameSizeA = new BlobRef(ref.id(), ref.identity(), ref.size(), Files.size(a), ref.sha256());
      assertIntegrityErrorEverywhere(sameSizeA);
    }

    @Test
    void detectsAReferenceWithAnotherIdentity() {
      BlobRef wrongIdentity = new BlobRef(ref.id(), BlobIdentity.of("1.2.3.4"), ref.size(), ref.storedSize(),
          ref.sha256());
      assertIntegrityErrorEverywhere(wrongIdentity);
    }

    @Test
    void detectsAReferenceWithAnotherDigest() {
      BlobRef wrongDigest = new BlobRef(ref.id(), ref.identity(), ref.size(), ref.storedSize(), "0".repeat(64));
      BlobIntegrityException e = assertThrows(BlobIntegrityException.class, () -> store.verify(wrongDigest));
      assertEquals(ref.id(), e.blobId().orElseThrow());
    }

    @Test
    void refusesABlobOpenedWithAnotherArchivesKeystore(@TempDir Path otherDataDir) throws IOException {
      store.close();
      keyRing.close();
      // Same secret, different keystore: its KEK v1 is another key.
      Files.copy(fileOf(ref.id()), otherDataDir.resolve("copied.blob"));
      keyRing = TestStores.keyRing(otherDataDir);
      store = EncryptedBlobStore.open(otherDataDir, keyRing);
      Path target = otherDataDir.resolve("blobs").resolve(ref.id().shard1()).resolve(ref.id().shard2());
      Files.createDirectories(target);
      Files.move(otherDataDir.resolve("copied.blob"), target.resolve(ref.id().value() + ".blob"));
      BlobIntegrityException e = assertThrows(BlobIntegrityException.class, () -> store.open(ref));
      assertEquals(ref.id(), e.blobId().orElseThrow());
    }

    void truncateTo(long size) throws IOException {
      try (FileChannel file = FileChannel.open(fileOf(ref.id()), StandardOpenOption.WRITE)) {
        file.truncate(size);
      }
    }
  }

  static List<Path> filesUnder(Path dir) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".lock"))
          .filter(p -> !p.getFileName().toString().equals(".open")).forEach(files::add);
    }
    return files;
  }

  /** Discards bytes. */
  static final class OutputStreamSink extends java.io.OutputStream {
    static final OutputStreamSink INSTANCE = new OutputStreamSink();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }

  @Test
  void keepsNoPlaintextMarkerAnywhereUnderTheDataDirectory() throws IOException {
    String marker = "PATIENT^MARKER^ZQXJ-7731";
    byte[] repeated = (marker + " ").repeat(50_000).getBytes(StandardCharsets.US_ASCII);
    BlobIdentity identity = BlobIdentity.of("2.25.77310000000000000000000000001");
    store.put(new ByteArrayInputStream(repeated), identity);
    store.put(new ByteArrayInputStream(marker.getBytes(StandardCharsets.UTF_16LE)), identity);
    List<byte[]> needles = List.of(marker.getBytes(StandardCharsets.US_ASCII),
        marker.getBytes(StandardCharsets.UTF_16LE), marker.getBytes(StandardCharsets.UTF_16BE),
        identity.value().getBytes(StandardCharsets.US_ASCII), TestStores.SECRET.getBytes(StandardCharsets.US_ASCII));
    try (Stream<Path> walk = Files.walk(dataDir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        byte[] bytes = Files.readAllBytes(file);
        for (byte[] needle : needles) {
          assertFalse(contains(bytes, needle), file + " holds a plaintext marker");
        }
        assertFalse(file.toString().contains(marker) || file.toString().contains(identity.value()));
      }
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
