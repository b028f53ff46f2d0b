// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob.fs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.pacs.storage.blob.BlobBackend.KeyRecord;

/**
 * The first 4 KiB of a blob file. Two key-record slots let a record be replaced in place without
 * copying the content: the new record goes to the free slot with a higher generation and is
 * fsynced before the old slot is wiped, so a crash leaves at least one intact record. A CRC-32C
 * tells torn slots apart; authenticity is the key ring's business, not this header's.
 *
 * <pre>
 * 0     "PACSBLB1"  | u32 content offset (4096)
 * 1024  slot 0: "KREC" | u64 generation | u16 length | record | zeros | u32 CRC-32C of bytes 0..1019
 * 2048  slot 1: same layout
 * 4096  content (Tink streaming ciphertext)
 * </pre>
 */
final class BlobFileHeader {

  static final int SIZE = 4096;
  static final int SLOT_SIZE = 1024;
  static final int MAX_RECORD = SLOT_SIZE - 4 - 8 - 2 - 4;
  private static final byte[] MAGIC = "PACSBLB1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SLOT_MAGIC = "KREC".getBytes(StandardCharsets.US_ASCII);
  private static final int CRC_AT = SLOT_SIZE - 4;

  /** One parsed slot. */
  record Slot(int index, long generation, byte[] record) {}

  /** Both slots as found: {@code current} is the intact slot with the highest generation. */
  record Slots(Slot current, Slot other) {
    KeyRecord keyRecord() {
      return new KeyRecord(current.record(), other != null);
    }
  }

  private BlobFileHeader() {}

  static long slotOffset(int index) {
    return SLOT_SIZE * (1L + index);
  }

  /** The header of a new blob: its record in slot 0, generation 1, slot 1 empty. */
  static ByteBuffer create(byte[] record) {
    ByteBuffer header = ByteBuffer.allocate(SIZE);
    header.put(MAGIC).putInt(SIZE);
    header.put((int) slotOffset(0), slot(1, record).array());
    return header.clear();
  }

  static ByteBuffer slot(long generation, byte[] record) {
    if (record.length > MAX_RECORD) {
      throw new IllegalArgumentException("key record of " + record.length + " bytes exceeds " + MAX_RECORD);
    }
    ByteBuffer slot = ByteBuffer.allocate(SLOT_SIZE);
    slot.put(SLOT_MAGIC).putLong(generation).putShort((short) record.length).put(record);
    CRC32C crc = new CRC32C();
    crc.update(slot.array(), 0, CRC_AT);
    slot.putInt(CRC_AT, (int) crc.getValue());
    return slot.clear();
  }

  static ByteBuffer emptySlot() {
    return ByteBuffer.allocate(SLOT_SIZE);
  }

  /**
   * Parses a whole header.
   *
   * @return the slots, or {@code null} when no slot is intact or the file is not a blob file
   */
  static Slots parse(ByteBuffer header) {
    if (header.remaining() < SIZE) {
      return null;
    }
    byte[] bytes = new byte[SIZE];
    header.get(bytes);
    if (!Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)
        || ByteBuffer.wrap(bytes).getInt(MAGIC.length) != SIZE) {
      return null;
    }
    Slot a = parseSlot(bytes, 0);
    Slot b = parseSlot(bytes, 1);
    if (a == null && b == null) {
      return null;
    }
    if (a == null || (b != null && b.generation() > a.generation())) {
      return new Slots(b, a);
    }
    return new Slots(a, b);
  }

  private static Slot parseSlot(byte[] header, int index) {
    int at = (int) slotOffset(index);
    ByteBuffer slot = ByteBuffer.wrap(header, at, SLOT_SIZE).slice();
    CRC32C crc = new CRC32C();
    crc.update(header, at, CRC_AT);
    if ((int) crc.getValue() != slot.getInt(CRC_AT)
        || !Arrays.equals(header, at, at + 4, SLOT_MAGIC, 0, 4)) {
      return null;
    }
    long generation = slot.getLong(4);
    int length = Short.toUnsignedInt(slot.getShort(12));
    if (generation < 1 || length == 0 || length > MAX_RECORD) {
      return null;
    }
    return new Slot(index, generation, Arrays.copyOfRange(header, at + 14, at + 14 + length));
  }
}
