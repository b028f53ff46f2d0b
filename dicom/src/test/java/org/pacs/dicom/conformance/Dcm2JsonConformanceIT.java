// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.json.JsonParser;
import org.pacs.dicom.json.JsonSemanticDiff;
import org.pacs.dicom.json.JsonSemanticDiff.Difference;
import org.pacs.dicom.json.JsonWriter;

/**
 * The toolkit's DICOM JSON (PS3.18 Annex F) of every corpus file agrees by meaning with DCMTK's
 * dcm2json, apart from the differences docs/conformance-corpus.md justifies; encapsulated Pixel Data,
 * which dcm2json 3.6.7 cannot write, is compared fragment by fragment with dcmdump +W's output.
 */
class Dcm2JsonConformanceIT {
    @TempDir
    static Path corpusDir;

    private static List<Corpus.Entry> corpus;
    private static KnownDifferences known;
    private static final AtomicInteger COMPARED = new AtomicInteger();

    @BeforeAll
    static void buildCorpus() throws Exception {
        corpus = Corpus.build(corpusDir);
        known = KnownDifferences.load();
    }

    static List<Corpus.Entry> corpus() {
        return corpus;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void jsonAgreesWithDcm2Json(Corpus.Entry entry) throws IOException {
        Attributes ds = Part10Reader.read(entry.file()).dataSet();
        ByteArrayOutputStream ours = new ByteArrayOutputStream();
        JsonWriter.create().write(ds, ours);
        List<Difference> differences = JsonSemanticDiff.create().withValuesInReport(true).compare(
                JsonParser.parse(Files.readString(entry.referenceJson(), StandardCharsets.UTF_8)),
                JsonParser.parse(ours.toString(StandardCharsets.UTF_8)));
        if (entry.pixelDataExcluded()) {
            differences = differences.stream().filter(d -> !d.path().equals("7FE00010")).toList();
        }
        List<Difference> unexplained = known.unexplained(entry.name(), differences);
        COMPARED.incrementAndGet();
        assertTrue(unexplained.isEmpty(), () -> entry.name() + " (" + entry.madeBy() + ") differs from dcm2json"
                + " (first document: dcm2json, second: ours):\n  " + String.join("\n  ",
                        unexplained.stream().map(Difference::toString).toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void encapsulatedPixelDataHasDcmdumpsFragments(Corpus.Entry entry) throws IOException {
        if (!entry.pixelDataExcluded()) {
            return;
        }
        Fragments fragments = Part10Reader.read(entry.file()).dataSet().getFragments(Tag.PIXEL_DATA);
        assertNotNull(fragments, entry.name() + ": Pixel Data not read as fragments");
        List<Path> expected = entry.fragments();
        assertEquals(expected.size(), fragments.size(), entry.name() + ": number of items (offset table included)");
        for (int i = 0; i < expected.size(); i++) {
            Object f = fragments.get(i);
            byte[] bytes;
            if (f instanceof byte[] b) {
                bytes = b;
            } else {
                try (InputStream in = ((BulkData) f).openStream()) {
                    bytes = in.readAllBytes();
                }
            }
            assertArrayEquals(Files.readAllBytes(expected.get(i)), bytes, entry.name() + ": item " + i);
        }
    }

    @Test
    void theCorpusCoversEveryTransferSyntaxTheCodecSupports() {
        List<String> syntaxes = corpus.stream().map(Corpus.Entry::transferSyntax).distinct().toList();
        for (String uid : List.of("1.2.840.10008.1.2", "1.2.840.10008.1.2.1", "1.2.840.10008.1.2.1.99",
                "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.5", "1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.70",
                "1.2.840.10008.1.2.4.80", "none")) {
            assertTrue(syntaxes.contains(uid), "no corpus file in " + uid);
        }
    }

    @AfterAll
    static void everyJustifiedDifferenceStillOccurs() {
        // Only meaningful when every file was compared (not when a single test was selected).
        if (known != null && corpus != null && COMPARED.get() == corpus.size()) {
            assertEquals(List.of(), known.unused(), "known-differences.tsv lines that no corpus file needs any more");
        }
    }
}
