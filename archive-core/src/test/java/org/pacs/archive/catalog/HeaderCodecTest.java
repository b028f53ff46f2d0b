// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

class HeaderCodecTest {
    @Test
    void leavesOutBulkDataAndKeepsTheRest() {
        Attributes ds = new Attributes();
        ds.setString(Tags.PatientID, VR.LO, "P1");
        ds.setBytes(Tags.PixelData, VR.OW, new byte[16]);
        ds.setBytes(0x60003000, VR.OB, new byte[2]); // Overlay Data, group 6000
        ds.setBytes(0x60023000, VR.OB, new byte[2]); // Overlay Data, repeating group 6002
        ds.setBytes(Tags.EncapsulatedDocument, VR.OB, new byte[4]);
        ds.setBytes(0x00291010, VR.OB, new byte[HeaderCodec.MAX_BINARY_VALUE + 2]);
        ds.setBytes(0x00291011, VR.OB, new byte[8]);
        ds.setBulkData(0x00291012, VR.OB, new BulkData() {
            @Override
            public long length() {
                return 2;
            }

            @Override
            public InputStream openStream() {
                return new ByteArrayInputStream(new byte[2]);
            }
        });
        ds.setString(Tags.TransferSyntaxUID, VR.UI, "1.2.840.10008.1.2.1");
        Sequence seq = ds.newSequence(Tags.IconImageSequence, 1);
        seq.addItem().setBytes(Tags.PixelData, VR.OB, new byte[4]);

        Attributes back = HeaderCodec.decode(HeaderCodec.encode(ds));

        assertEquals("P1", back.getString(Tags.PatientID));
        assertFalse(back.contains(Tags.PixelData));
        assertFalse(back.contains(0x60003000));
        assertFalse(back.contains(0x60023000));
        assertFalse(back.contains(Tags.EncapsulatedDocument));
        assertFalse(back.contains(0x00291010));
        assertFalse(back.contains(0x00291012));
        assertFalse(back.contains(Tags.TransferSyntaxUID));
        assertTrue(back.contains(0x00291011));
        assertEquals(1, back.getSequence(Tags.IconImageSequence).size());
        assertTrue(back.getSequence(Tags.IconImageSequence).get(0).isEmpty());
    }

    @Test
    void keepsTextBytesAsStoredInTheirCharacterSet() {
        byte[] latin1 = {'M', (byte) 0xFC, 'l', 'l', 'e', 'r', '^', 'J', 'o'};
        Attributes ds = new Attributes();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setBytes(Tags.PatientName, VR.PN, latin1);

        Attributes back = HeaderCodec.decode(HeaderCodec.encode(ds));

        byte[] stored = back.getBytes(Tags.PatientName);
        assertArrayEquals(latin1, java.util.Arrays.copyOf(stored, latin1.length));
        assertEquals("Müller^Jo", back.getString(Tags.PatientName));
    }
}
