// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.FileBulkData;

class JsonReaderTest {

    /** The DICOM JSON Model example of PS3.18 §F.4 (its first data set), transcribed in the resource. */
    @Nested
    class Ps3_18_F4_Example {
        static Attributes example;

        @BeforeAll
        static void read() throws IOException {
            try (InputStream in = JsonReaderTest.class.getResourceAsStream("ps3.18-f4-example.json")) {
                example = JsonReader.create().read(in);
            }
        }

        @ParameterizedTest(name = "({0}) {1} = {2}")
        @CsvSource(delimiter = '|', value = {
            "00080005 | CS | ISO_IR 192",
            "00080020 | DA | 20130409",
            "00080030 | TM | 131600.0000",
            "00080050 | SH | 11235813",
            "00080056 | CS | ONLINE",
            "00080061 | CS | CT\\PET",
            "00080090 | PN | ^Bob^^Dr.",
            "00081190 | UR | http://wado.nema.org/studies/1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873",
            "00090010 | LO | Vendor A",
            "00100010 | PN | Wang^XiaoDong=王^小東",
            "00100020 | LO | 12345",
            "00100021 | LO | Hospital A",
            "00100030 | DA | 19670701",
            "00100040 | CS | M",
            "0020000D | UI | 1.2.392.200036.9116.2.2.2.1762893313.1029997326.945873",
            "00200010 | SH | 11235813",
            "00201206 | IS | 4",
            "00201208 | IS | 942",
        })
        void attributeHasItsValue(String tag, VR vr, String value) {
            int t = (int) Long.parseLong(tag, 16);
            assertEquals(vr, example.getVR(t));
            assertEquals(value, String.join("\\", example.getStrings(t)));
        }

        @Test
        void privateUnknownAttributeIsItsBase64Bytes() {
            assertEquals(VR.UN, example.getVR(0x00091002));
            assertArrayEquals(Base64.getDecoder().decode("z0x9c8v7"), example.getBytes(0x00091002));
            assertEquals("Vendor A", example.privateCreatorOf(0x00091002));
        }

        @Test
        void sequenceItemsAreDataSets() {
            Sequence other = example.getSequence(0x00101002);
            assertEquals(2, other.size());
            assertEquals("54321", other.get(0).getString(0x00100020));
            assertEquals("Hospital B", other.get(0).getString(0x00100021));
            assertEquals("24680", other.get(1).getString(0x00100020));
            assertEquals("Hospital C", other.get(1).getString(0x00100021));
        }

        @Test
        void writingItBackIsSemanticallyTheSameDocument() throws IOException {
            JsonValue original;
            try (InputStream in = JsonReaderTest.class.getResourceAsStream("ps3.18-f4-example.json")) {
                original = JsonParser.parse(in, JsonLimits.defaults());
            }
            JsonValue written = JsonParser.parse(CodecTestData.json(example));
            assertEquals(List.of(), JsonSemanticDiff.create().withBulkDataFormMayDiffer(false).compare(original, written));
            assertEquals(original, written, "even textually equal values");
        }
    }

    @Test
    void multipleResultsOfPs3_18_F2_1_1_2AreAList() throws IOException {
        try (InputStream in = JsonReaderTest.class.getResourceAsStream("ps3.18-f2-1-1-2-multiple-results.json")) {
            List<Attributes> results = JsonReader.create().readAll(in);
            assertEquals(2, results.size());
            assertEquals("1.2.392.200036.9116.2.2.2.2162893313.1029997326.945876", results.get(1).getString(0x0020000D));
        }
    }

    @Nested
    class Values {
        @Test
        void valueMayComeBeforeVr() throws IOException {
            Attributes a = CodecTestData.read("{\"00280010\":{\"Value\":[512],\"vr\":\"US\"}}");
            assertEquals(512, a.getInt(0x00280010, -1));
        }

