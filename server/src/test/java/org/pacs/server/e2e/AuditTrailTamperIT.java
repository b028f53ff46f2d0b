// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail written by the real archive is tamper-evident: with the archive stopped, changing one
 * byte of a segment or cutting off its newest records makes {@code ./pacs audit verify} fail (exit 1,
 * naming the first bad record), and the archive refuses to start on (and so to append to) such a trail.
 */
class AuditTrailTamperIT {
    @TempDir
    static Path root;
    static ArchiveProcess archive;
    /** A pristine copy of the stopped archive's data directory, for the truncation case. */
    static Path pristine;

    @BeforeAll
    static void writeATrailAndStop() throws IOException {
        archive = ArchiveProcess.create(root.resolve("archive"));
        archive.start();
        AeBundle ct = archive.registerAe("CT1");
        for (String called : List.of(ArchiveProcess.AE_TITLE, "NOT_PACS", ArchiveProcess.AE_TITLE)) {
            List<String> echo = new ArrayList<>(List.of("echoscu", "-to", "10", "-ta", "10"));
            echo.addAll(ct.dcmtkTls());
            echo.addAll(List.of("-aet", "CT1", "-aec", called, archive.host(), Integer.toString(archive.port())));
            Tools.run(Tools.DEFAULT_TIMEOUT, echo);
        }
        archive.stop();
        ToolRun intact = archive.cli("audit", "verify");
        assertEquals(0, intact.exitCode(), intact::toString);
        assertTrue(intact.output().contains("audit trail intact"), intact::toString);
        pristine = root.resolve("pristine");
        copyTree(archive.root(), pristine);
    }

    @AfterAll
    static void stopArchive() {
        if (archive != null) {
            archive.close();
        }
    }

    @Test
    void verifyFailsAfterOneByteOfASegmentIsFlippedAndTheArchiveRefusesToStart() throws IOException {
        Path segment = largestSegment(archive.dataDir());
        byte[] bytes = Files.readAllBytes(segment);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(segment, bytes);

        ToolRun verify = archive.cli("audit", "verify");

        assertEquals(1, verify.exitCode(), verify::toString);
        assertTrue(verify.output().contains("audit trail BROKEN at record"), verify::toString);

        AssertionError refused = assertThrows(AssertionError.class, archive::start);
        assertTrue(refused.getMessage().contains("the audit trail is damaged at record"), refused::getMessage);
        assertFalse(archive.isRunning());
        ToolRun stillBroken = archive.cli("audit", "verify");
        assertEquals(verify.output(), stillBroken.output(), "nothing was appended to or repaired in the trail");
    }

    @Test
    void verifyFailsAfterTheNewestRecordsAreCutOff() throws IOException {
        ArchiveProcess copy = ArchiveProcess.reopen(archive, pristine);
        Path segment = largestSegment(copy.dataDir());
        byte[] bytes = Files.readAllBytes(segment);
        Files.write(segment, Arrays.copyOf(bytes, bytes.length * 2 / 3));

        ToolRun verify = copy.cli("audit", "verify");

        assertEquals(1, verify.exitCode(), verify::toString);
        assertTrue(verify.output().contains("audit trail BROKEN"), verify::toString);
    }

    static Path largestSegment(Path dataDir) throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("audit"))) {
            return files.filter(f -> f.getFileName().toString().matches("segment-\\d+\\.log"))
                    .max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
    }

    static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file)));
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
