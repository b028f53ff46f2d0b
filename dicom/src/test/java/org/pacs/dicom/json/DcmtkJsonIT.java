// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.Part10Writer;

/**
 * Our DICOM JSON against DCMTK's {@code dcm2json} (3.6.7) on files written by our Part10Writer, compared
 * by meaning with {@link JsonSemanticDiff}. Each difference that remains is a documented one
 * (docs/conformance-json.md) and has its own test below.
 */
class DcmtkJsonIT {
    private static final String DCM2JSON = "/usr/bin/dcm2json";

    @TempDir
    Path dir;

    static Stream<Arguments> dataSets() {
        return Stream.of(
                Arguments.of("everyVR, explicit VR little endian", CodecTestData.everyVR(), "1.2.840.10008.1.2.1"),
                Arguments.of("everyVR, implicit VR little endian", CodecTestData.everyVR(), "1.2.840.10008.1.2"),
                Arguments.of("everyVR, explicit VR big endian", CodecTestData.everyVR(), "1.2.840.10008.1.2.2"),
                Arguments.of("edge values, explicit VR little endian", edgeValues(), "1.2.840.10008.1.2.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dataSets")
    void dcm2jsonAndWeWriteTheSameModel(String name, Attributes ds, String tsUid) throws Exception {
        assertEquals(List.of(), differences(ds, tsUid), name);
    }

    /** Reading side: dcm2json's JSON of every VR reads back to the data set of the file, value for value. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyVrSyntaxes")
    void weReadDcm2jsonOutputToTheSameDataSet(String name, String tsUid) throws Exception {
        Path file = write(CodecTestData.everyVR(), tsUid);
        Attributes fromJson = CodecTestData.read(dcm2json(file));
        assertEquals(Part10Reader.read(file).dataSet(), fromJson, name);
    }

    static Stream<Arguments> everyVrSyntaxes() {
        return Stream.of(Arguments.of("explicit VR little endian", "1.2.840.10008.1.2.1"),
                Arguments.of("implicit VR little endian", "1.2.840.10008.1.2"),
                Arguments.of("explicit VR big endian", "1.2.840.10008.1.2.2"));
    }

    /**
     * dcm2json replaces Specific Character Set with "ISO_IR 192" when it transcodes to UTF-8; we keep the
     * source's value, as PS3.18 §F.2.2 note 3 says (conformance-json.md §1). Text itself is equal.
     */
    @Test
    void dcm2jsonRewritesSpecificCharacterSetThatWeKeep() throws Exception {
        assertEquals(List.of("00080005/0: CS value differs: \"ISO_IR 192\" vs \"ISO_IR 100\""),
                differences(latin1(), "1.2.840.10008.1.2.1.99").stream().map(Object::toString).toList());
    }

    private List<JsonSemanticDiff.Difference> differences(Attributes ds, String tsUid) throws Exception {
        Path file = write(ds, tsUid);
        JsonValue theirs = JsonParser.parse(dcm2json(file));
        Attributes read = Part10Reader.read(file).dataSet();
        JsonValue ours = JsonParser.parse(CodecTestData.json(read));
        return JsonSemanticDiff.create().withValuesInReport(true).compare(theirs, ours);
    }

    /** dcm2json 3.6.7 has no form for encapsulated Pixel Data; we inline the item stream (conformance-json.md §3). */
    @Test
    void dcm2jsonRefusesEncapsulatedPixelDataThatWeInline() throws Exception {
        Path file = write(CodecTestData.encapsulated(), "1.2.840.10008.1.2.4.50");
        Process p = new ProcessBuilder(DCM2JSON, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue());
        assertTrue(out.contains("not supported for compressed pixel data"), out);

        Attributes read = Part10Reader.read(file).dataSet();
        assertEquals(read, CodecTestData.read(CodecTestData.json(read)));
    }

    /** DS "1." is a valid decimal string but not a JSON number: dcm2json copies it, we write 1 (§2). */
    @Test
    void dcm2jsonCopiesDecimalStringsThatAreNotJsonNumbers() throws Exception {
        Attributes ds = minimal();
        ds.setString(0x00281050, VR.DS, "1.");
        Path file = write(ds, "1.2.840.10008.1.2.1");
        String theirs = dcm2json(file);
        DicomException e = assertThrows(DicomException.class, () -> JsonParser.parse(theirs));
        assertTrue(e.reason().contains("digit after the decimal point"), e.getMessage());
        assertTrue(CodecTestData.json(ds).contains("\"00281050\":{\"vr\":\"DS\",\"Value\":[1]}"));
    }

    /** Person names, empty and null values, numbers at the edges of their VRs, private and UN elements. */
    static Attributes edgeValues() {
        Attributes ds = minimal();
        ds.setString(0x00080005, VR.CS, "ISO_IR 192");
        ds.setString(0x00100010, VR.PN, "Yamada^Tarou=山田^太郎=やまだ^たろう", "Doe^John", "", "==ph^on");
        ds.setNull(0x00080090, VR.PN);
        ds.setString(0x00100020, VR.LO, "A", "", "C");
        ds.setNull(0x00081030, VR.LO);
        ds.setString(0x00281050, VR.DS, "+4.0", ".5", "-0.25", "1e-3", "007.5");
        ds.setString(0x00200013, VR.IS, "+3");
        ds.setNull(0x00181310, VR.US);
        ds.setDouble(0x00720074, VR.FD, 0.1, 1e300, -0.0, 3.141592653589793, 1e-7, 123456789.125, 5e-324);
        ds.setDouble(0x00720076, VR.FL, 0.1, 2.5, 1e-7, 3.4028234663852886E38);
        ds.setBytes(0x00720082, VR.SV, le(Long.MIN_VALUE, -1, 1L << 53));
        ds.setBytes(0x00720083, VR.UV, le(-1, 0, 1L << 53));
        ds.setInt(0x00720078, VR.UL, 0xFFFFFFFF, 0);
        ds.setInt(0x0072007C, VR.SL, Integer.MIN_VALUE, Integer.MAX_VALUE);
        ds.setInt(0x0072007E, VR.SS, -32768, 32767);
        ds.setInt(0x0072007A, VR.US, 0, 65535);
        ds.setBytes(0x00091001, VR.UN, new byte[] {9, 8, 7, 6, 5});
        int creator = ds.reservePrivateTag("ACME 1.0", 0x0029, 0x10);
        ds.setString(creator, VR.LO, "private value");
        ds.setBytes(creator + 1, VR.OB, new byte[] {1, 2, 3});
        ds.newSequence(0x00081111, 0);
        Sequence seq = ds.newSequence(0x00081110, 3);
        seq.addItem();
        Attributes item = seq.addItem();
        item.setString(0x00081150, VR.UI, "1.2.840.10008.3.1.2.3.1");
        item.newSequence(0x00400260, 1).addItem().setString(0x00080100, VR.SH, "CODE");
        return ds;
    }

    /** Text in ISO_IR 100 (Latin-1): both converters decode it to UTF-8. */
    static Attributes latin1() {
        Attributes ds = minimal();
        ds.setString(0x00080005, VR.CS, "ISO_IR 100");
        ds.setString(0x00100010, VR.PN, "Müller^Jürgen");
        ds.setString(0x00081030, VR.LO, "Étude crânienne");
        ds.setString(0x00104000, VR.LT, "Zeile eins\r\nZeile zwei: äöü");
        return ds;
    }

    private static Attributes minimal() {
        Attributes ds = new Attributes();
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(0x00080018, VR.UI, "1.2.826.0.1.3680043.8.498.1");
        return ds;
    }

    private Path write(Attributes ds, String tsUid) throws IOException {
        Path file = Files.createTempFile(dir, "ds", ".dcm");
        Part10Writer.write(file, Part10Writer.fileMetaInformation(ds, tsUid), ds);
        return file;
    }

    private String dcm2json(Path file) throws Exception {
        Path out = dir.resolve(file.getFileName() + ".json");
        Process p = new ProcessBuilder(DCM2JSON, file.toString(), out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("dcm2json.log").toFile()).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "dcm2json timed out");
        assertEquals(0, p.exitValue(), () -> "dcm2json failed: " + read(dir.resolve("dcm2json.log")));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static byte[] le(long... values) {
        var b = java.nio.ByteBuffer.allocate(values.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return b.array();
    }
}
