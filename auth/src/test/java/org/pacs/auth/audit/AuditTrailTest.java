// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.testing.TestKeys;
import org.pacs.storage.crypto.KekVersion;
import org.pacs.storage.crypto.KeyRing;

class AuditTrailTest {

    @TempDir
    Path data;
    KeyRing keys;
    final MutableClock clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
    final AuditEvents events = new AuditEvents(AuditSource.of("PACS@test"), Actor.ae("PACS", "pacs.test"), clock);

    @BeforeEach
    void openKeys() throws IOException {
        keys = TestKeys.open(data);
    }

    @AfterEach
    void closeKeys() throws IOException {
        keys.close();
    }

    AuditTrail open() throws IOException {
        return AuditTrail.open(data, keys, AuditTrail.Options.defaults().withClock(clock));
    }

    AuditEvent store(int i) {
        clock.advance(Duration.ofSeconds(1));
        return events.store(Actor.ae("CT" + (i % 3), "10.0.0." + i), PatientStudies.of("PID" + i, "1.2.3." + i));
    }

    /** Writes records 1..n and closes the trail. */
    List<AuditEvent> writeRecords(int n) throws IOException {
        List<AuditEvent> written = new ArrayList<>();
        try (AuditTrail trail = open()) {
            for (int i = 1; i <= n; i++) {
                AuditEvent e = store(i);
                assertEquals(i, trail.append(e).sequence());
                written.add(e);
            }
        }
        return written;
    }

    VerifyResult verify() throws IOException {
        return AuditTrailReader.open(data, keys).verify();
    }

    List<AuditRecord> readAll(AuditFilter filter) throws IOException {
        List<AuditRecord> out = new ArrayList<>();
        AuditTrailReader.open(data, keys).read(filter, out::add);
        return out;
    }

    static void assertBrokenAt(long sequence, VerifyResult result) {
        assertFalse(result.intact(), "expected damage at record " + sequence);
        assertEquals(OptionalLong.of(sequence), result.firstBadSequence(), result.problem());
    }

    @Nested
    class AppendAndVerify {
        @Test
        void verifiesAnIntactTrailAndReadsBackEveryEvent() throws IOException {
            List<AuditEvent> written = writeRecords(25);
            VerifyResult result = verify();
            assertTrue(result.intact(), result.problem());
            assertEquals(25, result.records());
            assertEquals(25, result.lastSequence());
            List<AuditRecord> read = readAll(AuditFilter.all());
            assertEquals(written, read.stream().map(AuditRecord::event).toList());
            assertEquals(List.of(1L, 2L, 3L), read.stream().limit(3).map(AuditRecord::sequence).toList());
        }

        @Test
        void continuesTheChainAfterReopening() throws IOException {
            writeRecords(3);
            try (AuditTrail trail = open()) {
                assertEquals(3, trail.lastSequence());
                assertEquals(4, trail.append(store(4)).sequence());
            }
            VerifyResult result = verify();
            assertTrue(result.intact(), result.problem());
            assertEquals(4, result.records());
        }

        @Test
        void rotatesBySizeAndTheChainCrossesSegments() throws IOException {
            try (AuditTrail trail = AuditTrail.open(data, keys,
                    AuditTrail.Options.defaults().withClock(clock).withMaxSegmentBytes(4096))) {
                for (int i = 1; i <= 40; i++) {
                    trail.append(store(i));
                }
            }
            assertTrue(Files.exists(TrailFiles.segment(data, 3)), "several segments");
            VerifyResult result = verify();
            assertTrue(result.intact(), result.problem());
            assertEquals(40, result.records());
            assertEquals(40, readAll(AuditFilter.all()).size());
        }

        @Test
        void rotatesAtTheUtcDayBoundary() throws IOException {
            clock.set(Instant.parse("2026-05-01T23:59:30Z"));
            try (AuditTrail trail = open()) {
                trail.append(events.applicationStart());
                clock.set(Instant.parse("2026-05-02T00:00:10Z"));
                trail.append(events.applicationStop());
            }
            assertTrue(Files.exists(TrailFiles.segment(data, 2)));
            assertTrue(verify().intact());
        }

        @Test
        void emptyTrailVerifies() throws IOException {
            open().close();
            VerifyResult result = verify();
            assertTrue(result.intact(), result.problem());
            assertEquals(0, result.records());
        }

