// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacs.dicom.json.CodecTestData.json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.FileBulkData;

class JsonWriterTest {

    @Nested
    class NumberForms {
        /** PS3.18 Table F.2.3-1: DS and IS are JSON numbers; values that are not decimals stay strings. */
        @ParameterizedTest(name = "DS \"{0}\" → {1}")
        @CsvSource(delimiter = '|', value = {
            "1.25    | 1.25",
            "-3e2    | -3e2",
            "+4.0    | 4.0",
            ".5      | 0.5",
            "-.5     | -0.5",
            "1.      | 1",
            "007.50  | 7.50",
            "1E+05   | 1E+05",
            "abc     | \"abc\"",
            "1,5     | \"1,5\"",
        })
        void decimalStringsAreNumbersWithTheSameValue(String ds, String json) throws IOException {
            Attributes a = new Attributes();
            a.setString(0x00281050, VR.DS, ds);
            assertEquals("{\"00281050\":{\"vr\":\"DS\",\"Value\":[" + json + "]}}", json(a));
        }

        @ParameterizedTest(name = "IS \"{0}\" → {1}")
        @CsvSource(delimiter = '|', value = {"7 | 7", "-12 | -12", "+3 | 3", "007 | 7", "-0 | -0", "1.5 | \"1.5\""})
        void integerStrings(String is, String json) throws IOException {
            Attributes a = new Attributes();
            a.setString(0x00200013, VR.IS, is);
            assertEquals("{\"00200013\":{\"vr\":\"IS\",\"Value\":[" + json + "]}}", json(a));
        }

        @Test
        void floatingPointIsTheShortestFormThatReadsBackExactly() throws IOException {
            Attributes a = new Attributes();
            a.setDouble(0x00720074, VR.FD, 0.1, 1e300, -0.0, 3.0, 1e-7, Math.PI);
            a.setDouble(0x00720076, VR.FL, 0.1, 2.5, 1e-7);
            String json = json(a);
            assertTrue(json.contains("\"FD\",\"Value\":[0.1,1E300,-0,3,1E-7,3.141592653589793]"), json);
            assertTrue(json.contains("\"FL\",\"Value\":[0.1,2.5,1E-7]"), json);
            Attributes back = CodecTestData.read(json);
            assertEquals(a, back);
        }

        @Test
        void nonFiniteFloatsAreStrings() throws IOException {
            Attributes a = new Attributes();
            a.setDouble(0x00720074, VR.FD, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
            String json = json(a);
            assertTrue(json.contains("[\"NaN\",\"Infinity\",\"-Infinity\"]"), json);
            assertEquals(a, CodecTestData.read(json));
        }

        @Test
        void sixtyFourBitValuesBeyondDoublePrecisionAreStrings() throws IOException {
            Attributes a = new Attributes();
            a.setBytes(0x00720082, VR.SV, le(Long.MIN_VALUE, -1L, 1L << 53));
            a.setBytes(0x00720083, VR.UV, le(-1L, 1L << 53, (1L << 53) + 1));
            String json = json(a);
            assertTrue(json.contains("\"SV\",\"Value\":[\"-9223372036854775808\",-1,9007199254740992]"), json);
            assertTrue(json.contains("\"UV\",\"Value\":[\"18446744073709551615\",9007199254740992,\"9007199254740993\"]"), json);
            assertEquals(a, CodecTestData.read(json));
        }

        @Test
        void unsignedLongIsUnsigned() throws IOException {
            Attributes a = new Attributes();
            a.setInt(0x00720078, VR.UL, 0xFFFFFFFE);
            assertEquals("{\"00720078\":{\"vr\":\"UL\",\"Value\":[4294967294]}}", json(a));
        }
    }

    @Nested
    class PersonNames {
        @Test
        void componentGroupsBecomeObjectMembers() throws IOException {
            Attributes a = new Attributes();
            a.setString(0x00080005, VR.CS, "ISO_IR 192");
            a.setString(0x00100010, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", "Doe^John", "", "==ph^on");
            String json = json(a);
            assertTrue(json.contains("\"Value\":[{\"Alphabetic\":\"Yamada^Tarou\",\"Ideographic\":\"山田^太郎\","
                    + "\"Phonetic\":\"やまだ^たろう\"},{\"Alphabetic\":\"Doe^John\"},null,{\"Phonetic\":\"ph^on\"}]"), json);
        }
    }

    @Nested
    class EmptyValues {
        @Test
        void emptyElementHasOnlyItsVr() throws IOException {
            Attributes a = new Attributes();
            a.setNull(0x00080090, VR.PN);
            a.setNull(0x00081030, VR.LO);
            a.setNull(0x00280010, VR.US);
            a.setNull(0x00091001, VR.OB);
            a.newSequence(0x00081110, 0);
            assertEquals("{\"00080090\":{\"vr\":\"PN\"},\"00081030\":{\"vr\":\"LO\"},\"00081110\":{\"vr\":\"SQ\"},"
                    + "\"00091001\":{\"vr\":\"OB\"},\"00280010\":{\"vr\":\"US\"}}", json(a));
        }

