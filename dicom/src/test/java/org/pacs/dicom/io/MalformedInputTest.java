// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;

/** Hostile and broken input ends in one typed exception with an offset, never an Error or a hang. */
class MalformedInputTest {

    static Attributes readExplicit(byte[] dataSet, ReadOptions options) throws IOException {
        AttributesBuilder b = new AttributesBuilder(new Attributes(), options);
        new DataSetReader(new ByteArrayInputStream(dataSet), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, options).read(b);
        return b.result();
    }

    /** Little-endian explicit header bytes for a short-form VR. */
    static byte[] shortHeader(int tag, String vr, int length) {
        return new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8),
            (byte) vr.charAt(0), (byte) vr.charAt(1), (byte) length, (byte) (length >>> 8)};
    }

    static byte[] longHeader(int tag, String vr, long length) {
        return new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8),
            (byte) vr.charAt(0), (byte) vr.charAt(1), 0, 0,
            (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
    }

    static byte[] itemHeader(int tag, long length) {
        return new byte[] {(byte) (tag >>> 16), (byte) (tag >>> 24), (byte) tag, (byte) (tag >>> 8),
            (byte) length, (byte) (length >>> 8), (byte) (length >>> 16), (byte) (length >>> 24)};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    @Nested
    class Lengths {
        @Test
        void rejectsALengthPastTheEndOfAKnownInputWithTheOffset() throws IOException {
            byte[] ds = concat(shortHeader(0x00100020, "LO", 4), "ID01".getBytes(),
                    longHeader(0x7FE00010, "OW", 0xFFFFFFF0L), new byte[10]);
            DicomException e = assertThrows(DicomException.class, () -> readFile(ds));
            assertTrue(e.reason().contains("exceeds"), e.getMessage());
            assertEquals(emptyFile().length + 12, e.offset());
        }

        @Test
        void rejectsATruncatedValueOnAStream() {
            byte[] ds = concat(shortHeader(0x00100020, "LO", 40), "ID01".getBytes());
            DicomException e = assertThrows(DicomException.class, () -> readExplicit(ds, ReadOptions.defaults()));
            assertTrue(e.reason().startsWith("truncated"), e.getMessage());
        }

        @Test
        void anAbsurdLengthOnAStreamNeverAllocatesBeyondTheLimit() {
            ReadOptions small = ReadOptions.defaults().withBulkData(BulkDataPolicy.inMemory(), Long.MAX_VALUE)
                    .withLimits(1 << 20, 8, 1000);
            byte[] ds = concat(longHeader(0x00720065, "OB", 0xFFFFFFF0L), new byte[16]);
            DicomException e = assertThrows(DicomException.class, () -> readExplicit(ds, small));
            assertTrue(e.reason().contains("maxValueLength"), e.getMessage());
        }

        @Test
        void anElementOverrunningItsItemIsRejected() {
            byte[] item = concat(shortHeader(0x00081150, "UI", 8), "1.2.3.4\0".getBytes());
            byte[] ds = concat(longHeader(0x00081110, "SQ", 8 + item.length),
                    itemHeader(0xFFFEE000, item.length - 2), item);
            DicomException e = assertThrows(DicomException.class, () -> readExplicit(ds, ReadOptions.defaults()));
            assertTrue(e.reason().contains("item"), e.getMessage());
        }
    }

    @Nested
    class Nesting {
        @Test
        void sequencesNestedThousandsDeepStopAtTheDepthLimit() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < 5000; i++) {
                out.writeBytes(longHeader(0x00081110, "SQ", 0xFFFFFFFFL));
                out.writeBytes(itemHeader(0xFFFEE000, 0xFFFFFFFFL));
            }
            DicomException e = assertThrows(DicomException.class,
                    () -> readExplicit(out.toByteArray(), ReadOptions.defaults()));
            assertTrue(e.reason().contains("maxDepth"), e.getMessage());
        }

        @Test
        void tooManyElementsStopAtTheElementLimit() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < 2000; i++) {
                out.writeBytes(shortHeader(0x00090000 | (0x1000 + i), "LO", 0));
            }
            ReadOptions few = ReadOptions.defaults().withLimits(1 << 20, 8, 1000);
            DicomException e = assertThrows(DicomException.class, () -> readExplicit(out.toByteArray(), few));
            assertTrue(e.reason().contains("maxElements"), e.getMessage());
        }
    }

    @Nested
    class Tolerance {
        @Test
        void readsAFileWithoutPreambleOrMetaInformationAsImplicitLittleEndian() throws IOException {
            Attributes ds = new Attributes();
            ds.setString(0x00080018, VR.UI, "1.2.3");
            ds.setString(0x00100020, VR.LO, "ID7");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new DataSetWriter(out, TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN).write(ds);
            List<Violation> seen = new ArrayList<>();
            ReadOptions o = ReadOptions.defaults().withViolations((v, at) -> seen.add(v));
            try (Part10Reader r = new Part10Reader(new ByteArrayInputStream(out.toByteArray()), o)) {
                assertEquals("ID7", r.readDataSet().getString(0x00100020));
                assertEquals(TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN, r.transferSyntax());
            }
            assertEquals(List.of(Violation.NO_FILE_META_INFORMATION), seen);
        }

        @Test
        void anUnknownVRInAnExplicitFileFallsBackToTheDictionary() throws IOException {
            // (0010,0020) written implicitly (4-byte length 4) inside an explicit data set.
            byte[] ds = concat(new byte[] {0x10, 0, 0x20, 0, 4, 0, 0, 0}, "ID01".getBytes(),
                    shortHeader(0x00100030, "DA", 8), "19700101".getBytes());
            List<Violation> seen = new ArrayList<>();
            Attributes a = readExplicit(ds, ReadOptions.defaults().withViolations((v, at) -> seen.add(v)));
            assertEquals("ID01", a.getString(0x00100020));
            assertEquals(VR.LO, a.getVR(0x00100020));
            assertEquals("19700101", a.getString(0x00100030));
            assertEquals(List.of(Violation.INVALID_VR), seen);
        }

        @Test
        void usOrSsInImplicitLittleEndianFollowsPixelRepresentation() throws IOException {
            // (0028,0103) US 1, then (0028,0106) "US or SS" = 0xF430: SS -3024 since the pixels are signed.
            byte[] ds = java.util.HexFormat.of().parseHex("28000301020000000100280006010200000030f4");
            AttributesBuilder b = new AttributesBuilder(new Attributes(), ReadOptions.defaults());
            new DataSetReader(new ByteArrayInputStream(ds), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                    ReadOptions.defaults()).read(b);
            assertEquals(VR.SS, b.result().getVR(0x00280106));
            assertEquals(-3024, b.result().getInt(0x00280106, 0));
            assertEquals(1, b.result().getInt(0x00280103, 0));
        }

        @Test
        void usOrSsInImplicitLittleEndianIsUnsignedForUnsignedPixels() throws IOException {
            byte[] ds = java.util.HexFormat.of().parseHex("28000301020000000000280006010200000030f4");
            AttributesBuilder b = new AttributesBuilder(new Attributes(), ReadOptions.defaults());
            new DataSetReader(new ByteArrayInputStream(ds), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN,
                    ReadOptions.defaults()).read(b);
            assertEquals(VR.US, b.result().getVR(0x00280106));
            assertEquals(0xF430, b.result().getInt(0x00280106, 0));
        }

        @Test
        void anOddLengthIsReportedAndRead() throws IOException {
            byte[] ds = concat(shortHeader(0x00100020, "LO", 3), "ABC".getBytes(), shortHeader(0x00100030, "DA", 0));
            List<Violation> seen = new ArrayList<>();
            Attributes a = readExplicit(ds, ReadOptions.defaults().withViolations((v, at) -> seen.add(v)));
            assertEquals("ABC", a.getString(0x00100020));
            assertEquals(List.of(Violation.ODD_LENGTH), seen);
        }

        @Test
        void unWithUndefinedLengthIsParsedAsAnImplicitSequence() throws IOException {
            byte[] itemBody = concat(new byte[] {0x08, 0, 0x50, 0x11, 4, 0, 0, 0}, "1.2\0".getBytes());
            byte[] ds = concat(longHeader(0x00081110, "UN", 0xFFFFFFFFL), itemHeader(0xFFFEE000, itemBody.length),
                    itemBody, itemHeader(0xFFFEE0DD, 0));
            Attributes a = readExplicit(ds, ReadOptions.defaults());
            assertEquals("1.2", a.getSequence(0x00081110).get(0).getString(0x00081150));
        }

        @Test
        void metaInformationWithoutGroupLengthIsRead() throws IOException {
            Attributes ds = TestDataSets.everyVR();
            byte[] file = Part10RoundTripTest.write(ds, "1.2.840.10008.1.2.1");
            // Cut out (0002,0000) UL: 12 bytes right after the 132-byte preamble.
            byte[] cut = concat(Arrays.copyOfRange(file, 0, 132), Arrays.copyOfRange(file, 144, file.length));
            List<Violation> seen = new ArrayList<>();
            try (Part10Reader r = new Part10Reader(new ByteArrayInputStream(cut),
                    ReadOptions.defaults().withViolations((v, at) -> seen.add(v)))) {
                assertEquals(ds, r.readDataSet());
            }
            assertEquals(List.of(Violation.NO_GROUP_LENGTH), seen);
        }
    }

    private static byte[] emptyFile() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Part10Writer.write(out, Part10Writer.fileMetaInformation("1.2", "1.3", "1.2.840.10008.1.2.1"), new Attributes());
        return out.toByteArray();
    }

    private static void readFile(byte[] dataSet) throws IOException {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("malformed", ".dcm");
        try {
            java.nio.file.Files.write(f, concat(emptyFile(), dataSet));
            Part10Reader.read(f);
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }
}
