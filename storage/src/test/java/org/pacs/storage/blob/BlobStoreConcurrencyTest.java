// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.storage.crypto.KeyRing;
import org.pacs.storage.testing.TestStores;

class BlobStoreConcurrencyTest {

  @TempDir
  Path dataDir;

  @Test
  void concurrentWritersAndReadersEachGetTheirOwnIntactBlob() throws Exception {
    Map<BlobRef, byte[]> written = new ConcurrentHashMap<>();
    try (KeyRing keyRing = TestStores.keyRing(dataDir);
        EncryptedBlobStore store = EncryptedBlobStore.open(dataDir, keyRing);
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        futures.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 12; i++) {
            byte[] content = EncryptedBlobStoreTest.randomBytes(1000 + 37_000 * i + thread, 1000L * thread + i);
            BlobRef ref = store.put(new ByteArrayInputStream(content),
                BlobIdentity.of("2.25." + thread + "." + i));
            written.put(ref, content);
            // Read back someone's blob while others are writing.
            BlobRef any = written.keySet().iterator().next();
            try (InputStream in = store.open(any)) {
              assertArrayEquals(written.get(any), in.readAllBytes());
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get();
      }
      assertEquals(96, written.size());
      assertEquals(96, new HashSet<>(written.keySet().stream().map(BlobRef::id).toList()).size());
      for (Map.Entry<BlobRef, byte[]> e : written.entrySet()) {
        try (InputStream in = store.open(e.getKey())) {
          assertArrayEquals(e.getValue(), in.readAllBytes());
        }
      }
    }
  }

  @Test
  void aSecondStoreOnTheSameDirectoryIsRefused() throws IOException {
    try (KeyRing keyRing = TestStores.keyRing(dataDir);
        EncryptedBlobStore store = EncryptedBlobStore.open(dataDir, keyRing)) {
      org.junit.jupiter.api.Assertions.assertThrows(BlobStoreException.class,
          () -> EncryptedBlobStore.open(dataDir, keyRing));
      org.junit.jupiter.api.Assertions.assertThrows(org.pacs.storage.crypto.KeyRingException.class,
          () -> TestStores.keyRing(dataDir));
    }
  }
}
