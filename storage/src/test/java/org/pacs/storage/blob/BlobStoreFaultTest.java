// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.storage.blob.fs.FileSystemBackend;
import org.pacs.storage.crypto.KeyRing;
import org.pacs.storage.testing.TestStores;

/** Write failures: disk full (through a fault-injecting sink), the free-space reserve, other I/O errors. */
class BlobStoreFaultTest {

  private static final BlobIdentity IDENTITY = BlobIdentity.of("1.2.3");

  @TempDir
  Path dataDir;
  KeyRing keyRing;
  EncryptedBlobStore store;

  EncryptedBlobStore open(FileSystemBackend.Options options) throws IOException {
    keyRing = TestStores.keyRing(dataDir);
    store = EncryptedBlobStore.open(FileSystemBackend.open(dataDir.resolve("blobs"), options), keyRing);
    return store;
  }

  @AfterEach
  void close() throws IOException {
    store.close();
    keyRing.close();
  }

  /** A sink that fails like the kernel does once {@code limit} bytes were written. */
  static UnaryOperator<OutputStream> failingAfter(long limit, String reason) {
    return out -> new FilterOutputStream(out) {
      long written;

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (written + len > limit) {
          throw new IOException(reason);
        }
        written += len;
        out.write(b, off, len);
      }
    };
  }

  @Test
  void reportsDiskFullAsTypedErrorAndLeavesNoPartialBlob() throws IOException {
    open(FileSystemBackend.Options.defaults().withContentSinkFilter(failingAfter(3 * 1024 * 1024, "No space left on device")));
    BlobRef small = store.put(new ByteArrayInputStream(new byte[100_000]), IDENTITY);
    StorageFullException e = assertThrows(StorageFullException.class,
        () -> store.put(new ByteArrayInputStream(new byte[8 * 1024 * 1024]), IDENTITY));
    BlobId failed = e.blobId().orElseThrow();
    assertTrue(e.getMessage().contains(failed.value()), e.getMessage());
    assertFalse(store.exists(failed));
    assertEquals(List.of(fileOf(small.id())), EncryptedBlobStoreTest.filesUnder(dataDir.resolve("blobs")),
        "only the earlier blob remains: no temporary file, no partial blob");
    store.verify(small);
  }

  @Test
  void refusesWritesBelowTheReserveBeforeWritingAnything() throws IOException {
    open(FileSystemBackend.Options.defaults().withReservedBytes(Long.MAX_VALUE));
    assertThrows(StorageFullException.class, () -> store.put(new ByteArrayInputStream(new byte[10]), IDENTITY));
    assertEquals(List.of(), EncryptedBlobStoreTest.filesUnder(dataDir.resolve("blobs")));
  }

  @Test
  void reportsOtherWriteErrorsAsStoreErrorsNamingTheBlob() throws IOException {
    open(FileSystemBackend.Options.defaults().withContentSinkFilter(failingAfter(0, "Input/output error")));
    BlobStoreException e = assertThrows(BlobStoreException.class,
        () -> store.put(new ByteArrayInputStream(new byte[2 * 1024 * 1024]), IDENTITY));
    assertFalse(e instanceof StorageFullException);
    assertInstanceOf(IOException.class, e.getCause());
    assertTrue(e.getMessage().contains(e.blobId().orElseThrow().value()), e.getMessage());
    assertEquals(List.of(), EncryptedBlobStoreTest.filesUnder(dataDir.resolve("blobs")));
  }

  Path fileOf(BlobId id) {
    return dataDir.resolve("blobs").resolve(id.shard1()).resolve(id.shard2()).resolve(id.value() + ".blob");
  }
}
