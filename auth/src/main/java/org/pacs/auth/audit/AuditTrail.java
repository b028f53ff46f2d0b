// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.pacs.storage.crypto.KekVersion;
import org.pacs.storage.crypto.KeyRing;

/**
 * The archive's one audit writer (PS3.15 §A.5 messages, stored in {@code <data>/audit/}). Records are
 * appended, never changed: each is encrypted with its segment's data key and carries an HMAC-SHA256 over
 * its sequence number, the previous record's MAC and its ciphertext, so altering, removing or reordering
 * records breaks the chain; the authenticated head marker makes removing the newest records visible too.
 * {@link AuditTrailReader} verifies and reads the trail, also while this writer appends.
 *
 * <p>{@link #append} returns once the record is on disk (fsync of the segment). The head marker naming it
 * is written at once and forced within {@link #HEAD_FORCE_INTERVAL}: a power cut in between leaves a head
 * naming an earlier record, which verification accepts (records after the head are allowed); the window in
 * which the newest records could be cut off unnoticed is that interval.
 * Appenders that arrive while an fsync runs share the next one (group commit without a timer), so the
 * cost per record falls as load rises and no acknowledged record waits in memory. Segments rotate at a
 * size limit and at the UTC day boundary. Thread-safe; one writer per data directory (file lock).
 *
 * <pre>{@code
 * try (AuditTrail trail = AuditTrail.open(dataDir, keyRing)) {
 *     trail.append(events.store(Actor.ae("CT1", "10.0.0.5"), PatientStudies.of(patientId, studyUid)));
 * }
 * }</pre>
 */
public final class AuditTrail implements AutoCloseable {

    /** Directory under the data directory that holds the trail. */
    public static final String DIRECTORY = "audit";
    public static final long DEFAULT_MAX_SEGMENT_BYTES = 16L * 1024 * 1024;
    /** Largest audit message accepted (a C-FIND identifier is a few KiB). */
    public static final int MAX_MESSAGE_BYTES = 8 * 1024 * 1024;

    /**
     * @param maxSegmentBytes a segment that reached this size is closed and a new one started
     * @param clock EventDateTime is the caller's; this clock only decides the day rotation
     * @param sinks called after each durable append, e.g. a {@link SyslogTlsForwarder}
     */
    public record Options(long maxSegmentBytes, Clock clock, List<AuditSink> sinks) {
        public Options {
            if (maxSegmentBytes < 4096) {
                throw new IllegalArgumentException("maxSegmentBytes must be at least 4096");
            }
            sinks = List.copyOf(sinks);
        }

        public static Options defaults() {
            return new Options(DEFAULT_MAX_SEGMENT_BYTES, Clock.systemUTC(), List.of());
        }

        public Options withSinks(AuditSink... more) {
            return new Options(maxSegmentBytes, clock, List.of(more));
        }

        public Options withMaxSegmentBytes(long bytes) {
            return new Options(bytes, clock, sinks);
        }

        public Options withClock(Clock newClock) {
            return new Options(maxSegmentBytes, newClock, sinks);
        }
    }

    private static final class Segment {
        final SegmentFile.Header header;
        final FileChannel channel;
        long size;

        Segment(SegmentFile.Header header, FileChannel channel, long size) {
            this.header = header;
            this.channel = channel;
            this.size = size;
        }
    }

    private final Path dir;
    private final KeyRing keys;
    private final Options options;
    private final SecureRandom random;
    private final FileChannel lockChannel;
    private final FileLock fileLock;
    /** Guards the chain state and the segment being written; held for the write, not for the fsync. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Serializes fsync and head updates; taken before {@link #lock} when both are needed. */
    private final ReentrantLock syncLock = new ReentrantLock();
    private final HeadMarker head;
    private Segment current;
    private long lastSequence;
    private byte[] lastMac;
    private boolean closed;
    private IOException failure;
    private long durableSequence;
    /** The head marker was written since its last fsync; guarded by {@link #syncLock}. */
    private boolean headDirty;
    private final Thread headFlusher;
    static final long HEAD_FORCE_INTERVAL = 200; // ms