        @Test
        void nullsAreEmptyValues() throws IOException {
            Attributes a = CodecTestData.read("{\"00080008\":{\"vr\":\"CS\",\"Value\":[\"DERIVED\",null,\"RT\"]},"
                    + "\"00100010\":{\"vr\":\"PN\",\"Value\":[null,{\"Alphabetic\":\"A\"}]}}");
            assertArrayEquals(new String[] {"DERIVED", "", "RT"}, a.getStrings(0x00080008));
            assertArrayEquals(new String[] {"", "A"}, a.getStrings(0x00100010));
        }

        @Test
        void attributeWithOnlyVrIsPresentAndEmpty() throws IOException {
            Attributes a = CodecTestData.read("{\"00080090\":{\"vr\":\"PN\"},\"00081110\":{\"vr\":\"SQ\"}}");
            assertTrue(a.contains(0x00080090));
            assertEquals(0, a.getStrings(0x00080090).length);
            assertEquals(0, a.getSequence(0x00081110).size());
        }

        @Test
        void personNameGroupsAreJoinedWithEqualsSigns() throws IOException {
            Attributes a = CodecTestData.read("{\"00100010\":{\"vr\":\"PN\",\"Value\":["
                    + "{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\",\"Phonetic\":\"やまだ^たろう\"},"
                    + "{\"Phonetic\":\"ph\"},{\"Ideographic\":\"id\"},{}]}}");
            assertArrayEquals(new String[] {"Yamada^Tarou=山田^太郎=やまだ^たろう", "==ph", "=id", ""},
                    a.getStrings(0x00100010));
        }

        @Test
        void numbersMayBeStringsWhereTheStandardAllowsIt() throws IOException {
            Attributes a = CodecTestData.read("{\"00281050\":{\"vr\":\"DS\",\"Value\":[\"+1.50\",2.5e1]},"
                    + "\"00720083\":{\"vr\":\"UV\",\"Value\":[\"18446744073709551615\"]}}");
            assertArrayEquals(new String[] {"+1.50", "2.5e1"}, a.getStrings(0x00281050));
            assertEquals(-1L, a.getLongs(0x00720083)[0]);
        }

        @Test
        void integralNumbersInExponentFormAreAccepted() throws IOException {
            Attributes a = CodecTestData.read("{\"00280010\":{\"vr\":\"US\",\"Value\":[5.12e2, 1.0]}}");
            assertArrayEquals(new int[] {512, 1}, a.getInts(0x00280010));
        }
    }

