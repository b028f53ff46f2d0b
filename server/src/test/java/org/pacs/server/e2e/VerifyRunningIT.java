// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./pacs verify} on a running archive: a modality stores a small corpus over TLS, verify checks
 * every blob while the archive keeps serving, then finds a byte flipped in one blob, and leaves no
 * scratch files behind.
 */
class VerifyRunningIT {
    @TempDir
    Path root;

    @Test
    void verifiesARunningArchiveAndFindsAFlippedByte() throws Exception {
        TestCorpus corpus = TestCorpus.generate(root.resolve("corpus"), new TestCorpus.Shape("2.25.7301", 2, 1, 1, 2,
                32, 32, List.of(TestCorpus.Encoding.EXPLICIT_LE)));
        try (ArchiveProcess archive = ArchiveProcess.create(root.resolve("archive"))) {
            archive.start();
            AeBundle modality = archive.registerAe("MOD1");
            ToolRun stored = StoreScu.send(modality, archive, "-x=",
                    corpus.instances().stream().map(TestCorpus.Instance::file).toList());
            assertEquals(0, stored.exitCode(), stored.toString());

            ToolRun clean = archive.cli("verify");
            assertEquals(0, clean.exitCode(), clean.toString());
            assertTrue(clean.output().contains("The archive is running"), clean.toString());
            assertTrue(clean.output().contains("summary: 4 verified, 0 damaged, 0 missing, 0 orphans"), clean.toString());
            assertTrue(archive.isRunning(), "the archive kept running");

            Path victim = anyBlob(archive.dataDir());
            flipOneByte(victim);
            ToolRun damaged = archive.cli("verify");
            assertEquals(1, damaged.exitCode(), damaged.toString());
            String id = victim.getFileName().toString().replace(".blob", "");
            assertTrue(damaged.output().contains("DAMAGED: blob " + id), damaged.toString());
            assertTrue(damaged.output().contains("summary: 3 verified, 1 damaged, 0 missing, 0 orphans"),
                    damaged.toString());

            try (Stream<Path> run = Files.list(archive.dataDir().resolve("run"))) {
                List<String> left = run.map(p -> p.getFileName().toString())
                        .filter(n -> n.startsWith("verify-") || n.startsWith("backup-")).toList();
                assertEquals(List.of(), left, "scratch files left in run/");
            }
            assertFalse(archive.log().contains("SEVERE"), archive.log());
        }
    }

    private static Path anyBlob(Path data) throws IOException {
        try (Stream<Path> files = Files.walk(data.resolve("blobs"))) {
            return files.filter(p -> p.toString().endsWith(".blob")).findFirst().orElseThrow();
        }
    }

    private static void flipOneByte(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = ch.size() - 20; // in the last segment's ciphertext (the file header may be most of a small blob)
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x10)).rewind();
            ch.write(b, at);
        }
    }
}
