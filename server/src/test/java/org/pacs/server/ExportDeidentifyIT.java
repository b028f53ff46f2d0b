// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.Part10Reader;

/**
 * {@code pacs export --deidentify} checked by a real peer: DCMTK's {@code dcmdump} reads every exported
 * file; none shows an identifying value of the source, the UIDs agree across the instances (study,
 * series, frame of reference, and a reference to the other instance), the profile is recorded, and
 * the pixel data dcmdump writes out equals the source's.
 */
class ExportDeidentifyIT {
    static final String STUDY = "1.2.826.0.1.3680043.99.77";
    static final String SERIES = STUDY + ".1";

    @TempDir
    Path tmp;

    @Test
    void dcmdumpFindsNothingIdentifyingAndConsistentUids() throws Exception {
        TestArchive archive = new TestArchive(tmp.resolve("data"));
        Attributes first = TestArchive.ct("PID-0815", "Mustermann^Erika", STUDY, SERIES, SERIES + ".1", 1);
        Attributes second = TestArchive.ct("PID-0815", "Mustermann^Erika", STUDY, SERIES, SERIES + ".2", 2);
        Sequence refs = second.newSequence(Tags.SourceImageSequence, 1);
        refs.addItem().setString(Tags.ReferencedSOPInstanceUID, VR.UI, SERIES + ".1");
        second.setString(Tags.OperatorsName, VR.PN, "Operator^Olga");
        second.setString(Tags.StationName, VR.SH, "CT-ROOM-7");
        second.setString(0x00110010, VR.LO, "VENDOR");
        second.setString(0x00111001, VR.LO, "Mustermann secret");
        List<Path> sources = List.of(TestArchive.write(tmp.resolve("in/a.dcm"), first),
                TestArchive.write(tmp.resolve("in/b.dcm"), second));
        assertEquals(0, archive.run("import", tmp.resolve("in").toString()).status());
        Path out = tmp.resolve("out");
        TestArchive.Run run = archive.run("export", "--study", STUDY, "--out", out.toString(), "--deidentify");
        assertEquals(0, run.status(), run::toString);

        List<Path> files;
        try (Stream<Path> walk = Files.walk(out)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(2, files.size());
        List<String> dumps = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path pixels = tmp.resolve("pixels" + i);
            Files.createDirectories(pixels);
            String dump = dcmdump("+L", "+W", pixels.toString(), files.get(i).toString());
            dumps.add(dump);
            for (String identifying : List.of("Mustermann", "Erika", "PID-0815", STUDY, "Olga", "CT-ROOM-7",
                    "VENDOR", "ACC1", "ACC2", "Referrer", "19700101", "20240102")) {
                assertFalse(dump.contains(identifying), files.get(i) + " shows " + identifying + ":\n" + dump);
            }
            assertTrue(dump.contains("(0012,0062) CS [YES]"), dump);
            assertTrue(dump.contains("(0008,0100) SH [113100]"), dump);
            assertTrue(dump.contains("Basic Application Confidentiality Profile"), dump);
            try (Stream<Path> raw = Files.list(pixels)) {
                Path written = raw.filter(p -> p.getFileName().toString().endsWith(".raw")).findFirst().orElseThrow();
                byte[] original = Part10Reader.read(sources.get(i)).dataSet().getBytes(Tags.PixelData);
                assertArrayEquals(original, Files.readAllBytes(written), "pixel data untouched");
            }
        }
        assertEquals(value(dumps.get(0), "0020,000d"), value(dumps.get(1), "0020,000d"));
        assertEquals(value(dumps.get(0), "0020,000e"), value(dumps.get(1), "0020,000e"));
        assertEquals(value(dumps.get(0), "0020,0052"), value(dumps.get(1), "0020,0052"));
        assertTrue(value(dumps.get(0), "0020,000d").startsWith("2.25."));
        assertEquals(value(dumps.get(0), "0008,0018"), value(dumps.get(1), "0008,1155"),
                "Source Image Sequence of the second names the first's new SOP Instance UID");
    }

    /** The first value of a tag in dcmdump's output. */
    private static String value(String dump, String tag) {
        Matcher m = Pattern.compile("\\(" + tag + "\\) \\w\\w \\[([^\\]]*)\\]").matcher(dump);
        assertTrue(m.find(), tag + " not in\n" + dump);
        return m.group(1);
    }

    private String dcmdump(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("dcmdump"));
        command.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "dcmdump", ".txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dcmdump still running after 30 s");
        }
        String output = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertEquals(0, p.exitValue(), output);
        return output;
    }
}
