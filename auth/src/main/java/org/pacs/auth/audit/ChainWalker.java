// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pacs.storage.crypto.KeyRing;

/**
 * Walks segments in order and checks every record: the framing, that sequence numbers run on without a
 * gap, and each record's MAC over its sequence, the previous record's MAC and its ciphertext. Stops at the
 * first problem and names the record. Reads each segment only up to the size it had when opened, and an
 * incomplete record at the very end of the last segment counts as an append in progress (or cut short by
 * a crash), not as damage: whether it was ever acknowledged is the head marker's business.
 *
 * <p>Record frame: {@code u32 length | u64 sequence | ciphertext | MAC[32]}, length counting what follows it.
 */
final class ChainWalker {

    static final int MAX_FRAME = 16 * 1024 * 1024;
    static final int MIN_FRAME = 8 + 1 + SegmentKey.MAC_LENGTH;

    /** Receives each record that passed its checks. */
    interface Visitor {
        void record(SegmentFile.Header header, long sequence, byte[] ciphertext, byte[] mac) throws IOException;
    }

    /** The first thing found wrong, naming the first record that cannot be trusted. */
    record Problem(long sequence, String message) {
    }

    /**
     * Where the walk ended.
     *
     * @param lastHeader header of the last segment walked (null if none)
     * @param lastSegmentEnd offset just after the last complete record of that segment
     * @param tornBytes bytes of an incomplete record after it
     * @param problem null when every record checked out
     */
    record End(long lastSequence, byte[] lastMac, long records, SegmentFile.Header lastHeader, long lastSegmentEnd,
            long tornBytes, Problem problem) {
    }

    /** Segment headers read once per walk, shared with the head marker's authentication. */
    static final class Headers {
        private final Path auditDir;
        private final KeyRing keys;
        private final Map<Integer, SegmentFile.Header> cache = new HashMap<>();

        Headers(Path auditDir, KeyRing keys) {
            this.auditDir = auditDir;
            this.keys = keys;
        }

        SegmentFile.Header get(int segment) throws IOException {
            SegmentFile.Header h = cache.get(segment);
            if (h == null) {
                try (FileChannel ch = FileChannel.open(SegmentFile.path(auditDir, segment), StandardOpenOption.READ)) {
                    h = SegmentFile.read(auditDir, ch, segment, keys);
                }
                cache.put(segment, h);
            }
            return h;
        }

        /** The segment's keys, or null when it is missing or its header does not open (for the head marker). */
        SegmentKey keyOrNull(int segment) {
            try {
                return get(segment).key();
            } catch (IOException e) {
                return null;
            }
        }
    }

    private ChainWalker() {
    }

    /**
     * Walks {@code segments} (ascending). With {@code fromStart} the chain must begin at segment 1 with
     * record 1; otherwise it is picked up from the first segment's header.
     */
    static End walk(Path auditDir, List<Integer> segments, Headers headers, boolean fromStart, Visitor visitor)
            throws IOException {
        long expected = 1;
        byte[] previousMac = new byte[SegmentKey.MAC_LENGTH];
        long records = 0;
        SegmentFile.Header header = null;
        long end = 0;
        long torn = 0;
        for (int i = 0; i < segments.size(); i++) {
            int number = segments.get(i);
            boolean last = i == segments.size() - 1;
            int wanted = i == 0 ? (fromStart ? 1 : number) : segments.get(i - 1) + 1;
            if (number != wanted) {
                return problem(expected, previousMac, records, header, end, "segment " + wanted
                        + " is missing: the records it held are gone");
            }
            try {
                header = headers.get(number);
            } catch (NoSuchFileException vanished) {
                return problem(expected, previousMac, records, header, end, "segment " + number + " vanished");
            } catch (AuditTrailException e) {
                return problem(expected, previousMac, records, header, end, e.getMessage());
            }
            if (i == 0 && !fromStart) {
                expected = header.firstSequence();
                previousMac = header.previousMac();
            } else if (header.firstSequence() != expected) {
                String why = header.firstSequence() > expected
                        ? "records " + expected + ".." + (header.firstSequence() - 1) + " are missing (segment " + number
                                + " starts at record " + header.firstSequence() + ")"
                        : "segment " + number + " starts at record " + header.firstSequence()
                                + ", which came before: records were reordered or duplicated";
                return problem(expected, previousMac, records, header, end, why);
            } else if (!SegmentKey.equal(header.previousMac(), previousMac)) {
                return problem(expected, previousMac, records, header, end, "segment " + number
                        + " does not continue the chain from record " + (expected - 1));
            }
            try (FileChannel ch = FileChannel.open(SegmentFile.path(auditDir, number), StandardOpenOption.READ)) {
                long size = ch.size();
                long pos = header.length();
                DataInputStream in = new DataInputStream(new BufferedInputStream(
                        Channels.newInputStream(ch.position(pos)), 64 * 1024));
                torn = 0;
                while (pos < size) {
                    long remaining = size - pos;
                    if (remaining < 4) {
                        torn = remaining;
                        break;
                    }
                    int length = in.readInt();
                    if (length < MIN_FRAME || length > MAX_FRAME || remaining - 4 < length) {
                        boolean incomplete = length >= MIN_FRAME && length <= MAX_FRAME;
                        if (last && (incomplete || length == 0 && onlyZeros(in, remaining - 4))) {
                            torn = remaining;
                            break;
                        }
                        String why = incomplete ? "segment " + number + " ends inside record " + expected
                                + ", and later segments follow: it was cut short"
                                : "record " + expected + " is malformed (impossible frame length " + length + ")";
                        return problem(expected, previousMac, records, header, pos, why);
                    }
                    long sequence = in.readLong();
                    byte[] ciphertext = new byte[length - 8 - SegmentKey.MAC_LENGTH];
                    in.readFully(ciphertext);
                    byte[] mac = new byte[SegmentKey.MAC_LENGTH];
                    in.readFully(mac);
                    if (sequence != expected) {
                        return problem(expected, previousMac, records, header, pos, "record " + expected
                                + " is missing or out of order (record " + sequence + " is in its place)");
                    }
                    byte[] computed = header.key().mac("pacs-audit-record", longBytes(sequence), previousMac, ciphertext);
                    if (!SegmentKey.equal(computed, mac)) {
                        return problem(expected, previousMac, records, header, pos, "record " + expected
                                + " was altered (its MAC does not match the chain)");
                    }
                    visitor.record(header, sequence, ciphertext, mac);
                    previousMac = mac;
                    expected++;
                    records++;
                    pos += 4 + length;
                }
                end = pos;
            } catch (EOFException shrunk) {
                return problem(expected, previousMac, records, header, end, "segment " + number
                        + " shrank while it was read");
            }
            if (torn > 0 && !last) {
                return problem(expected, previousMac, records, header, end, "segment " + number + " ends inside record "
                        + expected + ", and later segments follow: it was cut short");
            }
        }
        return new End(expected - 1, previousMac, records, header, end, torn, null);
    }

    private static End problem(long sequence, byte[] previousMac, long records, SegmentFile.Header header, long end,
            String message) {
        return new End(sequence - 1, previousMac, records, header, end, 0, new Problem(sequence, message));
    }

    /** A crash can leave a file extended with zeros past its last write; that is an unfinished append. */
    private static boolean onlyZeros(InputStream in, long count) throws IOException {
        byte[] buffer = new byte[8192];
        long left = count;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (buffer[i] != 0) {
                    return false;
                }
            }
            left -= n;
        }
        return true;
    }

    static byte[] longBytes(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
