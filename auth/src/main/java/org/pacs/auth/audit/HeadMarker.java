// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * {@code audit/head}: the last durable record's sequence number and MAC, authenticated with the MAC key of
 * the segment it names. Without it, deleting the newest records would leave a shorter chain that still
 * verifies. Two fixed slots are written alternately in place (one {@code pwrite} and fsync per update),
 * so a torn write spoils at most the slot being written and the other still holds the previous state.
 *
 * <pre>slot (at 0 and 128): "PACSHEAD" | u64 sequence | u32 segment | last MAC[32] | slot MAC[32]</pre>
 */
final class HeadMarker {

    private static final byte[] MAGIC = "PACSHEAD".getBytes(StandardCharsets.US_ASCII);
    private static final int SLOT_SIZE = 128;
    private static final int SLOT_BODY = MAGIC.length + 8 + 4 + SegmentKey.MAC_LENGTH;

    /** The state a head slot records. */
    record State(long sequence, int segment, byte[] lastMac) {
    }

    /** Looks up the keys of a segment; null when the segment does not exist or cannot be opened. */
    interface Keys {
        SegmentKey of(int segment);
    }

    private final FileChannel channel;
    private int nextSlot;

    private HeadMarker(FileChannel channel, int nextSlot) {
        this.channel = channel;
        this.nextSlot = nextSlot;
    }

    /** The raw bytes of the head file, read before the segments so a concurrent append cannot overtake it. */
    static Optional<byte[]> readRaw(Path auditDir) throws IOException {
        try {
            byte[] bytes = Files.readAllBytes(auditDir.resolve(SegmentFile.HEAD_FILE));
            return Optional.of(bytes.length > 2 * SLOT_SIZE ? Arrays.copyOf(bytes, 2 * SLOT_SIZE) : bytes);
        } catch (NoSuchFileException absent) {
            return Optional.empty();
        }
    }

    /**
     * The newest slot that authenticates, which slot that was (0 or 1), how many slots authenticate and
     * the other one's sequence (-1 if it does not).
     */
    record Latest(State state, int slot, int validSlots, long otherSequence) {

        /**
         * Why the head marker cannot vouch for the end of a chain ending at {@code chainEnd}, or null. Every
         * head update names a later record than the one before and is written after that record is on
         * disk, so after the first update both slots authenticate and differ; a slot spoiled by a crash
         * leaves records after the other slot's. Spoiling or copying the newer slot to hide the newest
         * records therefore shows; only an older copy of the whole head file goes unnoticed.
         */
        String doubt(long chainEnd) {
            long sequence = state.sequence();
            if (validSlots == 2 && otherSequence == sequence) {
                return "both head marker slots name record " + sequence + ": one was copied over the other";
            }
            if (validSlots < 2 && sequence > 0 && chainEnd <= sequence) {
                return "only one head marker slot authenticates and no record follows record " + sequence
                        + ", the one it names: the newest records may have been removed with the other slot";
            }
            return null;
        }
    }

    /** @throws AuditTrailException no slot authenticates */
    static Latest authenticate(byte[] raw, Keys keys) throws AuditTrailException {
        Latest best = null;
        int valid = 0;
        long[] sequences = {-1, -1};
        for (int slot = 0; slot < 2; slot++) {
            int offset = slot * SLOT_SIZE;
            if (raw.length < offset + SLOT_BODY + SegmentKey.MAC_LENGTH) {
                continue;
            }
            ByteBuffer b = ByteBuffer.wrap(raw, offset, SLOT_BODY + SegmentKey.MAC_LENGTH);
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                continue;
            }
            long sequence = b.getLong();
            int segment = b.getInt();
            byte[] lastMac = new byte[SegmentKey.MAC_LENGTH];
            b.get(lastMac);
            byte[] stored = new byte[SegmentKey.MAC_LENGTH];
            b.get(stored);
            SegmentKey key = segment > 0 ? keys.of(segment) : null;
            if (key == null || !SegmentKey.equal(stored, key.mac("pacs-audit-head", Arrays.copyOfRange(raw, offset,
                    offset + SLOT_BODY)))) {
                continue;
            }
            valid++;
            sequences[slot] = sequence;
            if (best == null || sequence > best.state().sequence()) {
                best = new Latest(new State(sequence, segment, lastMac), slot, 0, -1);
            }
        }
        if (best == null) {
            throw new AuditTrailException("the head marker is damaged: no slot authenticates");
        }
        return new Latest(best.state(), best.slot(), valid, sequences[best.slot() ^ 1]);
    }

    /** Opens the head file for updates, continuing in the slot after {@code lastWrittenSlot}. */
    static HeadMarker openForUpdate(Path auditDir, int lastWrittenSlot) throws IOException {
        Path file = auditDir.resolve(SegmentFile.HEAD_FILE);
        boolean created = !Files.exists(file);
        FileChannel ch = FileChannel.open(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE), SegmentFile.ownerOnly(auditDir));
        if (created) {
            SegmentFile.fsyncDirectory(auditDir);
        }
        return new HeadMarker(ch, lastWrittenSlot ^ 1);
    }

    /** Records {@code state} durably in the next slot. */
    void write(State state, SegmentKey key) throws IOException {
        writeUnforced(state, key);
        channel.force(false);
    }

    /**
     * Writes the next slot without waiting for the disk: the page cache has it at once (a crash of the
     * process loses nothing), and {@link #force} makes it durable later. The record it names is already
     * durable, so a power cut before the force leaves an older head, which verification accepts.
     */
    void writeUnforced(State state, SegmentKey key) throws IOException {
        ByteBuffer body = ByteBuffer.allocate(SLOT_BODY).put(MAGIC).putLong(state.sequence()).putInt(state.segment())
                .put(state.lastMac());
        byte[] mac = key.mac("pacs-audit-head", body.array());
        ByteBuffer slot = ByteBuffer.allocate(SLOT_BODY + SegmentKey.MAC_LENGTH).put(body.array()).put(mac).flip();
        SegmentFile.writeFully(channel, slot, (long) nextSlot * SLOT_SIZE);
        nextSlot ^= 1;
    }

    void force() throws IOException {
        channel.force(false);
    }

    void close() throws IOException {
        channel.close();
    }
}