    private AuditTrail(Path dir, KeyRing keys, Options options, SecureRandom random, FileChannel lockChannel,
            FileLock fileLock, HeadMarker head, Segment current, long lastSequence, byte[] lastMac) {
        this.dir = dir;
        this.keys = keys;
        this.options = options;
        this.random = random;
        this.lockChannel = lockChannel;
        this.fileLock = fileLock;
        this.head = head;
        this.current = current;
        this.lastSequence = lastSequence;
        this.lastMac = lastMac;
        this.durableSequence = lastSequence;
        this.headFlusher = Thread.ofVirtual().name("audit-head-flusher").start(this::flushHeadPeriodically);
    }

    public static AuditTrail open(Path dataDirectory, KeyRing keys) throws IOException {
        return open(dataDirectory, keys, Options.defaults());
    }

    /**
     * Opens the trail of {@code dataDirectory}, creating it at first use. An append cut short by a crash
     * (never acknowledged) is cut off.
     *
     * @throws AuditTrailException another process writes the trail, or its newest segment or head marker
     *     is damaged: appending would bury the evidence, so the trail is left as found (see
     *     {@code pacs audit verify}); the operator decides, e.g. moves {@code audit/} aside for forensics
     */
    public static AuditTrail open(Path dataDirectory, KeyRing keys, Options options) throws IOException {
        Path dir = dataDirectory.resolve(DIRECTORY);
        SegmentFile.createDirectory(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(SegmentFile.LOCK_FILE),
                Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE), SegmentFile.ownerOnly(dir));
        FileLock fileLock;
        try {
            fileLock = lockChannel.tryLock();
        } catch (OverlappingFileLockException inThisProcess) {
            fileLock = null;
        }
        if (fileLock == null) {
            lockChannel.close();
            throw new AuditTrailInUseException("the audit trail in " + dir + " is already open for writing");
        }
        try {
            return recover(dir, keys, options, lockChannel, fileLock);
        } catch (IOException | RuntimeException e) {
            fileLock.release();
            lockChannel.close();
            throw e;
        }
    }

    private static AuditTrail recover(Path dir, KeyRing keys, Options options, FileChannel lockChannel,
            FileLock fileLock) throws IOException {
        SecureRandom random = new SecureRandom();
        byte[] zeros = new byte[SegmentKey.MAC_LENGTH];
        Optional<byte[]> rawHead = HeadMarker.readRaw(dir);
        List<Integer> segments = SegmentFile.list(dir);
        if (segments.isEmpty()) {
            if (rawHead.isPresent()) {
                throw damaged("the head marker exists but no segment does: the trail was removed", 1);
            }
            SegmentFile.Header first = SegmentFile.create(dir, 1, 1, zeros, options.clock().instant(), keys, random);
            HeadMarker head = HeadMarker.openForUpdate(dir, 1);
            head.write(new HeadMarker.State(0, 1, zeros), first.key());
            FileChannel ch = FileChannel.open(SegmentFile.path(dir, 1), StandardOpenOption.WRITE);
            return new AuditTrail(dir, keys, options, random, lockChannel, fileLock, head,
                    new Segment(first, ch, first.length()), 0, zeros);
        }
        ChainWalker.Headers headers = new ChainWalker.Headers(dir, keys);
        HeadMarker.Latest latest;
        if (rawHead.isPresent()) {
            latest = HeadMarker.authenticate(rawHead.get(), headers::keyOrNull);
        } else if (segments.equals(List.of(1))
                && Files.size(SegmentFile.path(dir, 1)) == headers.get(1).length()) {
            // A crash between creating the first segment and its head marker: nothing was ever recorded.
            latest = new HeadMarker.Latest(new HeadMarker.State(0, 1, zeros), 1, 2, -1);
        } else {
            throw damaged("the head marker is missing", -1);
        }
        HeadMarker.State state = latest.state();
        int from = segments.indexOf(state.segment());
        if (from < 0) {
            throw damaged("the head marker names segment " + state.segment() + ", which is missing", state.sequence());
        }
        byte[][] macAtHead = new byte[1][];
        ChainWalker.End end = ChainWalker.walk(dir, segments.subList(from, segments.size()), headers, false,
                (h, sequence, ciphertext, mac) -> {
                    if (sequence == state.sequence()) {
                        macAtHead[0] = mac;
                    }
                });
        if (end.problem() != null) {
            throw damaged(end.problem().message(), end.problem().sequence());
        }
        SegmentFile.Header headSegment = headers.get(state.segment());
        if (state.sequence() == headSegment.firstSequence() - 1) {
            macAtHead[0] = headSegment.previousMac();
        }
        if (state.sequence() > end.lastSequence()) {
            throw damaged("records " + (end.lastSequence() + 1) + ".." + state.sequence()
                    + " were removed from the end of the trail", end.lastSequence() + 1);
        }
        if (macAtHead[0] == null || !SegmentKey.equal(macAtHead[0], state.lastMac())) {
            throw damaged("record " + state.sequence() + " is not the one the head marker names", state.sequence());
        }
        String doubt = latest.doubt(end.lastSequence());
        if (doubt != null) {
            throw damaged(doubt, state.sequence() + 1);
        }
        SegmentFile.Header last = end.lastHeader();
        FileChannel ch = FileChannel.open(SegmentFile.path(dir, last.segment()), StandardOpenOption.WRITE);
        try {
            if (end.tornBytes() > 0) {
                ch.truncate(end.lastSegmentEnd());
                ch.force(true);
            }
            HeadMarker head = HeadMarker.openForUpdate(dir, latest.slot());
            if (end.lastSequence() > state.sequence() || rawHead.isEmpty()) {
                // Records made durable before a crash, whose head update was lost.
                head.write(new HeadMarker.State(end.lastSequence(), last.segment(), end.lastMac()), last.key());
            }
            return new AuditTrail(dir, keys, options, random, lockChannel, fileLock, head,
                    new Segment(last, ch, end.lastSegmentEnd()), end.lastSequence(), end.lastMac());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static AuditTrailException damaged(String why, long sequence) {
        String at = sequence > 0 ? " at record " + sequence : "";
        return new AuditTrailException("the audit trail is damaged" + at + ": " + why
                + ". It is left as found; run 'pacs audit verify'", sequence, null);
    }

    /**
     * Appends {@code event} and returns once it is durable, then hands it to the sinks.
     *
     * @throws AuditTrailException the trail is closed, or an earlier write failure left it unusable
     * @throws IllegalArgumentException the message is larger than {@link #MAX_MESSAGE_BYTES}
     */
    public AuditRecord append(AuditEvent event) throws IOException {
        byte[] xml = AuditMessageXml.write(event);
        if (xml.length > MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("audit message of " + xml.length + " bytes exceeds " + MAX_MESSAGE_BYTES);
        }
        long sequence;
        lock.lock();
        try {
            ensureUsable();
            rotateIfDue();
            sequence = lastSequence + 1;
            Segment segment = current;
            SegmentKey key = segment.header.key();
            byte[] ciphertext = key.encrypt(xml, recordContext(segment.header.segment(), sequence));
            byte[] mac = key.mac("pacs-audit-record", ChainWalker.longBytes(sequence), lastMac, ciphertext);
            int length = 8 + ciphertext.length + SegmentKey.MAC_LENGTH;
            ByteBuffer frame = ByteBuffer.allocate(4 + length).putInt(length).putLong(sequence).put(ciphertext).put(mac)
                    .flip();
            try {
                SegmentFile.writeFully(segment.channel, frame, segment.size);
            } catch (IOException e) {
                rollBack(segment, e);
                throw e;
            }
            segment.size += frame.capacity();
            lastSequence = sequence;
            lastMac = mac;
        } finally {
            lock.unlock();
        }
        makeDurable(sequence);
        AuditRecord record = new AuditRecord(sequence, event);
        for (AuditSink sink : options.sinks()) {
            try {
                sink.accept(record, xml);
            } catch (RuntimeException e) {
                // The record is safe in the trail; a failing forwarder must not fail the archive's operation.
            }
        }
        return record;
    }

    /** A partly written record would corrupt every later one: cut it off, or stop writing. */
    private void rollBack(Segment segment, IOException cause) {
        try {
            segment.channel.truncate(segment.size);
        } catch (IOException e) {
            cause.addSuppressed(e);
            failure = new AuditTrailException("the audit trail could not undo a failed write and accepts no more "
                    + "records until reopened", cause);
        }
    }

    private void ensureUsable() throws AuditTrailException {
        if (closed) {
            throw new AuditTrailException("the audit trail is closed");
        }
        if (failure != null) {
            throw new AuditTrailException(failure.getMessage(), failure);
        }
    }

    private void rotateIfDue() throws IOException {
        Instant now = options.clock().instant();
        boolean full = current.size >= options.maxSegmentBytes();
        boolean newDay = !day(current.header.created()).equals(day(now));
        boolean empty = lastSequence < current.header.firstSequence();
        if (empty || !full && !newDay) {
            return;
        }
        Segment old = current;
        old.channel.force(false);
        SegmentFile.Header next = SegmentFile.create(dir, old.header.segment() + 1, lastSequence + 1, lastMac, now,
                keys, random);
        FileChannel ch = FileChannel.open(SegmentFile.path(dir, next.segment()), StandardOpenOption.WRITE);
        current = new Segment(next, ch, next.length());
        old.channel.close();
    }

    private static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    private void makeDurable(long sequence) throws IOException {
        syncLock.lock();
        try {
            if (durableSequence >= sequence) {
                return;
            }
            Segment segment;
            long upTo;
            byte[] mac;
            lock.lock();
            try {
                segment = current;
                upTo = lastSequence;
                mac = lastMac;
            } finally {
                lock.unlock();
            }
            try {
                segment.channel.force(false);
            } catch (ClosedChannelException rotated) {
                // Rotation forces a segment before closing it.
            }
            // One fsync per append (the segment's): the head marker is written at once but forced by
            // the head flusher, at most HEAD_FORCE_INTERVAL later, off the caller's path.
            head.writeUnforced(new HeadMarker.State(upTo, segment.header.segment(), mac), segment.header.key());
            headDirty = true;
            durableSequence = upTo;
        } finally {
            syncLock.unlock();
        }
    }

    /** Forces the head marker when it changed; runs every {@link #HEAD_FORCE_INTERVAL} until closed. */
    private void flushHeadPeriodically() {
        while (true) {
            try {
                Thread.sleep(HEAD_FORCE_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
            syncLock.lock();
            try {
                if (closed) {
                    return;
                }
                if (headDirty) {
                    head.force();
                    headDirty = false;
                }
            } catch (IOException e) {
                // The next append's write or close() reports a failing disk; the head stays dirty.
            } finally {
                syncLock.unlock();
            }
        }
    }

    static byte[] recordContext(int segment, long sequence) {
        return ("pacs-audit-record/" + segment + "/" + sequence).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * After a KEK rotation: re-seals the key of every segment not sealed by the primary KEK, so the old KEK
     * can be retired. Segments stay as they are; each key file is replaced atomically. Safe while the writer
     * runs (it keeps its keys in memory).
     *
     * @return the number of segment keys re-sealed
     */
    public static int rewrapKeys(Path dataDirectory, KeyRing keys) throws IOException {
        Path dir = dataDirectory.resolve(DIRECTORY);
        return Files.isDirectory(dir) ? SegmentFile.rewrap(dir, keys) : 0;
    }

    /** The KEK versions that seal segment keys: a version in this set must not be retired. */
    public static Set<KekVersion> kekVersionsInUse(Path dataDirectory) throws IOException {
        Path dir = dataDirectory.resolve(DIRECTORY);
        return Files.isDirectory(dir) ? SegmentFile.kekVersions(dir) : Set.of();
    }

    /** The sequence number of the newest record (0 for an empty trail). */
    public long lastSequence() {
        lock.lock();
        try {
            return lastSequence;
        } finally {
            lock.unlock();
        }
    }

    /** The trail's directory, {@code <data>/audit}. */
    public Path directory() {
        return dir;
    }

    /** Makes everything durable and releases the writer lock. */
    @Override
    public void close() throws IOException {
        syncLock.lock();
        try {
            lock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
                try {
                    current.channel.force(false);
                    if (durableSequence < lastSequence) {
                        head.write(new HeadMarker.State(lastSequence, current.header.segment(), lastMac),
                                current.header.key());
                        durableSequence = lastSequence;
                    } else if (headDirty) {
                        head.force();
                    }
                    headDirty = false;
                } finally {
                    headFlusher.interrupt();
                    current.channel.close();
                    head.close();
                    fileLock.release();
                    lockChannel.close();
                }
            } finally {
                lock.unlock();
            }
        } finally {
            syncLock.unlock();
        }
    }
}
