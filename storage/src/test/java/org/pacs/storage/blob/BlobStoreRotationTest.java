// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.storage.blob.fs.FileSystemBackend;
import org.pacs.storage.crypto.KekVersion;
import org.pacs.storage.crypto.KeyRing;
import org.pacs.storage.crypto.KeyRingException;
import org.pacs.storage.testing.TestStores;

/** Key rotation: blobs written before and after {@code rotate()}, re-wrapping, retiring the old KEK. */
class BlobStoreRotationTest {

  private static final BlobIdentity IDENTITY = BlobIdentity.of("1.2.3.4.5.6");
  private static final KekVersion V1 = new KekVersion(1);
  private static final KekVersion V2 = new KekVersion(2);

  @TempDir
  Path dataDir;
  KeyRing keyRing;
  FileSystemBackend backend;
  EncryptedBlobStore store;

  @BeforeEach
  void open() throws IOException {
    keyRing = TestStores.keyRing(dataDir);
    backend = FileSystemBackend.open(dataDir.resolve("blobs"));
    store = EncryptedBlobStore.open(backend, keyRing);
  }

  @AfterEach
  void close() throws IOException {
    store.close();
    keyRing.close();
  }

  void reopen() throws IOException {
    close();
    open();
  }

  BlobRef put(byte[] content) throws IOException {
    return store.put(new ByteArrayInputStream(content), IDENTITY);
  }

  KekVersion versionOf(BlobId id) throws IOException, GeneralSecurityException {
    return KeyRing.versionOf(backend.readKeyRecord(id).bytes());
  }

  Path fileOf(BlobId id) {
    return dataDir.resolve("blobs").resolve(id.shard1()).resolve(id.shard2()).resolve(id.value() + ".blob");
  }

  @Nested
  class BeforeAndAfterRotation {

    @Test
    void readsBlobsWrittenUnderEitherVersion() throws Exception {
      byte[] before = EncryptedBlobStoreTest.randomBytes(1_500_000, 1);
      BlobRef old = put(before);
      assertEquals(V2, keyRing.rotate());
      byte[] after = EncryptedBlobStoreTest.randomBytes(700_000, 2);
      BlobRef fresh = put(after);
      assertEquals(V1, versionOf(old.id()));
      assertEquals(V2, versionOf(fresh.id()));
      reopen();
      assertEquals(List.of(V1, V2), keyRing.versions());
      assertEquals(V2, keyRing.primary());
      store.verify(old);
      store.verify(fresh);
    }

    @Test
    void rewrapsOnlyWhatTheOldVersionSealedAndLeavesContentAlone() throws Exception {
      BlobRef old = put(EncryptedBlobStoreTest.randomBytes(2_500_000, 3));
      byte[] contentBefore = content(old.id());
      keyRing.rotate();
      BlobRef fresh = put(EncryptedBlobStoreTest.randomBytes(10_000, 4));
      List<BlobId> seen = new ArrayList<>();
      RewrapReport report = store.rewrapAll((id, outcome) -> {
        seen.add(id);
        assertEquals(id.equals(old.id()) ? RewrapListener.Outcome.REWRAPPED : RewrapListener.Outcome.ALREADY_CURRENT,
            outcome);
      });
      assertEquals(new RewrapReport(V2, 2, 1, 0, List.of()), report);
      assertEquals(2, seen.size());
      assertEquals(V2, versionOf(old.id()));
      assertArrayEquals(contentBefore, content(old.id()), "re-wrapping must not re-encrypt");
      assertFalse(backend.readKeyRecord(old.id()).staleCopy(), "the old key record is wiped");
      assertEquals(0, store.rewrapAll(RewrapListener.none()).rewrapped(), "a second pass has nothing to do");
      store.verify(old);
      store.verify(fresh);
    }

    byte[] content(BlobId id) throws IOException {
      byte[] file = Files.readAllBytes(fileOf(id));
      return Arrays.copyOfRange(file, 4096, file.length);
    }
  }

  @Nested
  class Retirement {

    @Test
    void retiresTheOldVersionAfterRewrappingAndEverythingStillVerifies() throws Exception {
      BlobRef old = put(EncryptedBlobStoreTest.randomBytes(300_000, 5));
      keyRing.rotate();
      BlobRef fresh = put(EncryptedBlobStoreTest.randomBytes(300_000, 6));
      store.retireKek(V1, RewrapListener.none());
      assertEquals(List.of(V2), keyRing.versions());
      reopen();
      assertEquals(List.of(V2), keyRing.versions());
      store.verify(old);
      store.verify(fresh);
    }

    @Test
    void aBlobWhoseVersionWasRetiredUnsafelyFailsWithTypedErrorNamingIt() throws Exception {
      BlobRef old = put(EncryptedBlobStoreTest.randomBytes(1000, 7));
      keyRing.rotate();
      keyRing.retire(V1); // bypasses the store's check on purpose
      BlobKeyUnavailableException e = assertThrows(BlobKeyUnavailableException.class, () -> store.open(old));
      assertEquals(old.id(), e.blobId().orElseThrow());
      assertEquals(V1, e.kekVersion());
      assertTrue(e.getMessage().contains(old.id().value()) && e.getMessage().contains("KEK v1"), e.getMessage());
    }

    @Test
    void refusesToRetireThePrimary() {
      KeyRingException e = assertThrows(KeyRingException.class, () -> store.retireKek(V1, RewrapListener.none()));
      assertTrue(e.getMessage().contains("primary"), e.getMessage());
    }

    @Test
    void refusesToRetireWhileABlobCannotBeRewrapped() throws Exception {
      BlobRef damaged = put(EncryptedBlobStoreTest.randomBytes(1000, 8));
      keyRing.rotate();
      byte[] file = Files.readAllBytes(fileOf(damaged.id()));
      // Corrupt the wrapped key but keep the slot's checksum right: only authentication can tell.
      file[1024 + 60] ^= 1;
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(file, 1024, 1020);
      java.nio.ByteBuffer.wrap(file).putInt(1024 + 1020, (int) crc.getValue());
      Files.write(fileOf(damaged.id()), file);
      KeyRingException e = assertThrows(KeyRingException.class, () -> store.retireKek(V1, RewrapListener.none()));
      assertTrue(e.getMessage().contains(damaged.id().value()), e.getMessage());
      assertEquals(List.of(V1, V2), keyRing.versions(), "nothing retired");
    }
  }

  @Test
  void rewrapsAndRetiresWhileWritersKeepWriting() throws Exception {
    Map<BlobRef, Boolean> written = new ConcurrentHashMap<>();
    for (int i = 0; i < 20; i++) {
      written.put(put(EncryptedBlobStoreTest.randomBytes(50_000 + i, i)), true);
    }
    try (ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        futures.add(writers.submit(() -> {
          for (int i = 0; i < 15; i++) {
            written.put(put(EncryptedBlobStoreTest.randomBytes(20_000 + i, 100 * seed + i)), true);
          }
          return null;
        }));
      }
      keyRing.rotate();
      store.retireKek(V1, RewrapListener.none());
      for (Future<?> f : futures) {
        f.get();
      }
    }
    reopen();
    assertEquals(List.of(V2), keyRing.versions());
    assertEquals(80, written.size());
    for (BlobRef ref : written.keySet()) {
      store.verify(ref);
    }
  }
}