    @Nested
    class Rejects {
        /** Each case: the JSON, the text at which the error must point, and the reason. */
        @ParameterizedTest(name = "{2}")
        @CsvSource(delimiter = '|', value = {
            "{\"00280010\":{\"Value\":[1]}} | {\"Value | no \"vr\"",
            "{\"00280010\":{\"vr\":\"XX\"}} | \"XX | not a VR",
            "{\"0028001g\":{\"vr\":\"US\"}} | {\"vr | not 8 upper-case",
            "{\"00280010\":{\"vr\":\"US\",\"Value\":[65536]}} | 65536 | US value must be an integer",
            "{\"00280010\":{\"vr\":\"US\",\"Value\":[-1]}} | -1 | US value must be an integer",
            "{\"00280010\":{\"vr\":\"US\",\"Value\":[1.5]}} | 1.5 | US value must be an integer",
            "{\"00280010\":{\"vr\":\"US\",\"Value\":[1e999999999]}} | 1e999999999 | US value must be an integer",
            "{\"00280010\":{\"vr\":\"US\",\"Value\":[1e99999999999]}} | 1e99999999999 | US value must be an integer",
            "{\"00280010\":{\"vr\":\"US\",\"Value\":[\"1\"]}} | \"1\"] | US value must be an integer",
            "{\"00280010\":{\"vr\":\"US\",\"Value\":[null]}} | null | US value must be an integer",
            "{\"00720076\":{\"vr\":\"FL\",\"Value\":[1e39]}} | 1e39 | out of range for FL",
            "{\"00720060\":{\"vr\":\"AT\",\"Value\":[\"0010\"]}} | \"0010\" | GGGGEEEE",
            "{\"00200013\":{\"vr\":\"IS\",\"Value\":[2147483648]}} | 2147483648 | IS value is not an integer",
            "{\"00100020\":{\"vr\":\"LO\",\"Value\":[12]}} | 12 | must be a string",
            "{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"a\\\\b\"]}} | \"a | must not contain",
            "{\"00100010\":{\"vr\":\"PN\",\"Value\":[\"Doe^John\"]}} | \"Doe | object of component groups",
            "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetical\":\"x\"}]}} | \"x\" | Alphabetic, Ideographic or Phonetic",
            "{\"00100010\":{\"vr\":\"PN\",\"Value\":[{\"Alphabetic\":\"a=b\"}]}} | \"a=b | without '='",
            "{\"7FE00010\":{\"vr\":\"OB\",\"Value\":[1]}} | [1] | InlineBinary or BulkDataURI",
            "{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"A\"}} | \"A\" | not base64",
            "{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"AA==\",\"Value\":[]}} | [] | both InlineBinary and Value",
            "{\"00100020\":{\"vr\":\"LO\",\"InlineBinary\":\"AA==\"}} | \"AA== | InlineBinary not allowed",
            "{\"00100020\":{\"vr\":\"LO\",\"Value\":\"x\"}} | \"x\" | Value is not an array",
            "{\"00100020\":{\"vr\":\"LO\",\"value\":[\"x\"]}} | [\"x | unexpected member",
            "{\"00081110\":{\"vr\":\"SQ\",\"Value\":[1]}} | 1] | expected a DICOM JSON object",
            "{\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"file:///etc/passwd?offset=0&length=4\"}} | \"file | not resolved",
            "[] | [] | expected a DICOM JSON object",
        })
        void invalidModelWithOffset(String json, String at, String reason) {
            DicomException e = assertThrows(DicomException.class, () -> CodecTestData.read(json));
            assertTrue(e.reason().contains(reason), e.getMessage());
            assertEquals(json.indexOf(at), e.offset(), e.getMessage());
        }

        @Test
        void deepSequenceNestingWithinTheJsonDepthLimit() {
            String item = "{\"00081110\":{\"vr\":\"SQ\",\"Value\":[";
            String json = item.repeat(100) + "]}}".repeat(100);
            DicomException e = assertThrows(DicomException.class, () -> CodecTestData.read(json));
            assertTrue(e.reason().contains("nesting deeper than"), e.getMessage());
        }
    }

    @Nested
    class BulkDataUris_ {
        @Test
        void fileUrisUnderTheRootResolveToFileReferences(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("p.raw");
            Files.write(file, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
            String json = "{\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"" + file.toUri() + "?offset=2&length=6\"}}";
            Attributes a = JsonReader.create().withBulkDataResolver(BulkDataResolver.files(dir))
                    .read(new java.io.StringReader(json));
            FileBulkData f = assertInstanceOf(FileBulkData.class, a.getBulkData(0x7FE00010));
            assertEquals(2, f.offset());
            assertEquals(6, f.length());
        }

        @Test
        void fileUrisOutsideTheRootOrBeyondTheFileAreRejected(@TempDir Path dir) throws IOException {
            Path inside = Files.createDirectory(dir.resolve("in"));
            Path outside = dir.resolve("secret");
            Files.write(outside, new byte[10]);
            Files.write(inside.resolve("p.raw"), new byte[10]);
            BulkDataResolver r = BulkDataResolver.files(inside);
            assertNull(r.resolve(outside.toUri() + "?offset=0&length=4", 0x7FE00010, VR.OB));
            assertNull(r.resolve(inside.toUri() + "../secret?offset=0&length=4", 0x7FE00010, VR.OB));
            assertNull(r.resolve(inside.resolve("p.raw").toUri() + "?offset=8&length=4", 0x7FE00010, VR.OB));
            assertNull(r.resolve("https://example.org/x", 0x7FE00010, VR.OB));
        }
    }
}
