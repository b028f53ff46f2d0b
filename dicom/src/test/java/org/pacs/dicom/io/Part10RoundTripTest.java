// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;

class Part10RoundTripTest {

    static byte[] write(Attributes ds, String tsUid) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Part10Writer.write(out, Part10Writer.fileMetaInformation(ds, tsUid), ds);
        return out.toByteArray();
    }

    static DicomFile read(byte[] file) throws IOException {
        try (Part10Reader r = new Part10Reader(new ByteArrayInputStream(file), ReadOptions.defaults())) {
            Attributes ds = r.readDataSet();
            return new DicomFile(r.fileMetaInformation(), ds, r.transferSyntax());
        }
    }

    @Nested
    class ExplicitSyntaxes {
        @ParameterizedTest
        @ValueSource(strings = {"1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"})
        void rereadsToAnEqualDataSet(String tsUid) throws IOException {
            Attributes ds = TestDataSets.everyVR();
            DicomFile f = read(write(ds, tsUid));
            assertEquals(tsUid, f.transferSyntax().uid());
            assertEquals(ds, f.dataSet());
            assertEquals("Müller^Jürgen=ミュラー^ユルゲン", f.dataSet().getString(0x00100010));
            assertArrayEquals(new int[] {-70000}, f.dataSet().getInts(0x0072007C));
            assertArrayEquals(new int[] {65535, 1}, f.dataSet().getInts(0x0072007A));
            assertArrayEquals(new double[] {0.25, 0.5, 0.75}, f.dataSet().getDoubles(0x00720074));
            assertArrayEquals(new int[] {0x00100010, 0x7FE00010}, f.dataSet().getInts(0x00720060));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.2.840.10008.1.2.1", "1.2.840.10008.1.2.2", "1.2.840.10008.1.2.1.99"})
        void writingIsDeterministic(String tsUid) throws IOException {
            byte[] first = write(TestDataSets.everyVR(), tsUid);
            byte[] second = write(read(first).dataSet(), tsUid);
            assertArrayEquals(first, second);
        }
    }

    @Test
    void implicitLittleEndianTakesVRsFromTheDictionaryAndPrivateElementsBecomeUN() throws IOException {
        Attributes ds = TestDataSets.everyVR();
        Attributes back = read(write(ds, "1.2.840.10008.1.2")).dataSet();
        int privateTag = ds.privateTag("ACME 1.0", 0x0029, 0x10);
        assertEquals(VR.UN, back.getVR(privateTag));
        assertArrayEquals(ds.getBytes(privateTag), back.getBytes(privateTag));
        ds.setBytes(privateTag, VR.UN, ds.getBytes(privateTag));
        assertEquals(ds, back);
    }

    @Test
    void encapsulatedFragmentsPassThroughUnchanged() throws IOException {
        Attributes ds = TestDataSets.encapsulated();
        DicomFile f = read(write(ds, "1.2.840.10008.1.2.4.50"));
        assertEquals(ds, f.dataSet());
        assertEquals(3, f.dataSet().getFragments(Tag.PIXEL_DATA).size());
        assertEquals(0, f.dataSet().getFragments(Tag.PIXEL_DATA).lengthOf(0));
    }

    @Test
    void metaInformationHasGroupLengthAndImplementationUid() throws IOException {
        DicomFile f = read(write(TestDataSets.everyVR(), "1.2.840.10008.1.2.1"));
        Attributes fmi = f.fileMetaInformation();
        assertNotNull(fmi.getBytes(0x00020000));
        assertEquals(Part10Writer.IMPLEMENTATION_CLASS_UID, fmi.getString(0x00020012));
        assertEquals("1.2.3.4.5.6.7", fmi.getString(0x00020003));
    }

    @Nested
    class BulkData_ {
        @TempDir
        Path dir;

        @Test
        void largeValuesOfAFileStayInTheFileAsReferences() throws IOException {
            Attributes ds = TestDataSets.everyVR();
            byte[] pixels = TestDataSets.pixels(512 * 512 * 2);
            ds.setBytes(Tag.PIXEL_DATA, VR.OW, pixels);
            Path file = dir.resolve("ct.dcm");
            Files.write(file, write(ds, "1.2.840.10008.1.2.1"));
            Attributes back = Part10Reader.read(file).dataSet();
            BulkData bulk = assertInstanceOf(FileBulkData.class, back.getBulkData(Tag.PIXEL_DATA));
            assertEquals(pixels.length, bulk.length());
            try (var in = bulk.openStream()) {
                assertArrayEquals(pixels, in.readAllBytes());
            }
            assertEquals(ds, back);
        }

        @Test
        void largeValuesOfAStreamAreSpooledEncrypted() throws IOException {
            Attributes ds = TestDataSets.everyVR();
            byte[] pixels = TestDataSets.pixels(300_000);
            ds.setBytes(Tag.PIXEL_DATA, VR.OW, pixels);
            Attributes back = read(write(ds, "1.2.840.10008.1.2.1")).dataSet();
            BulkData bulk = back.getBulkData(Tag.PIXEL_DATA);
            assertInstanceOf(EncryptedSpool.class, bulk);
            try (var in = bulk.openStream()) {
                assertArrayEquals(pixels, in.readAllBytes());
            }
        }

        @Test
        void bigEndianBulkDataIsSwappedWhenWrittenLittleEndian() throws IOException {
            Attributes ds = TestDataSets.everyVR();
            byte[] pixels = TestDataSets.pixels(200_000);
            ds.setBytes(Tag.PIXEL_DATA, VR.OW, pixels);
            Path be = dir.resolve("be.dcm");
            Files.write(be, write(ds, "1.2.840.10008.1.2.2"));
            Attributes fromBigEndian = Part10Reader.read(be).dataSet();
            Attributes back = read(write(fromBigEndian, "1.2.840.10008.1.2.1")).dataSet();
            try (var in = back.getBulkData(Tag.PIXEL_DATA).openStream()) {
                assertArrayEquals(pixels, in.readAllBytes());
            }
        }
    }
}