        @Test
        void emptyValuesAmongOthersAreNull() throws IOException {
            Attributes a = new Attributes();
            a.setString(0x00100020, VR.LO, "A", "", "C");
            assertEquals("{\"00100020\":{\"vr\":\"LO\",\"Value\":[\"A\",null,\"C\"]}}", json(a));
        }

        @Test
        void emptyItemIsEmptyObject() throws IOException {
            Attributes a = new Attributes();
            a.newSequence(0x00081110, 1).addItem();
            assertEquals("{\"00081110\":{\"vr\":\"SQ\",\"Value\":[{}]}}", json(a));
        }
    }

    @Nested
    class Structure {
        @Test
        void groupLengthsAreLeftOut() throws IOException {
            Attributes a = new Attributes();
            a.setInt(0x00080000, VR.UL, 10);
            a.setString(0x00080060, VR.CS, "OT");
            assertEquals("{\"00080060\":{\"vr\":\"CS\",\"Value\":[\"OT\"]}}", json(a));
        }

        @Test
        void attributeTagsAreEightUpperCaseHexDigits() throws IOException {
            Attributes a = new Attributes();
            a.setInt(0x00720060, VR.AT, 0x00100010, 0x7FE00010);
            assertEquals("{\"00720060\":{\"vr\":\"AT\",\"Value\":[\"00100010\",\"7FE00010\"]}}", json(a));
        }

        @Test
        void stringsAreEscaped() throws IOException {
            Attributes a = new Attributes();
            a.setString(0x00104000, VR.LT, "say \"hi\"\r\n\ttab\u0001");
            assertEquals("{\"00104000\":{\"vr\":\"LT\",\"Value\":[\"say \\\"hi\\\"\\r\\n\\ttab\\u0001\"]}}", json(a));
        }

        @Test
        void indentedOutputParsesToTheSameTree() throws IOException {
            Attributes ds = CodecTestData.everyVR();
            String compact = json(ds);
            String pretty = json(JsonWriter.create().withIndent(true), ds);
            assertTrue(pretty.contains("\n  \"00080005\": {\n    \"vr\": \"CS\""), pretty);
            assertEquals(JsonParser.parse(compact), JsonParser.parse(pretty));
        }

        @Test
        void multipleResultsAreOneArray() throws IOException {
            Attributes a = new Attributes();
            a.setString(0x0020000D, VR.UI, "1.2.3");
            Attributes b = new Attributes();
            b.setString(0x0020000D, VR.UI, "1.2.4");
            var out = new java.io.ByteArrayOutputStream();
            JsonWriter.create().writeAll(List.of(a, b), out);
            assertEquals("[{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.3\"]}},"
                    + "{\"0020000D\":{\"vr\":\"UI\",\"Value\":[\"1.2.4\"]}}]", out.toString());
        }
    }

