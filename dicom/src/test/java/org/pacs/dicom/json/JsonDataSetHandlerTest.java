// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.DataSetReader;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.TransferSyntax;

/** Streaming JSON from reader events gives the same text as the tree writer. */
class JsonDataSetHandlerTest {
    @TempDir
    Path dir;

    private Path write(Attributes ds, String tsUid) throws IOException {
        Path file = Files.createTempFile(dir, "ds", ".dcm");
        Part10Writer.write(file, Part10Writer.fileMetaInformation(ds, tsUid), ds);
        return file;
    }

    private static String streamed(JsonWriter w, Part10Reader r) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonDataSetHandler h = w.handler(out);
        r.readDataSet(h);
        h.finish();
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String fromTree(JsonWriter w, Path file, ReadOptions options) throws IOException {
        return CodecTestData.json(w, Part10Reader.read(file, options).dataSet());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1.2.840.10008.1.2.1", "1.2.840.10008.1.2", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"})
    void everyVrStreamsToTheTreeWritersText(String tsUid) throws IOException {
        Attributes ds = CodecTestData.everyVR();
        ds.setBytes(0x00091002, org.pacs.dicom.data.VR.OB, new byte[5000]);
        Path file = write(ds, tsUid);
        ReadOptions options = ReadOptions.defaults().withBulkData(BulkDataPolicy.reference(), 1024);
        for (JsonWriter w : new JsonWriter[] {JsonWriter.create(), JsonWriter.create().withIndent(true),
                JsonWriter.create().withBulkData(1024, BulkDataUris.files())}) {
            try (Part10Reader r = Part10Reader.open(file, options)) {
                assertEquals(fromTree(w, file, options), streamed(w, r), tsUid);
            }
        }
    }

    @Test
    void encapsulatedFragmentsInAFileBecomeOneUriOrInlineLikeTheTree() throws IOException {
        Attributes ds = CodecTestData.encapsulated();
        Fragments f = ds.getFragments(0x7FE00010);
        f.add(new byte[4000]);
        Path file = write(ds, "1.2.840.10008.1.2.4.50");
        ReadOptions options = ReadOptions.defaults().withBulkData(BulkDataPolicy.reference(), 1024);
        for (JsonWriter w : new JsonWriter[] {JsonWriter.create(), JsonWriter.create().withBulkData(1024, BulkDataUris.files())}) {
            try (Part10Reader r = Part10Reader.open(file, options)) {
                assertEquals(fromTree(w, file, options), streamed(w, r));
            }
        }
        try (Part10Reader r = Part10Reader.open(file, options)) {
            assertTrue(streamed(JsonWriter.create().withBulkData(1024, BulkDataUris.files()), r).contains("BulkDataURI"));
        }
    }

    @Test
    void encapsulatedFragmentsFromAStreamAreInlinedAsTheyPass() throws IOException {
        Attributes ds = CodecTestData.encapsulated();
        ds.getFragments(0x7FE00010).add(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        Path file = write(ds, "1.2.840.10008.1.2.4.50");
        String streamed;
        try (InputStream in = Files.newInputStream(file); Part10Reader r = new Part10Reader(in, ReadOptions.defaults())) {
            streamed = streamed(JsonWriter.create(), r);
        }
        assertEquals(CodecTestData.json(Part10Reader.read(file).dataSet()), streamed);
        assertEquals(Part10Reader.read(file).dataSet(), CodecTestData.read(streamed));
    }

    @Test
    void outOfOrderElementsStopTheWriteWithTheirOffset() {
        // (0010,0020) LO "A " then (0010,0010) PN "B ": explicit VR little endian, out of order.
        byte[] data = {0x10, 0, 0x20, 0, 'L', 'O', 2, 0, 'A', ' ', 0x10, 0, 0x10, 0, 'P', 'N', 2, 0, 'B', ' '};
        JsonDataSetHandler h = JsonWriter.create().handler(new ByteArrayOutputStream());
        DataSetReader reader = new DataSetReader(new ByteArrayInputStream(data), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                ReadOptions.defaults());
        DicomException e = assertThrows(DicomException.class, () -> reader.read(h));
        assertTrue(e.reason().contains("(0010,0010) is not in ascending order"), e.getMessage());
        assertEquals(18, e.offset());
    }

    @Test
    void emptyInputIsAnEmptyObject() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonDataSetHandler h = JsonWriter.create().handler(out);
        h.finish();
        assertEquals("{}", out.toString(StandardCharsets.UTF_8));
    }
}
