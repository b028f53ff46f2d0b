// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The conformance corpus of {@code scripts/corpus/build.sh}, built with DCMTK into a directory, and its
 * manifest: per file, the transfer syntax, how it was made, whose dcm2json output is the reference and
 * whether that reference covers every element or all but Pixel Data (see docs/conformance-corpus.md).
 */
final class Corpus {
    /** Where build.sh wrote the file's reference: dcm2json's own output, or that of a stand-in. */
    record Entry(Path dir, String name, String transferSyntax, String madeBy, String referenceFrom, String compared) {
        Path file() {
            return dir.resolve(name + ".dcm");
        }

        Path referenceJson() {
            return dir.resolve("reference").resolve(name + ".json");
        }

        /** True if the reference lacks Pixel Data (dcm2json 3.6.7 cannot write encapsulated Pixel Data). */
        boolean pixelDataExcluded() {
            return compared.equals("all but 7FE00010");
        }

        /** The encapsulated Pixel Data items as dcmdump +W wrote them, Basic Offset Table first. */
        List<Path> fragments() throws IOException {
            Path d = dir.resolve("reference").resolve(name + ".fragments");
            try (Stream<Path> s = Files.list(d)) {
                return s.sorted(Comparator.comparingInt(Corpus::itemIndex)).toList();
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Corpus() {
    }

    /** Runs build.sh into {@code dir} (bounded: two minutes) and returns the manifest's entries. */
    static List<Entry> build(Path dir) throws IOException, InterruptedException {
        Path script = repositoryRoot().resolve("scripts/corpus/build.sh");
        Path log = Files.createTempFile("corpus-build", ".log");
        try {
            Process p = new ProcessBuilder("bash", script.toString(), dir.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("build.sh took longer than 120 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("build.sh failed (is DCMTK installed?):\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
        return manifest(dir);
    }

    static List<Entry> manifest(Path dir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("MANIFEST.tsv"));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t", -1);
            entries.add(new Entry(dir, f[0], f[1], f[2], f[3], f[4]));
        }
        return entries;
    }

    /** The checkout's root: the nearest directory upwards from the working directory holding scripts/corpus. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("scripts/corpus/build.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("scripts/corpus/build.sh not found above " + Path.of("").toAbsolutePath());
    }

    /** "NAME.dcm.3.raw" → 3. */
    private static int itemIndex(Path p) {
        String n = p.getFileName().toString();
        String[] parts = n.substring(0, n.length() - ".raw".length()).split("\\.");
        return Integer.parseInt(parts[parts.length - 1]);
    }
}
