// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
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
 * {@code ./pacs import} against the real archive: refused while it runs (with the way round named);
 * once stopped, a folder and a zip file of the corpus come in through the ingest path; the restarted
 * archive answers {@code findscu} with every study and {@code getscu} returns the data sets as they
 * were in the files (in four transfer syntaxes); a second run skips everything.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImportIT {
    @TempDir
    static Path root;
    static TestCorpus corpus;
    static ArchiveProcess archive;
    static AeBundle workstation;
    static Stunnel stunnel;
    static Path zip;

    @BeforeAll
    static void startAnArchiveAndMakeFiles() throws IOException {
        corpus = TestCorpus.generate(root.resolve("corpus"), new TestCorpus.Shape("2.25.8201", 2, 1, 2, 2, 32, 32,
                List.of(Encoding.EXPLICIT_LE, Encoding.IMPLICIT_LE, Encoding.DEFLATED, Encoding.JPEG_LOSSLESS),
                true));
        archive = ArchiveProcess.create(root.resolve("archive"));
        archive.start();
        workstation = archive.registerAe("WS", "--allow", "store,query,retrieve");
        // Half of the files as a folder, the other half inside a zip file.
        zip = root.resolve("cd.zip");
        List<Instance> all = corpus.instances();
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Instance i : all.subList(all.size() / 2, all.size())) {
                z.putNextEntry(new ZipEntry("DICOM/" + i.sopInstanceUid()));
                Files.copy(i.file(), z);
                z.closeEntry();
                Files.move(i.file(), root.resolve("moved-" + i.sopInstanceUid()));
            }
        }
    }

    @AfterAll
    static void stopAll() {
        if (stunnel != null) {
            stunnel.close();
        }
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    @Order(1)
    void isRefusedWhileTheArchiveRuns() {
        ToolRun run = archive.cli("import", root.resolve("corpus").toString());

        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.output().contains("storescu +tls"), run::toString);
    }

    @Test
    @Order(2)
    void importsTheFolderAndTheZipFile() {
        archive.stop();

        ToolRun run = archive.cli("import", root.resolve("corpus").toString(), zip.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.output().contains("stored: " + corpus.instances().size()), run::toString);
    }

    @Test
    @Order(3)
    void theArchiveFindsAndReturnsWhatWasImported() throws IOException {
        archive.start();
        stunnel = Stunnel.start(root.resolve("stunnel"), archive, List.of(workstation));
        FindScu.Result found = FindScu.query(archive, workstation, "-S", "QueryRetrieveLevel=STUDY", "StudyInstanceUID");
        Set<String> studies = corpus.instances().stream().map(Instance::studyUid)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(studies, new TreeSet<>(found.values("0020,000d")), found::toString);

        java.util.Map<String, List<Instance>> bySeries = new java.util.LinkedHashMap<>();
        corpus.instances().forEach(i -> bySeries.computeIfAbsent(i.seriesUid(), k -> new java.util.ArrayList<>()).add(i));
        for (List<Instance> series : bySeries.values()) {
            Instance first = series.getFirst();
            Path into = root.resolve("got").resolve(first.seriesUid());
            ToolRun got = RetrieveScu.get(stunnel, "WS", into, first.encoding(), "-S", "QueryRetrieveLevel=SERIES",
                    "StudyInstanceUID=" + first.studyUid(), "SeriesInstanceUID=" + first.seriesUid());
            assertEquals(0, got.exitCode(), got::toString);
            assertEquals(List.of(), DataSets.differences(restoreFiles(series), RetrieveScu.receivedByInstanceUid(into),
                    true, root.resolve("converted")));
        }
    }

    @Test
    @Order(4)
    void aSecondRunSkipsEverything() {
        archive.stop();

        ToolRun run = archive.cli("import", root.resolve("corpus").toString(), zip.toString());

        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.output().contains("stored: 0"), run::toString);
        assertTrue(run.output().contains("already imported by an earlier run: " + corpus.instances().size()),
                run::toString);
    }

    /** The corpus instances with the files that went into the zip put back where DataSets expects them. */
    private static List<Instance> restoreFiles(List<Instance> series) throws IOException {
        for (Instance i : series) {
            Path moved = root.resolve("moved-" + i.sopInstanceUid());
            if (!Files.exists(i.file()) && Files.exists(moved)) {
                Files.copy(moved, i.file());
            }
        }
        return series;
    }
}
