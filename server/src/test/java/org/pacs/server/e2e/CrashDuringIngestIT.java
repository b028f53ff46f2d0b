// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.server.e2e.TestCorpus.Encoding;
import org.pacs.server.e2e.TestCorpus.Instance;

/**
 * The power cut: four modalities store in parallel (four transfer syntaxes), the archive is killed with
 * SIGKILL in the middle, and after a restart the audit trail still verifies, every instance the archive
 * had acknowledged comes back by C-GET with the data set that was sent, an instance it had not
 * acknowledged is either wholly there or absent, and the catalog agrees (a new send of a kept instance
 * is answered B006, of an absent one Success).
 */
class CrashDuringIngestIT {
    static final int SENDERS = 4;
    static final int PER_SENDER = 30;
    /** Kill once about a third of the instances were acknowledged, so that stores are surely in flight. */
    static final int KILL_AFTER = SENDERS * PER_SENDER / 3;
    static final List<Encoding> ENCODINGS = List.of(Encoding.EXPLICIT_LE, Encoding.IMPLICIT_LE, Encoding.DEFLATED,
            Encoding.JPEG_LOSSLESS);

    @TempDir
    static Path root;
    static ArchiveProcess archive;
    static AeBundle modality;
    static AeBundle reader;
    static List<TestCorpus> corpora = new ArrayList<>();

    @BeforeAll
    static void startArchiveAndMakeCorpora() throws IOException {
        for (int s = 0; s < SENDERS; s++) {
            corpora.add(TestCorpus.generate(root.resolve("corpus-" + s), new TestCorpus.Shape("2.25.8001" + s, 1, 1, 1,
                    PER_SENDER, 256, 512, List.of(ENCODINGS.get(s)))));
        }
        archive = ArchiveProcess.create(root.resolve("archive"));
        archive.start();
        modality = archive.registerAe("MOD1");
        reader = archive.registerAe("READER", "--allow", "query,retrieve");
    }

    @AfterAll
    static void stopArchive() {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void keepsEveryAcknowledgedInstanceAndNothingHalfStoredAfterSigkill() throws IOException {
        Map<Path, String> firstStatuses = new HashMap<>();
        List<RunningTool> senders = new ArrayList<>();
        try {
            for (int s = 0; s < SENDERS; s++) {
                TestCorpus c = corpora.get(s);
                senders.add(Tools.start(root.resolve("storescu-" + s + ".log"), StoreScu.command(modality,
                        ArchiveProcess.AE_TITLE, archive.host(), archive.port(), ENCODINGS.get(s).storescuOption,
                        c.instances().stream().map(Instance::file).toList())));
            }
            awaitAcknowledged(senders, KILL_AFTER, Duration.ofSeconds(60));
            archive.kill();
            for (RunningTool sender : senders) {
                ToolRun run = sender.awaitExit(Duration.ofSeconds(30));
                firstStatuses.putAll(StoreScu.responses(run.output()));
            }
        } finally {
            senders.forEach(RunningTool::close);
        }
        List<Instance> all = corpora.stream().flatMap(c -> c.instances().stream()).toList();
        List<Instance> acknowledged = all.stream().filter(i -> StoreScu.SUCCESS.equals(firstStatuses.get(i.file())))
                .toList();
        assertTrue(acknowledged.size() >= KILL_AFTER, () -> "only " + acknowledged.size() + " acknowledged");
        assertTrue(acknowledged.size() < all.size(), "the kill came after every store: nothing was in flight");

        archive.start();
        ToolRun verify = archive.cli("audit", "verify");
        assertEquals(0, verify.exitCode(), verify::toString);

        // What the restarted archive has, fetched back before anything is sent again.
        Set<String> kept = new TreeSet<>();
        try (Stunnel stunnel = Stunnel.start(root.resolve("stunnel"), archive, List.of(reader))) {
            for (int s = 0; s < SENDERS; s++) {
                Instance first = corpora.get(s).instances().getFirst();
                Path into = root.resolve("got-" + s);
                ToolRun run = RetrieveScu.get(stunnel, "READER", into, ENCODINGS.get(s), "-S",
                        "QueryRetrieveLevel=SERIES", "StudyInstanceUID=" + first.studyUid(),
                        "SeriesInstanceUID=" + first.seriesUid());
                assertTrue(run.output().contains("Number of Failed Suboperations    : 0"), run::toString);
                Map<String, Path> received = RetrieveScu.receivedByInstanceUid(into);
                kept.addAll(received.keySet());
                List<Instance> back = corpora.get(s).where(i -> received.containsKey(i.sopInstanceUid()));
                assertEquals(List.of(), DataSets.differences(back, received, true, root.resolve("converted")),
                        "what the archive kept is what it was sent");
            }
        }
        List<String> lostAcknowledged = acknowledged.stream().map(Instance::sopInstanceUid)
                .filter(uid -> !kept.contains(uid)).toList();
        assertEquals(List.of(), lostAcknowledged, "acknowledged before the kill, so the archive must still have it");

        Map<Path, String> again = new HashMap<>();
        for (int s = 0; s < SENDERS; s++) {
            ToolRun run = StoreScu.send(modality, archive, ENCODINGS.get(s).storescuOption,
                    corpora.get(s).instances().stream().map(Instance::file).toList());
            assertEquals(0, run.exitCode(), run::toString);
            again.putAll(StoreScu.responses(run.output()));
        }
        System.out.printf("CrashDuringIngestIT: %d of %d acknowledged before SIGKILL; of the others, %d were kept"
                + " whole and %d absent%n", acknowledged.size(), all.size(), kept.size() - acknowledged.size(),
                all.size() - kept.size());
        // The catalog agrees with what could be fetched: kept ones are duplicates, the others new.
        List<String> inconsistent = all.stream().filter(i -> !(kept.contains(i.sopInstanceUid())
                ? StoreScu.DUPLICATE : StoreScu.SUCCESS).equals(again.get(i.file())))
                .map(i -> i.sopInstanceUid() + (kept.contains(i.sopInstanceUid()) ? " (kept): " : " (absent): ")
                        + again.get(i.file())).toList();
        assertEquals(List.of(), inconsistent, "an instance is either wholly stored or absent");
    }

    /** Waits until the senders' logs show {@code count} successful stores in total (bounded). */
    static void awaitAcknowledged(List<RunningTool> senders, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long acknowledged = senders.stream().mapToLong(s -> s.output().lines()
                    .filter(l -> l.contains("Received Store Response (Success)")).count()).sum();
            if (acknowledged >= count) {
                return;
            }
            if (senders.stream().noneMatch(RunningTool::isAlive)) {
                throw new AssertionError("every sender ended with only " + acknowledged + " stores acknowledged:\n"
                        + senders.getFirst().output().indent(4));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + acknowledged + " stores acknowledged after " + timeout);
            }
            ArchiveProcess.pause(Duration.ofMillis(10));
        }
    }
}
