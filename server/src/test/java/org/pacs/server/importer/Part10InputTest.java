// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.DataSetWriter;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.io.TransferSyntax;

/** How files of every tolerated layout (PS3.10 §7.1 and the deviations import accepts) are split. */
class Part10InputTest {
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String IMPLICIT = "1.2.840.10008.1.2";
    static final String EXPLICIT = "1.2.840.10008.1.2.1";

    static Attributes dataSet() {
        Attributes ds = new Attributes();
        ds.setString(Tags.SOPClassUID, VR.UI, CT);
        ds.setString(Tags.SOPInstanceUID, VR.UI, "1.2.3.4.5");
        ds.setString(Tags.PatientID, VR.LO, "P1");
        ds.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3");
        ds.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.3.4");
        ds.setBytes(Tags.PixelData, VR.OW, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        return ds;
    }

    static byte[] encoded(Attributes ds, TransferSyntax ts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        new DataSetWriter(b, ts).write(ds);
        return b.toByteArray();
    }

    static byte[] part10(String ts) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Part10Writer.write(b, Part10Writer.fileMetaInformation(dataSet(), ts), dataSet());
        return b.toByteArray();
    }

    static byte[] dataSetOf(Part10Input in) throws IOException {
        return in.dataSet().readAllBytes();
    }

    @Nested
    class WellFormed {
        @Test
        void passesTheDataSetThroughByteForByte() throws Exception {
            try (Part10Input in = Part10Input.read(new ByteArrayInputStream(part10(EXPLICIT)))) {
                assertEquals(CT, in.sopClassUid);
                assertEquals("1.2.3.4.5", in.sopInstanceUid);
                assertEquals(EXPLICIT, in.transferSyntaxUid);
                assertArrayEquals(encoded(dataSet(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), dataSetOf(in));
            }
        }
    }

    @Nested
    class Deflated {
        @Test
        void anOddLengthBitStreamGetsTheTrailingNulOfPs35A5() throws Exception {
            byte[] whole = part10("1.2.840.10008.1.2.1.99");
            int metaEnd = 144 + ((whole[140] & 0xFF) | (whole[141] & 0xFF) << 8);
            byte[] stream = Arrays.copyOfRange(whole, metaEnd, whole.length);
            // Make the bit stream odd (or keep it odd) to see the pad, and even to see none.
            byte[] odd = stream.length % 2 == 1 ? whole : Arrays.copyOf(whole, whole.length - 1);
            int oddLength = odd.length - metaEnd;
            try (Part10Input in = Part10Input.read(new ByteArrayInputStream(odd))) {
                byte[] got = dataSetOf(in);
                assertEquals(oddLength + 1, got.length);
                assertEquals(0, got[got.length - 1]);
            }
            byte[] even = Arrays.copyOf(odd, odd.length - 1);
            try (Part10Input in = Part10Input.read(new ByteArrayInputStream(even))) {
                assertEquals(oddLength - 1, dataSetOf(in).length);
            }
        }
    }

    @Nested
    class Tolerated {
        @Test
        void aFileWithoutPreamble() throws Exception {
            byte[] whole = part10(EXPLICIT);
            try (Part10Input in = Part10Input.read(new ByteArrayInputStream(Arrays.copyOfRange(whole, 128,
                    whole.length)))) {
                assertEquals(EXPLICIT, in.transferSyntaxUid);
                assertArrayEquals(encoded(dataSet(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), dataSetOf(in));
            }
        }

        @Test
        void aBareDataSetInImplicitVrIsReadAndWrittenAgainInItsSyntax() throws Exception {
            byte[] bare = encoded(dataSet(), TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN);
            try (Part10Input in = Part10Input.read(new ByteArrayInputStream(bare))) {
                assertEquals(IMPLICIT, in.transferSyntaxUid);
                assertEquals("1.2.3.4.5", in.sopInstanceUid);
                assertArrayEquals(bare, dataSetOf(in));
            }
        }

        @Test
        void metaInformationWithoutGroupLength() throws Exception {
            byte[] whole = part10(EXPLICIT);
            // Drop (0002,0000) UL 4 (12 bytes after "DICM").
            byte[] noLength = new byte[whole.length - 12];
            System.arraycopy(whole, 0, noLength, 0, 132);
            System.arraycopy(whole, 144, noLength, 132, whole.length - 144);
            try (Part10Input in = Part10Input.read(new ByteArrayInputStream(noLength))) {
                assertEquals(EXPLICIT, in.transferSyntaxUid);
                assertArrayEquals(encoded(dataSet(), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN), dataSetOf(in));
            }
        }
    }

    @Nested
    class Refused {
        @Test
        void textIsNotDicom() {
            Part10Input.Unreadable e = assertThrows(Part10Input.Unreadable.class, () -> Part10Input.read(
                    new ByteArrayInputStream("Dear colleague, please find the images attached.".getBytes())));
            assertFalse(e.looksLikeDicom);
        }

        @Test
        void aFileCutInsideItsMetaInformationIsDamaged() throws IOException {
            byte[] cut = Arrays.copyOf(part10(EXPLICIT), 150);
            Part10Input.Unreadable e = assertThrows(Part10Input.Unreadable.class,
                    () -> Part10Input.read(new ByteArrayInputStream(cut)));
            assertTrue(e.looksLikeDicom, e::getMessage);
        }
    }
}
