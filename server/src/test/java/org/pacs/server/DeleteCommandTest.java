// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.auth.audit.AuditEvent;

class DeleteCommandTest {
    @TempDir
    Path tmp;
    TestArchive archive;

    /** Patient P1 with two studies, patient P2 with one. */
    @BeforeEach
    void storeStudies() throws IOException {
        archive = new TestArchive(tmp.resolve("data"));
        Path in = tmp.resolve("in");
        TestArchive.write(in.resolve("1.dcm"), TestArchive.ct("P1", "A^B", "1.2.5.1", "1.2.5.1.1", "1.2.5.1.1.1", 1));
        TestArchive.write(in.resolve("2.dcm"), TestArchive.ct("P1", "A^B", "1.2.5.1", "1.2.5.1.1", "1.2.5.1.1.2", 2));
        TestArchive.write(in.resolve("3.dcm"), TestArchive.ct("P1", "A^B", "1.2.5.2", "1.2.5.2.1", "1.2.5.2.1.1", 3));
        TestArchive.write(in.resolve("4.dcm"), TestArchive.ct("P2", "C^D", "1.2.5.3", "1.2.5.3.1", "1.2.5.3.1.1", 4));
        assertEquals(0, archive.run("import", in.toString()).status());
    }

    private long blobFiles() throws IOException {
        try (Stream<Path> s = Files.walk(archive.data.resolve("blobs"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".blob")).count();
        }
    }

    @Test
    void deletesAStudyWithItsRowsAndBlobsAndAuditsIt() throws IOException {
        TestArchive.Run run = archive.run("delete", "--study", "1.2.5.1", "--yes");

        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().contains("deleted 1 studies (2 instances)"), run::toString);
        assertEquals(List.of(), archive.withCatalog(c -> c.findInstances(QueryRetrieveLevel.STUDY, "1.2.5.1")));
        assertEquals(2L, (long) archive.<Long>withCatalog(c -> c.countInstances()));
        assertEquals(2, blobFiles(), "the study's two blobs are gone, the others stay");
        List<AuditEvent> deleted = archive.auditEvents().stream()
                .filter(e -> e.eventId().code().equals("110105")).toList();
        assertEquals(1, deleted.size());
        assertTrue(deleted.get(0).participantObjects().stream().anyMatch(o -> o.id().equals("1.2.5.1")));
        assertTrue(deleted.get(0).participantObjects().stream().anyMatch(o -> o.id().equals("P1")));
    }

    @Test
    void deletesEveryStudyOfAPatientAndThePatient() throws IOException {
        TestArchive.Run run = archive.run("delete", "--patient", "P1", "--yes");

        assertEquals(0, run.status(), run::toString);
        assertEquals(1L, (long) archive.<Long>withCatalog(c -> c.countPatients()));
        assertEquals(1L, (long) archive.<Long>withCatalog(c -> c.countStudies()));
        assertEquals(1, blobFiles());
    }

    @Test
    void onlySaysWhatItWouldDeleteWithoutYes() throws IOException {
        TestArchive.Run run = archive.run("delete", "--patient", "P1");

        assertEquals(2, run.status());
        assertTrue(run.out().contains("would delete 2 studies (3 instances)"), run::toString);
        assertEquals(4L, (long) archive.<Long>withCatalog(c -> c.countInstances()));
    }

    @Test
    void refusesWhileTheArchiveRuns() throws IOException {
        Properties status = new Properties();
        status.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        new ServerStatusFile(archive.data).write(status);

        TestArchive.Run run = archive.run("delete", "--study", "1.2.5.1", "--yes");

        assertEquals(1, run.status());
        assertTrue(run.err().contains("nothing was deleted"), run::toString);
        new ServerStatusFile(archive.data).delete();
        assertEquals(4L, (long) archive.<Long>withCatalog(c -> c.countInstances()));
    }

    @Test
    void saysSoWhenNothingMatches() {
        TestArchive.Run run = archive.run("delete", "--patient", "NOBODY", "--yes");

        assertEquals(1, run.status());
        assertTrue(run.err().contains("no such patient"), run::toString);
    }
}
