// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.server.e2e.TestCorpus.Encoding;
import org.pacs.server.e2e.TestCorpus.Instance;

/**
 * Issue 8, "restore gives back the same bytes": a modality stores a small corpus with {@code storescu
 * +tls}; {@code ./pacs backup} writes an encrypted backup; {@code ./pacs restore} brings it back into a
 * new directory; the archive started on that directory answers {@code findscu} with every study, and
 * {@code getscu} (through stunnel) retrieves every instance with the data set that was sent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreIT {
    @TempDir
    static Path root;
    static TestCorpus corpus;
    static ArchiveProcess archive;
    static ArchiveProcess restored;
    static AeBundle modality;
    static AeBundle workstation;
    static Stunnel stunnel;
    static Path backup;

    @BeforeAll
    static void storeACorpus() throws IOException {
        corpus = TestCorpus.generate(root.resolve("corpus"), new TestCorpus.Shape("2.25.8101", 2, 1, 2, 2, 32, 32,
                List.of(Encoding.EXPLICIT_LE)));
        archive = ArchiveProcess.create(root.resolve("archive"));
        archive.start();
        modality = archive.registerAe("MOD1");
        workstation = archive.registerAe("WS", "--allow", "store,query,retrieve");
        for (Map.Entry<String, List<Instance>> group : corpus.byStorescuOption().entrySet()) {
            ToolRun run = StoreScu.send(modality, archive, group.getKey(),
                    group.getValue().stream().map(Instance::file).toList());
            assertEquals(group.getValue().size(), run.count("Received Store Response (Success)"), run::toString);
        }
        backup = Files.createDirectories(root.resolve("offsite")).resolve("pacs.bak");
    }

    @AfterAll
    static void stopAll() {
        if (stunnel != null) {
            stunnel.close();
        }
        if (restored != null) {
            restored.close();
        }
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    @Order(1)
    void backsUpAndRestoresIntoANewDirectory() throws IOException {
        archive.stop();
        ToolRun made = archive.cli("backup", "--out", backup.toString());
        assertEquals(0, made.exitCode(), made::toString);

        restored = ArchiveProcess.reopen(archive, Files.createDirectories(root.resolve("restored")));
        ToolRun run = restored.cli("restore", backup.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.output().contains(corpus.instances().size() + " instances"), run::toString);
        assertTrue(run.output().contains("every instance's blob decrypts"), run::toString);
    }

    @Test
    @Order(2)
    void theRestoredArchiveFindsEveryStudyAndGivesBackTheSameDataSets() throws IOException {
        restored.start();
        stunnel = Stunnel.start(root.resolve("stunnel"), restored, List.of(workstation));

        FindScu.Result found = FindScu.query(restored, workstation, "-S", "QueryRetrieveLevel=STUDY",
                "StudyInstanceUID");
        assertEquals("Success", found.finalStatus(), found::toString);
        Set<String> studies = corpus.instances().stream().map(Instance::studyUid)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(studies, new TreeSet<>(found.values("0020,000d")), found::toString);

        for (String study : studies) {
            List<Instance> sent = corpus.instances().stream().filter(i -> i.studyUid().equals(study)).toList();
            Path into = root.resolve("got").resolve(study);
            ToolRun got = RetrieveScu.get(stunnel, "WS", into, Encoding.EXPLICIT_LE, "-S",
                    "QueryRetrieveLevel=STUDY", "StudyInstanceUID=" + study);
            assertEquals(0, got.exitCode(), got::toString);
            assertEquals(List.of(), DataSets.differences(sent, RetrieveScu.receivedByInstanceUid(into), true,
                    root.resolve("converted")));
        }
    }

    @Test
    @Order(3)
    void aBackupTakenWhileTheArchiveRunsRestoresToo() throws IOException {
        if (restored != null && restored.isRunning()) {
            restored.stop(); // it serves on the same port
        }
        archive.start();
        Path online = root.resolve("offsite/online.bak");
        ToolRun made = archive.cli("backup", "--out", online.toString());
        assertEquals(0, made.exitCode(), made::toString);
        assertTrue(made.output().contains("it copies its own catalog"), made::toString);
        archive.stop();

        ToolRun run = ArchiveProcess.reopen(archive, Files.createDirectories(root.resolve("restored-online")))
                .cli("restore", online.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.output().contains(corpus.instances().size() + " instances"), run::toString);
    }
}
