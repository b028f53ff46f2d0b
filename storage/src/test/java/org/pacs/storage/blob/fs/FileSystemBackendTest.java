// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.storage.blob.BlobBackend;
import org.pacs.storage.blob.BlobId;
import org.pacs.storage.blob.BlobIntegrityException;
import org.pacs.storage.blob.BlobStoreException;

class FileSystemBackendTest {

  private static final byte[] RECORD_1 = "record-one".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] RECORD_2 = "record-two".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT = "ciphertext bytes".getBytes(StandardCharsets.US_ASCII);

  @TempDir
  Path root;

  BlobId create(FileSystemBackend backend) throws IOException {
    BlobId id = BlobId.random(new SecureRandom());
    backend.create(id, RECORD_1, out -> out.write(CONTENT));
    return id;
  }

  @Nested
  class Layout {

    @Test
    void shardsByTheFirstFourHexDigitsAndNamesFilesByIdOnly() throws IOException {
      try (FileSystemBackend backend = FileSystemBackend.open(root)) {
        BlobId id = BlobId.parse("abcd0123456789abcdef0123456789ab");
        long size = backend.create(id, RECORD_1, out -> out.write(CONTENT));
        Path file = root.resolve("ab/cd/abcd0123456789abcdef0123456789ab.blob");
        assertTrue(Files.isRegularFile(file));
        assertEquals(Files.size(file), size);
        assertEquals(4096 + CONTENT.length, size);
        BlobBackend.OpenedBlob opened = backend.open(id);
        try (var content = opened.content()) {
          ByteBuffer buffer = ByteBuffer.allocate(100);
          content.read(buffer);
          assertArrayEquals(CONTENT, java.util.Arrays.copyOf(buffer.array(), buffer.position()));
        }
        assertArrayEquals(RECORD_1, opened.keyRecord().bytes());
      }
    }

    @Test
    void writesContentInChunksWithBackgroundWritebackIntact() throws IOException {
      byte[] content = new byte[5 * 1024 * 1024 + 333];
      new java.util.Random(9).nextBytes(content);
      try (FileSystemBackend backend = FileSystemBackend.open(root,
          FileSystemBackend.Options.defaults().withWritebackBytes(1))) {
        BlobId id = BlobId.random(new SecureRandom());
        backend.create(id, RECORD_1, out -> {
          // Odd-sized writes, like Tink's 1 MiB + 16 byte segments.
          for (int at = 0; at < content.length; at += 1024 * 1024 + 16) {
            out.write(content, at, Math.min(1024 * 1024 + 16, content.length - at));
          }
        });
        byte[] file = Files.readAllBytes(backend.pathOf(id));
        assertArrayEquals(content, java.util.Arrays.copyOfRange(file, 4096, file.length));
      }
    }

    @Test
    void visitsEveryBlobOnce() throws IOException {
      try (FileSystemBackend backend = FileSystemBackend.open(root)) {
        List<BlobId> created = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          created.add(create(backend));
        }
        List<BlobId> seen = new ArrayList<>();
        backend.forEach(seen::add);
        assertEquals(created.stream().sorted(java.util.Comparator.comparing(BlobId::value)).toList(),
            seen.stream().sorted(java.util.Comparator.comparing(BlobId::value)).toList());
      }
    }
  }

  @Nested
  class KeyRecordSlots {

    @Test
    void replacingKeepsOneRecordAndWipesTheOld() throws IOException {
      try (FileSystemBackend backend = FileSystemBackend.open(root)) {
        BlobId id = create(backend);
        backend.replaceKeyRecord(id, RECORD_2);
        BlobBackend.KeyRecord record = backend.readKeyRecord(id);
        assertArrayEquals(RECORD_2, record.bytes());
        assertFalse(record.staleCopy());
        byte[] file = Files.readAllBytes(backend.pathOf(id));
        assertArrayEquals(new byte[1024], java.util.Arrays.copyOfRange(file, 1024, 2048), "slot 0 wiped");
        backend.replaceKeyRecord(id, RECORD_1);
        assertArrayEquals(RECORD_1, backend.readKeyRecord(id).bytes(), "slots alternate");
      }
    }

    @Test
    void aTornNewSlotFallsBackToTheIntactOldOne() throws IOException {
      try (FileSystemBackend backend = FileSystemBackend.open(root)) {
        BlobId id = create(backend);
        // As if the crash hit halfway through writing slot 1: half of a valid slot, then old zeros.
        ByteBuffer slot = BlobFileHeader.slot(2, RECORD_2);
        slot.limit(BlobFileHeader.SLOT_SIZE / 2);
        try (FileChannel file = FileChannel.open(backend.pathOf(id), StandardOpenOption.WRITE)) {
          file.write(slot, BlobFileHeader.slotOffset(1));
        }
        BlobBackend.KeyRecord record = backend.readKeyRecord(id);
        assertArrayEquals(RECORD_1, record.bytes());
        assertFalse(record.staleCopy());
      }
    }

    @Test
    void aCrashBeforeTheWipeLeavesTheNewerRecordCurrentAndTheOldMarkedStale() throws IOException {
      try (FileSystemBackend backend = FileSystemBackend.open(root)) {
        BlobId id = create(backend);
        try (FileChannel file = FileChannel.open(backend.pathOf(id), StandardOpenOption.WRITE)) {
          file.write(BlobFileHeader.slot(2, RECORD_2), BlobFileHeader.slotOffset(1));
        }
        BlobBackend.KeyRecord record = backend.readKeyRecord(id);
        assertArrayEquals(RECORD_2, record.bytes());
        assertTrue(record.staleCopy());
      }
    }

    @Test
    void aHeaderWithoutIntactSlotIsAnIntegrityErrorNamingTheBlob() throws IOException {
      try (FileSystemBackend backend = FileSystemBackend.open(root)) {
        BlobId id = create(backend);
        try (FileChannel file = FileChannel.open(backend.pathOf(id), StandardOpenOption.WRITE)) {
          file.write(ByteBuffer.wrap(new byte[] {1}), 1024 + 20);
        }
        BlobIntegrityException e = assertThrows(BlobIntegrityException.class, () -> backend.open(id));
        assertEquals(id, e.blobId().orElseThrow());
      }
    }
  }

  @Nested
  class Recovery {

    @Test
    void removesTemporaryFilesAfterAnUncleanShutdown() throws IOException {
      BlobId kept;
      try (FileSystemBackend backend = FileSystemBackend.open(root)) {
        kept = create(backend);
      }
      Path temp = root.resolve("12/34/.1234aaaaaaaaaaaaaaaaaaaaaaaaaaaa.tmp");
      Files.createDirectories(temp.getParent());
      Files.write(temp, new byte[5000]);
      Files.createFile(root.resolve(".open")); // what a killed process leaves behind
      try (FileSystemBackend backend = FileSystemBackend.open(root)) {
        assertEquals(1, backend.removedAtOpen());
        assertFalse(Files.exists(temp));
        assertTrue(backend.exists(kept));
      }
    }

    @Test
    void skipsTheSweepAfterACleanShutdown() throws IOException {
      FileSystemBackend.open(root).close();
      Path temp = root.resolve("12/34/.1234aaaaaaaaaaaaaaaaaaaaaaaaaaaa.tmp");
      Files.createDirectories(temp.getParent());
      Files.write(temp, new byte[1]);
      try (FileSystemBackend backend = FileSystemBackend.open(root)) {
        assertEquals(0, backend.removedAtOpen());
      }
    }

    @Test
    void refusesASecondOpenWhileTheFirstHoldsTheLock() throws IOException {
      try (FileSystemBackend backend = FileSystemBackend.open(root)) {
        BlobStoreException e = assertThrows(BlobStoreException.class, () -> FileSystemBackend.open(root));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
      }
    }
  }

  @Test
  void recognisesDiskFullAndQuotaErrors() {
    assertTrue(FileSystemBackend.isNoSpace(new FileSystemException("/x", null, "No space left on device")));
    assertTrue(FileSystemBackend.isNoSpace(new IOException("wrapped", new IOException("Disk quota exceeded"))));
    assertFalse(FileSystemBackend.isNoSpace(new IOException("Input/output error")));
  }
}
