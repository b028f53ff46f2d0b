// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.pacs.storage.crypto.KeyRing;

/**
 * Verifies and reads the audit trail of a data directory without taking the writer's lock, so it can run
 * beside a running {@link AuditTrail}: it reads each segment up to its size at that moment and stops before
 * a record still being appended. The head marker is read before the segments, so a record appended
 * meanwhile can never look like a removed one.
 *
 * <pre>{@code
 * AuditTrailReader reader = AuditTrailReader.open(dataDir, keyRing);
 * VerifyResult result = reader.verify();
 * reader.read(AuditFilter.all().withStudy(studyUid), record -> print(record));
 * }</pre>
 */
public final class AuditTrailReader {

    private final Path dir;
    private final KeyRing keys;

    private AuditTrailReader(Path dir, KeyRing keys) {
        this.dir = dir;
        this.keys = keys;
    }

    /** @throws AuditTrailException the data directory has no audit trail */
    public static AuditTrailReader open(Path dataDirectory, KeyRing keys) throws IOException {
        Path dir = dataDirectory.resolve(AuditTrail.DIRECTORY);
        if (!Files.isDirectory(dir)) {
            throw new AuditTrailException("there is no audit trail in " + dataDirectory);
        }
        return new AuditTrailReader(dir, keys);
    }

    /**
     * Checks every record from the first: framing, sequence, MAC chain across segments, and that the chain
     * reaches the record the head marker names. Does not decrypt the messages.
     */
    public VerifyResult verify() throws IOException {
        Optional<byte[]> rawHead = HeadMarker.readRaw(dir);
        List<Integer> segments = SegmentFile.list(dir);
        List<String> notes = new ArrayList<>();
        if (segments.isEmpty() && rawHead.isEmpty()) {
            notes.add("the trail is empty");
            return new VerifyResult(0, 0, OptionalLong.empty(), null, notes);
        }
        ChainWalker.Headers headers = new ChainWalker.Headers(dir, keys);
        HeadMarker.Latest latest = null;
        String headProblem = null;
        if (rawHead.isEmpty()) {
            headProblem = "the head marker is missing, so removal of the newest records cannot be ruled out";
        } else {
            try {
                latest = HeadMarker.authenticate(rawHead.get(), headers::keyOrNull);
            } catch (AuditTrailException e) {
                headProblem = e.getMessage() + ", so removal of the newest records cannot be ruled out";
            }
        }
        long headSequence = latest == null ? -1 : latest.state().sequence();
        byte[][] macAtHead = new byte[1][];
        if (headSequence == 0) {
            macAtHead[0] = new byte[SegmentKey.MAC_LENGTH];
        }
        ChainWalker.End end = ChainWalker.walk(dir, segments, headers, true, (h, sequence, ciphertext, mac) -> {
            if (sequence == headSequence) {
                macAtHead[0] = mac;
            }
        });
        if (end.problem() != null) {
            return broken(end, end.problem().sequence(), end.problem().message(), notes);
        }
        if (headProblem != null) {
            return broken(end, end.lastSequence() + 1, headProblem, notes);
        }
        if (headSequence > end.lastSequence()) {
            return broken(end, end.lastSequence() + 1, "records " + (end.lastSequence() + 1) + ".." + headSequence
                    + " were removed from the end of the trail (the head marker names record " + headSequence + ")",
                    notes);
        }
        if (macAtHead[0] == null || !SegmentKey.equal(macAtHead[0], latest.state().lastMac())) {
            return broken(end, headSequence, "record " + headSequence + " is not the record the head marker names",
                    notes);
        }
        String doubt = latest.doubt(end.lastSequence());
        if (doubt != null) {
            return broken(end, headSequence + 1, doubt, notes);
        }
        if (end.tornBytes() > 0) {
            notes.add("an incomplete record of " + end.tornBytes() + " bytes follows record " + end.lastSequence()
                    + " (an append in progress, or one cut short by a crash and never acknowledged)");
        }
        if (end.lastSequence() > headSequence) {
            notes.add("records " + (headSequence + 1) + ".." + end.lastSequence()
                    + " follow the head marker (appended while verifying, or before a crash)");
        }
        return new VerifyResult(end.records(), end.lastSequence(), OptionalLong.empty(), null, notes);
    }

    private static VerifyResult broken(ChainWalker.End end, long sequence, String problem, List<String> notes) {
        return new VerifyResult(end.records(), end.lastSequence(), OptionalLong.of(sequence), problem, notes);
    }

    /**
     * Decrypts the records in order and passes those {@code filter} accepts to {@code sink}. Every record
     * is checked against the chain before it is decrypted.
     *
     * @return the number of records passed to {@code sink}
     * @throws AuditTrailException at the first record that fails its checks, after the ones before it
     *     were delivered
     */
    public long read(AuditFilter filter, Consumer<AuditRecord> sink) throws IOException {
        List<Integer> segments = SegmentFile.list(dir);
        ChainWalker.Headers headers = new ChainWalker.Headers(dir, keys);
        long[] delivered = {0};
        ChainWalker.End end = ChainWalker.walk(dir, segments, headers, true, (h, sequence, ciphertext, mac) -> {
            byte[] xml;
            try {
                xml = h.key().decrypt(ciphertext, AuditTrail.recordContext(h.segment(), sequence));
            } catch (IOException e) {
                throw new AuditTrailException("record " + sequence + " cannot be decrypted", sequence, e);
            }
            AuditEvent event;
            try {
                event = AuditMessageXml.read(xml);
            } catch (IllegalArgumentException e) {
                throw new AuditTrailException("record " + sequence + " is not a readable audit message", sequence, e);
            }
            if (filter.matches(event)) {
                sink.accept(new AuditRecord(sequence, event));
                delivered[0]++;
            }
        });
        if (end.problem() != null) {
            throw new AuditTrailException("the audit trail is damaged at record " + end.problem().sequence() + ": "
                    + end.problem().message(), end.problem().sequence(), null);
        }
        return delivered[0];
    }

    /** The trail's directory, {@code <data>/audit}. */
    public Path directory() {
        return dir;
    }
}