    @Nested
    class BulkDataForms {
        @Test
        void valuesAboveTheThresholdBecomeUrisFromTheCallerWithTheirPath() throws IOException {
            Attributes a = new Attributes();
            a.newSequence(0x00540016, 1).addItem().setBytes(0x00091010, VR.OB, new byte[100]);
            a.setBytes(0x7FE00010, VR.OW, new byte[200]);
            a.setBytes(0x00091001, VR.OB, new byte[4]);
            List<BulkValue> offered = new ArrayList<>();
            JsonWriter w = JsonWriter.create().withBulkData(50, v -> {
                offered.add(v);
                return "https://pacs.example/bulk/" + v.path();
            });
            String json = json(w, a);
            assertEquals(List.of("00540016/0/00091010", "7FE00010"), offered.stream().map(BulkValue::path).toList());
            assertEquals(200, offered.get(1).length());
            assertTrue(json.contains("\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"https://pacs.example/bulk/7FE00010\"}"), json);
            assertTrue(json.contains("\"00091001\":{\"vr\":\"OB\",\"InlineBinary\":\"AAAAAA==\"}"), json);
        }

        @Test
        void nullUriInlinesTheValue() throws IOException {
            Attributes a = new Attributes();
            a.setBytes(0x7FE00010, VR.OB, new byte[] {1, 2, 3, 4, 5});
            String json = json(JsonWriter.create().withBulkData(0, BulkDataUris.none()), a);
            assertEquals("{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQIDBAU=\"}}", json);
        }

        @Test
        void fileReferencesBecomeFileUrisWithOffsetAndLength(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("x.dcm");
            Files.write(file, new byte[1000]);
            Attributes a = new Attributes();
            a.setBulkData(0x7FE00010, VR.OB, new FileBulkData(file, 100, 600, false));
            String json = json(JsonWriter.create().withBulkData(512, BulkDataUris.files()), a);
            assertEquals("{\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"" + file.toUri() + "?offset=100&length=600\"}}", json);
        }

        @Test
        void largeInlineValueIsStreamedInChunks() throws IOException {
            long length = 10L << 20;
            CountingBulkData bulk = new CountingBulkData(length);
            Attributes a = new Attributes();
            a.setBulkData(0x7FE00010, VR.OB, bulk);
            var out = new java.io.ByteArrayOutputStream();
            JsonWriter.create().write(a, out);
            assertEquals(length, bulk.served);
            assertTrue(bulk.largestRead <= 3 * 8 * 1024, "read at most one chunk at a time: " + bulk.largestRead);
            String json = out.toString();
            String b64 = json.substring(json.indexOf("\"InlineBinary\":\"") + 16, json.lastIndexOf('"'));
            byte[] decoded = Base64.getDecoder().decode(b64);
            assertEquals(length, decoded.length);
            assertEquals((byte) 123, decoded[123]);
        }

        @Test
        void bigEndianBulkDataIsInlinedLittleEndian() throws IOException {
            Attributes a = new Attributes();
            a.setBulkData(0x7FE00010, VR.OW, new BulkData() {
                public long length() {
                    return 4;
                }

                public InputStream openStream() {
                    return new java.io.ByteArrayInputStream(new byte[] {0x12, 0x34, 0x56, 0x78});
                }

                public boolean bigEndian() {
                    return true;
                }
            });
            assertEquals("{\"7FE00010\":{\"vr\":\"OW\",\"InlineBinary\":\"" + Base64.getEncoder().encodeToString(
                    new byte[] {0x34, 0x12, 0x78, 0x56}) + "\"}}", json(a));
        }

        @Test
        void encapsulatedPixelDataIsInlinedAsItsItemStream() throws IOException {
            Attributes a = CodecTestData.encapsulated();
            String json = json(a);
            byte[] items = {(byte) 0xFE, (byte) 0xFF, 0, (byte) 0xE0, 0, 0, 0, 0,
                (byte) 0xFE, (byte) 0xFF, 0, (byte) 0xE0, 4, 0, 0, 0, (byte) 0xFF, (byte) 0xD8, 1, 2,
                (byte) 0xFE, (byte) 0xFF, 0, (byte) 0xE0, 2, 0, 0, 0, (byte) 0xFF, (byte) 0xD9};
            assertTrue(json.contains("\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\""
                    + Base64.getEncoder().encodeToString(items) + "\"}"), json);
            Attributes back = CodecTestData.read(json);
            assertEquals(a, back);
            Fragments f = back.getFragments(0x7FE00010);
            assertEquals(3, f.size());
        }

        @Test
        void encapsulatedFragmentsInOneFileBecomeOneFileUri(@TempDir Path dir) throws IOException {
            Path file = dir.resolve("x.dcm");
            Files.write(file, new byte[2000]);
            // Items from 1000: BOT item (in memory, 4 bytes) 1000..1012, fragment items at 1012 and 1120.
            Fragments f = new Fragments(VR.OB, 3);
            f.add(new byte[4]);
            f.add(new FileBulkData(file, 1020, 100, false));
            f.add(new FileBulkData(file, 1128, 50, false));
            Attributes a = new Attributes();
            a.setValue(0x7FE00010, VR.OB, f);
            String json = json(JsonWriter.create().withBulkData(64, BulkDataUris.files()), a);
            assertTrue(json.contains("\"BulkDataURI\":\"" + file.toUri() + "?offset=1000&length=178\""), json);

            f.set(2, new FileBulkData(file, 1500, 50, false)); // not where the item layout puts it
            assertFalse(json(JsonWriter.create().withBulkData(64, BulkDataUris.files()), a).contains("BulkDataURI"));
        }
    }

    private static byte[] le(long... values) {
        var b = java.nio.ByteBuffer.allocate(values.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }

    /** Serves generated bytes and records how they were read. */
    private static final class CountingBulkData implements BulkData {
        private final long length;
        long served;
        int largestRead;

        CountingBulkData(long length) {
            this.length = length;
        }

        public long length() {
            return length;
        }

        public InputStream openStream() {
            return new InputStream() {
                private long pos;

                public int read() {
                    return pos < length ? (int) (pos++ % 251) & 0xFF : -1;
                }

                public int read(byte[] b, int off, int len) {
                    if (pos >= length) {
                        return -1;
                    }
                    int n = (int) Math.min(len, length - pos);
                    largestRead = Math.max(largestRead, n);
                    for (int i = 0; i < n; i++) {
                        b[off + i] = (byte) (pos++ % 251);
                    }
                    served += n;
                    return n;
                }
            };
        }
    }
}
