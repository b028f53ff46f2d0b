// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.json.JsonParser;
import org.pacs.dicom.json.JsonReader;
import org.pacs.dicom.json.JsonSemanticDiff;
import org.pacs.dicom.json.JsonValue;
import org.pacs.dicom.json.JsonWriter;

class DumpCommandTest {
    @TempDir
    Path dir;
    Path image;
    Attributes imageDataSet;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void writeFiles() throws IOException {
        imageDataSet = new Attributes();
        imageDataSet.setString(0x00080005, VR.CS, "ISO_IR 192");
        imageDataSet.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        imageDataSet.setString(0x00080018, VR.UI, "1.2.826.0.1.3680043.8.498.7");
        imageDataSet.setString(0x00100010, VR.PN, "Müller^Jürgen=ミュラー^ユルゲン");
        imageDataSet.setString(0x00104000, VR.LT, "line one\r\nline two " + "x".repeat(100));
        Sequence seq = imageDataSet.newSequence(0x00081110, 1);
        seq.addItem().setString(0x00081150, VR.UI, "1.2.840.10008.3.1.2.3.1");
        imageDataSet.setInt(0x00280010, VR.US, 64);
        imageDataSet.setBytes(0x7FE00010, VR.OW, new byte[64 * 64 * 2]);
        image = dir.resolve("image.dcm");
        Part10Writer.write(image, Part10Writer.fileMetaInformation(imageDataSet, "1.2.840.10008.1.2.1"), imageDataSet);
    }

    private int run(String... args) {
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Nested
    class ReadableDump {
        @Test
        void showsTagVrKeywordAndValuePerLine() {
            assertEquals(0, run("dump", image.toString()));
            List<String> lines = Arrays.asList(out().split("\n"));
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("(0010,0010) PN PatientName")
                    && l.endsWith("[Müller^Jürgen=ミュラー^ユルゲン]")), out());
            assertTrue(lines.stream().anyMatch(l -> l.startsWith("(0002,0010) UI TransferSyntaxUID")), out());
        }

        @Test
        void indentsItemsAndCountsThem() {
            run("dump", image.toString());
            String o = out();
            assertTrue(o.contains("(0008,1110) SQ ReferencedStudySequence"), o);
            assertTrue(o.contains(" 1 item\n  > Item 1\n    (0008,1150) UI ReferencedSOPClassUID"), o);
        }

        @Test
        void cutsLongValuesAndShowsControlCharacters() {
            run("dump", image.toString());
            String lt = Arrays.stream(out().split("\n")).filter(l -> l.startsWith("(0010,4000)")).findFirst().orElseThrow();
            assertTrue(lt.contains("[line one\\r\\nline two xxx"), lt);
            assertTrue(lt.endsWith("... (119 characters)]"), lt);
        }

        @Test
        void showsBulkDataAsItsSize() {
            run("dump", image.toString());
            assertTrue(out().contains("PixelData") && out().contains("<8192 bytes>"), out());
        }
    }

    @Nested
    class Json {
        @Test
        void writesTheDicomJsonModelWithFileUrisForBulkData() throws IOException {
            assertEquals(0, run("dump", "--json", image.toString()));
            JsonValue doc = JsonParser.parse(out());
            String pixelData = ((JsonValue.JsonObject) ((JsonValue.JsonObject) doc).get("7FE00010")).get("BulkDataURI").toString();
            assertTrue(pixelData.contains(image.toUri() + "?offset="), pixelData);
        }

        @Test
        void inlineWritesEverythingInlineAndReadsBackEqual() throws IOException {
            assertEquals(0, run("dump", "--json", "--inline", image.toString()));
            Attributes back = JsonReader.create().read(new ByteArrayInputStream(out.toByteArray()));
            assertEquals(Part10Reader.read(image).dataSet(), back);
        }

        @Test
        void severalFilesMakeOneArray() throws IOException {
            assertEquals(0, run("dump", "--json", "--inline", image.toString(), image.toString()));
            JsonValue doc = JsonParser.parse(out());
            assertEquals(2, ((JsonValue.JsonArray) doc).size());
            ByteArrayOutputStream single = new ByteArrayOutputStream();
            JsonWriter.create().write(imageDataSet, single);
            assertEquals(List.of(), JsonSemanticDiff.create().compare(
                    JsonParser.parse(single.toString(StandardCharsets.UTF_8)), ((JsonValue.JsonArray) doc).get(1)));
        }
    }

    @Test
    void xmlIsTheNativeDicomModel() throws Exception {
        assertEquals(0, run("dump", "--xml", "--inline", image.toString()));
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        var root = f.newDocumentBuilder().parse(new ByteArrayInputStream(out.toByteArray())).getDocumentElement();
        assertEquals("NativeDicomModel", root.getLocalName());
        assertTrue(out().contains("<FamilyName>Müller</FamilyName>"), out());
    }

    @Nested
    class BadFiles {
        @Test
        void reportsNameOffsetAndReasonAndDumpsTheOthers() throws IOException {
            byte[] whole = Files.readAllBytes(image);
            Path truncated = dir.resolve("truncated.dcm");
            Files.write(truncated, Arrays.copyOf(whole, 400));
            assertEquals(1, run("dump", "--json", "--inline", truncated.toString(), image.toString()));
            assertTrue(err().startsWith("pacs dump: " + truncated + ": offset "), err());
            JsonValue doc = JsonParser.parse(out());
            assertEquals(1, ((JsonValue.JsonArray) doc).size(), "the good file is still dumped");
        }

        @Test
        void missingFileIsNamed() {
            assertEquals(1, run("dump", dir.resolve("none.dcm").toString()));
            assertTrue(err().contains("none.dcm: no such file"), err());
        }

        @Test
        void errorsCarryNoPatientData() throws IOException {
            byte[] whole = Files.readAllBytes(image);
            Path truncated = dir.resolve("t.dcm");
            Files.write(truncated, Arrays.copyOf(whole, whole.length - 100));
            run("dump", truncated.toString());
            assertFalse(err().contains("Müller"), err());
        }
    }

    @Nested
    class Usage {
        @Test
        void unknownOptionIsAUsageError() {
            assertEquals(2, run("dump", "--yaml", image.toString()));
            assertTrue(err().contains("unknown option --yaml"), err());
        }

        @Test
        void noFileIsAUsageError() {
            assertEquals(2, run("dump", "--json"));
        }

        @Test
        void jsonAndXmlExcludeEachOther() {
            assertThrows(UsageException.class, () -> new DumpCommand().run(new String[] {"--json", "--xml", "x"},
                    new PrintStream(out), new PrintStream(err)));
        }

        @Test
        void isListedInHelp() {
            run("help");
            assertTrue(out().contains("dump [--json|--xml]"), out());
        }
    }
}