        @Test
        void handsEachDurableRecordToTheSinks() throws Exception {
            List<AuditRecord> seen = new ArrayList<>();
            List<byte[]> xml = new ArrayList<>();
            try (AuditTrail trail = AuditTrail.open(data, keys, AuditTrail.Options.defaults().withSinks((r, x) -> {
                seen.add(r);
                xml.add(x);
            }, (r, x) -> {
                throw new IllegalStateException("a broken sink");
            }))) {
                trail.append(events.applicationStart());
            }
            assertEquals(1, seen.get(0).sequence());
            AuditMessageXmlTest.assertValid(xml.get(0));
        }

        @Test
        void refusesASecondWriterAndAppendsAfterClose() throws IOException {
            AuditTrail trail = open();
            assertThrows(AuditTrailException.class, AuditTrailTest.this::open);
            trail.close();
            assertThrows(AuditTrailException.class, () -> trail.append(events.applicationStart()));
        }
    }

    @Nested
    class Tampering {
        @Test
        void flippedByteNamesTheAlteredRecord() throws IOException {
            writeRecords(10);
            TrailFiles.Frame fifth = TrailFiles.frames(TrailFiles.segment(data, 1)).get(4);
            TrailFiles.flipByte(TrailFiles.segment(data, 1), fifth.offset() + 20);
            VerifyResult result = verify();
            assertBrokenAt(5, result);
            assertTrue(result.problem().contains("altered"), result.problem());
            assertEquals(4, result.lastSequence());
        }

        @Test
        void deletedRecordIsFound() throws IOException {
            writeRecords(10);
            Path segment = TrailFiles.segment(data, 1);
            TrailFiles.cut(segment, TrailFiles.frames(segment).get(6));
            VerifyResult result = verify();
            assertBrokenAt(7, result);
            assertTrue(result.problem().contains("missing or out of order"), result.problem());
        }

        @Test
        void swappedRecordsAreFound() throws IOException {
            writeRecords(10);
            Path segment = TrailFiles.segment(data, 1);
            List<TrailFiles.Frame> frames = TrailFiles.frames(segment);
            TrailFiles.swap(segment, frames.get(2), frames.get(3));
            assertBrokenAt(3, verify());
        }

        @Test
        void truncatedTailIsFoundThroughTheHeadMarker() throws IOException {
            writeRecords(10);
            Path segment = TrailFiles.segment(data, 1);
            TrailFiles.truncate(segment, TrailFiles.frames(segment).get(8).offset());
            VerifyResult result = verify();
            assertBrokenAt(9, result);
            assertTrue(result.problem().contains("records 9..10 were removed"), result.problem());
        }

        @Test
        void writerRefusesToAppendToATruncatedTrail() throws IOException {
            writeRecords(10);
            Path segment = TrailFiles.segment(data, 1);
            long sizeBefore = TrailFiles.frames(segment).get(9).offset();
            TrailFiles.truncate(segment, sizeBefore);
            AuditTrailException e = assertThrows(AuditTrailException.class, AuditTrailTest.this::open);
            assertEquals(OptionalLong.of(10), e.sequence());
            assertEquals(sizeBefore, Files.size(segment), "the evidence is left as found");
        }

        /** Offsets of the head marker's older and newer slot. */
        private int[] headSlotsOlderNewer() throws IOException {
            java.nio.ByteBuffer head = java.nio.ByteBuffer.wrap(Files.readAllBytes(TrailFiles.head(data)));
            return head.getLong(8) < head.getLong(128 + 8) ? new int[] {0, 128} : new int[] {128, 0};
        }

        @Test
        void spoilingTheNewerHeadSlotToHideTheLastRecordIsFound() throws IOException {
            writeRecords(10);
            Path segment = TrailFiles.segment(data, 1);
            TrailFiles.truncate(segment, TrailFiles.frames(segment).get(9).offset());
            TrailFiles.flipByte(TrailFiles.head(data), headSlotsOlderNewer()[1] + 9);
            VerifyResult result = verify();
            assertBrokenAt(10, result);
            assertTrue(result.problem().contains("only one head marker slot authenticates"), result.problem());
            assertThrows(AuditTrailException.class, AuditTrailTest.this::open);
        }

        @Test
        void copyingTheOlderHeadSlotOverTheNewerIsFound() throws IOException {
            writeRecords(10);
            Path segment = TrailFiles.segment(data, 1);
            TrailFiles.truncate(segment, TrailFiles.frames(segment).get(9).offset());
            int[] slots = headSlotsOlderNewer();
            byte[] head = Files.readAllBytes(TrailFiles.head(data));
            System.arraycopy(head, slots[0], head, slots[1], 84);
            Files.write(TrailFiles.head(data), head);
            VerifyResult result = verify();
            assertBrokenAt(10, result);
            assertTrue(result.problem().contains("copied over"), result.problem());
        }

