// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.DicomFile;
import org.pacs.dicom.io.FileBulkData;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.io.ReadOptions;

/** Attributes → DICOM JSON → Attributes gives an equal data set. */
class JsonRoundTripTest {

    @Test
    void everyVrSurvivesInline() throws IOException {
        Attributes ds = CodecTestData.everyVR();
        assertEquals(ds, CodecTestData.read(CodecTestData.json(ds)));
    }

    @Test
    void everyVrSurvivesIndented() throws IOException {
        Attributes ds = CodecTestData.everyVR();
        assertEquals(ds, CodecTestData.read(CodecTestData.json(JsonWriter.create().withIndent(true), ds)));
    }

    @Test
    void encapsulatedPixelDataSurvivesInline() throws IOException {
        Attributes ds = CodecTestData.encapsulated();
        assertEquals(ds, CodecTestData.read(CodecTestData.json(ds)));
    }

    @Test
    void fileReferencesSurviveAsFileUris(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("every.dcm");
        Attributes ds = CodecTestData.everyVR();
        ds.setBytes(0x7FE00010, VR.OW, pattern(100_000));
        Part10Writer.write(file, Part10Writer.fileMetaInformation(ds, "1.2.840.10008.1.2.1"), ds);
        DicomFile f = Part10Reader.read(file, ReadOptions.defaults().withBulkData(BulkDataPolicy.reference(), 1024));
        assertInstanceOf(FileBulkData.class, f.dataSet().getBulkData(0x7FE00010));

        String json = CodecTestData.json(JsonWriter.create().withBulkData(1024, BulkDataUris.files()), f.dataSet());
        assertTrue(json.contains("\"7FE00010\":{\"vr\":\"OW\",\"BulkDataURI\":\"file:"), json);
        Attributes back = JsonReader.create().withBulkDataResolver(BulkDataResolver.files(dir)).read(new StringReader(json));
        assertInstanceOf(FileBulkData.class, back.getBulkData(0x7FE00010));
        assertEquals(ds, back);
    }

    @Test
    void encapsulatedFileReferencesSurviveAsOneFileUri(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("enc.dcm");
        Attributes ds = CodecTestData.encapsulated();
        Fragments f = ds.getFragments(0x7FE00010);
        f.add(pattern(5000));
        f.add(pattern(3000)); // even: Part 10 pads odd fragments
        Part10Writer.write(file, Part10Writer.fileMetaInformation(ds, "1.2.840.10008.1.2.4.50"), ds);
        DicomFile read = Part10Reader.read(file, ReadOptions.defaults().withBulkData(BulkDataPolicy.reference(), 1024));

        String json = CodecTestData.json(JsonWriter.create().withBulkData(1024, BulkDataUris.files()), read.dataSet());
        assertTrue(json.contains("\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"file:"), json);
        Attributes back = JsonReader.create().withBulkDataResolver(BulkDataResolver.files(dir)).read(new StringReader(json));
        Fragments frags = back.getFragments(0x7FE00010);
        assertEquals(5, frags.size());
        assertEquals(ds, back);
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }
}