        @Test
        void removedHeadMarkerIsReported() throws IOException {
            writeRecords(3);
            Files.delete(TrailFiles.head(data));
            VerifyResult result = verify();
            assertFalse(result.intact());
            assertTrue(result.problem().contains("head marker is missing"), result.problem());
            assertThrows(AuditTrailException.class, AuditTrailTest.this::open);
        }

        @Test
        void forgedHeadMarkerDoesNotAuthenticate() throws IOException {
            writeRecords(3);
            TrailFiles.flipByte(TrailFiles.head(data), 10);
            TrailFiles.flipByte(TrailFiles.head(data), 128 + 10);
            VerifyResult result = verify();
            assertFalse(result.intact());
            assertTrue(result.problem().contains("head marker is damaged"), result.problem());
        }

        @Test
        void removedMiddleSegmentIsFound() throws IOException {
            try (AuditTrail trail = AuditTrail.open(data, keys,
                    AuditTrail.Options.defaults().withClock(clock).withMaxSegmentBytes(4096))) {
                for (int i = 1; i <= 40; i++) {
                    trail.append(store(i));
                }
            }
            long firstOfTwo = TrailFiles.frames(TrailFiles.segment(data, 1)).size() + 1;
            Files.delete(TrailFiles.segment(data, 2));
            VerifyResult result = verify();
            assertBrokenAt(firstOfTwo, result);
            assertTrue(result.problem().contains("segment 2 is missing"), result.problem());
        }

        @Test
        void alteredSegmentHeaderIsFound() throws IOException {
            writeRecords(4);
            TrailFiles.flipByte(TrailFiles.segment(data, 1), 20);
            VerifyResult result = verify();
            assertBrokenAt(1, result);
            assertTrue(result.problem().contains("segment 1"), result.problem());
        }

        @Test
        void readStopsAtTheFirstBadRecordAfterDeliveringTheGoodOnes() throws IOException {
            writeRecords(6);
            TrailFiles.Frame fourth = TrailFiles.frames(TrailFiles.segment(data, 1)).get(3);
            TrailFiles.flipByte(TrailFiles.segment(data, 1), fourth.offset() + fourth.length() - 1);
            List<AuditRecord> read = new ArrayList<>();
            AuditTrailException e = assertThrows(AuditTrailException.class,
                    () -> AuditTrailReader.open(data, keys).read(AuditFilter.all(), read::add));
            assertEquals(OptionalLong.of(4), e.sequence());
            assertEquals(3, read.size());
        }

        @Test
        void anotherKeyRingCannotOpenTheTrail(@TempDir Path other) throws IOException {
            writeRecords(2);
            keys.close();
            try (KeyRing foreign = TestKeys.open(other)) {
                Files.move(data.resolve(AuditTrail.DIRECTORY), other.resolve(AuditTrail.DIRECTORY));
                VerifyResult result = AuditTrailReader.open(other, foreign).verify();
                assertBrokenAt(1, result);
            } finally {
                keys = TestKeys.open(data);
            }
        }
    }

    @Nested
    class KeyRotation {
        @Test
        void segmentKeysAreResealedSoTheOldKekCanBeRetired() throws IOException {
            try (AuditTrail trail = AuditTrail.open(data, keys,
                    AuditTrail.Options.defaults().withClock(clock).withMaxSegmentBytes(4096))) {
                for (int i = 1; i <= 20; i++) {
                    trail.append(store(i));
                }
                KekVersion old = keys.primary();
                KekVersion next = keys.rotate();
                assertEquals(Set.of(old), AuditTrail.kekVersionsInUse(data));
                int segments = SegmentFile.list(data.resolve(AuditTrail.DIRECTORY)).size();
                assertEquals(segments, AuditTrail.rewrapKeys(data, keys));
                assertEquals(0, AuditTrail.rewrapKeys(data, keys), "nothing left to re-seal");
                keys.retire(old);
                assertEquals(Set.of(next), AuditTrail.kekVersionsInUse(data));
                trail.append(store(21));
            }
            VerifyResult result = verify();
            assertTrue(result.intact(), result.problem());
            assertEquals(21, readAll(AuditFilter.all()).size());
        }

        @Test
        void missingKeyFileMakesItsSegmentUnverifiable() throws IOException {
            writeRecords(3);
            Files.delete(SegmentFile.keyPath(data.resolve(AuditTrail.DIRECTORY), 1));
            VerifyResult result = verify();
            assertBrokenAt(1, result);
            assertTrue(result.problem().contains("key file is missing"), result.problem());
        }
    }

    @Nested
    class CrashesAndConcurrentReaders {
        @Test
        void incompleteLastRecordIsAnAppendInProgressAndIsCutOffOnReopen() throws IOException {
            writeRecords(5);
            Path segment = TrailFiles.segment(data, 1);
            long complete = Files.size(segment);
            TrailFiles.append(segment, new byte[] {0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 6, 42, 42});
            VerifyResult result = verify();
            assertTrue(result.intact(), result.problem());
            assertEquals(5, result.records());
            assertTrue(result.notes().get(0).contains("incomplete record"), result.notes().toString());

            try (AuditTrail trail = open()) {
                assertEquals(complete, Files.size(segment));
                assertEquals(6, trail.append(store(6)).sequence());
            }
            assertTrue(verify().intact());
        }

        @Test
        void zerosAfterTheLastRecordAreAnUnfinishedAppend() throws IOException {
            writeRecords(2);
            TrailFiles.append(TrailFiles.segment(data, 1), new byte[4096]);
            assertTrue(verify().intact());
            try (AuditTrail trail = open()) {
                assertEquals(3, trail.append(store(3)).sequence());
            }
            assertEquals(3, verify().records());
        }

        @Test
        void recordsWrittenBeforeALostHeadUpdateAreKept() throws IOException {
            writeRecords(3);
            byte[] oldHead = Files.readAllBytes(TrailFiles.head(data));
            try (AuditTrail trail = open()) {
                trail.append(store(4));
                trail.append(store(5));
            }
            Files.write(TrailFiles.head(data), oldHead);
            VerifyResult result = verify();
            assertTrue(result.intact(), result.problem());
            assertTrue(result.notes().get(0).contains("follow the head marker"), result.notes().toString());
            try (AuditTrail trail = open()) {
                assertEquals(5, trail.lastSequence());
            }
            assertTrue(verify().notes().isEmpty());
        }

        @Test
        void concurrentAppendersOnVirtualThreadsProduceOneValidChain() throws Exception {
            int threads = 8;
            int each = 40;
            ConcurrentLinkedQueue<Long> sequences = new ConcurrentLinkedQueue<>();
            try (AuditTrail trail = AuditTrail.open(data, keys,
                    AuditTrail.Options.defaults().withClock(clock).withMaxSegmentBytes(16 * 1024));
                    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    String user = "user" + t;
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            sequences.add(trail.append(events.login(Actor.user(user, "10.1.0.1"), true, null))
                                    .sequence());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            }
            assertEquals(threads * each, sequences.size());
            assertEquals(threads * each, sequences.stream().distinct().count());
            VerifyResult result = verify();
            assertTrue(result.intact(), result.problem());
            assertEquals(threads * each, result.records());
            assertEquals(each, readAll(AuditFilter.all().withUser("user3")).size());
        }

        @Test
        void verifyingWhileAppendingNeverReportsDamage() throws Exception {
            int total = 300;
            try (AuditTrail trail = AuditTrail.open(data, keys,
                    AuditTrail.Options.defaults().withClock(clock).withMaxSegmentBytes(8 * 1024));
                    ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                trail.append(events.applicationStart());
                Future<?> writers = pool.submit(() -> {
                    for (int i = 0; i < total; i++) {
                        trail.append(events.logout(Actor.user("u" + i, "10.2.0.1")));
                    }
                    return null;
                });
                int checks = 0;
                long seen = 0;
                while (!writers.isDone() || checks == 0) {
                    VerifyResult result = verify();
                    assertTrue(result.intact(), "check " + checks + ": " + result.problem());
                    assertTrue(result.lastSequence() >= seen, "never goes backwards");
                    seen = result.lastSequence();
                    List<AuditRecord> read = readAll(AuditFilter.all());
                    assertTrue(read.size() >= seen);
                    checks++;
                }
                writers.get();
            }
            assertEquals(total + 1, verify().records());
        }
    }

    @Nested
    class EncryptionAtRest {
        @Test
        void noPlaintextPatientDataAnywhereUnderTheDataDirectory() throws IOException {
            String patientId = "ZQX-PATIENT-7731-UNIQUE";
            byte[] identifier = ("\u0010\u0000\u0020\u0000LO\u0018\u0000" + patientId).getBytes(StandardCharsets.ISO_8859_1);
            String keysJson = "{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"" + patientId + "\"]}}";
            try (AuditTrail trail = open()) {
                trail.append(events.store(Actor.ae("CT1", "10.0.0.5"), PatientStudies.of(patientId, "1.2.3.99")));
                trail.append(events.query(Actor.ae("CT1", "10.0.0.5"), "1.2.840.10008.5.1.4.1.2.2.1", identifier,
                        "1.2.840.10008.1.2.1"));
                trail.append(events.query(Actor.user("alice", "10.0.0.7"),
                        java.net.URI.create("https://pacs/dicomweb/studies"), keysJson));
            }
            List<byte[]> needles = List.of(patientId.getBytes(StandardCharsets.UTF_8),
                    patientId.getBytes(StandardCharsets.UTF_16LE),
                    Base64.getEncoder().encode(identifier),
                    Base64.getEncoder().encode(keysJson.getBytes(StandardCharsets.UTF_8)));
            List<Path> files;
            try (Stream<Path> walk = Files.walk(data)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            assertTrue(files.size() >= 3);
            for (Path file : files) {
                byte[] content = Files.readAllBytes(file);
                for (byte[] needle : needles) {
                    assertFalse(contains(content, needle), file + " holds patient data in plaintext");
                }
            }
            List<AuditRecord> read = readAll(AuditFilter.all());
            assertEquals(patientId, read.get(0).event().participantObjects().get(1).id());
        }

        private static boolean contains(byte[] haystack, byte[] needle) {
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

    @Nested
    class Filters {
        @BeforeEach
        void writeMixedEvents() throws IOException {
            clock.set(Instant.parse("2026-05-01T10:00:00Z"));
            try (AuditTrail trail = open()) {
                trail.append(events.store(Actor.ae("CT1", "10.0.0.5"), PatientStudies.of("P1", "1.1")));
                clock.set(Instant.parse("2026-05-02T10:00:00Z"));
                trail.append(events.login(Actor.user("alice", "10.0.0.7"), false, "bad password"));
                trail.append(events.retrieve(Actor.ae("WS1", "10.0.0.8"), PatientStudies.of("P2", "2.2", "1.1")));
                clock.set(Instant.parse("2026-05-03T10:00:00Z"));
                trail.append(events.aeChange(Actor.user("admin", "10.0.0.1"), "CT1", EventActionCode.U, "new cert"));
            }
        }

        List<Long> sequences(AuditFilter filter) throws IOException {
            return readAll(filter).stream().map(AuditRecord::sequence).toList();
        }

        @Test
        void bySince() throws IOException {
            assertEquals(List.of(2L, 3L, 4L), sequences(AuditFilter.all().withSince(Instant.parse("2026-05-02T00:00:00Z"))));
        }

        @Test
        void byUser() throws IOException {
            assertEquals(List.of(2L), sequences(AuditFilter.all().withUser("alice")));
        }

        @Test
        void byAeTitleAsParticipantOrAsTheSubjectOfAnAeChange() throws IOException {
            assertEquals(List.of(1L, 4L), sequences(AuditFilter.all().withAeTitle("CT1")));
            assertEquals(List.of(3L), sequences(AuditFilter.all().withAeTitle("WS1")));
        }

        @Test
        void byStudy() throws IOException {
            assertEquals(List.of(1L, 3L), sequences(AuditFilter.all().withStudy("1.1")));
        }

        @Test
        void combined() throws IOException {
            assertEquals(List.of(3L), sequences(AuditFilter.all().withStudy("1.1")
                    .withSince(Instant.parse("2026-05-02T00:00:00Z"))));
            assertNull(AuditFilter.all().since());
        }
    }

    @Test
    void storesTheMessageEncryptedPerRecordWithItsOwnNonce() throws IOException {
        // Two identical events must not give identical ciphertexts (no deterministic encryption).
        AuditEvent same = events.applicationStart();
        try (AuditTrail trail = open()) {
            trail.append(same);
            trail.append(same);
        }
        Path segment = TrailFiles.segment(data, 1);
        byte[] bytes = Files.readAllBytes(segment);
        List<TrailFiles.Frame> frames = TrailFiles.frames(segment);
        byte[] a = java.util.Arrays.copyOfRange(bytes, frames.get(0).offset() + 12, frames.get(0).offset() + 60);
        byte[] b = java.util.Arrays.copyOfRange(bytes, frames.get(1).offset() + 12, frames.get(1).offset() + 60);
        assertFalse(java.util.Arrays.equals(a, b));
        assertArrayEquals(AuditMessageXml.write(same), AuditMessageXml.write(readAll(AuditFilter.all()).get(1).event()));
    }
}
