// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;

/** Data sets that exercise every VR, nesting, private tags and encapsulation, for codec tests. */
final class TestDataSets {
    private TestDataSets() {
    }

    /** One element of every VR of PS3.5 Table 6.2-1, a nested sequence and a private block. */
    static Attributes everyVR() {
        Attributes ds = new Attributes();
        ds.setString(0x00080005, VR.CS, "ISO_IR 192");
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(0x00080018, VR.UI, "1.2.3.4.5.6.7");
        ds.setString(0x00080020, VR.DA, "20240131");
        ds.setString(0x00080030, VR.TM, "101530.123");
        ds.setString(0x0008002A, VR.DT, "20240131101530.123456+0100");
        ds.setString(0x00080054, VR.AE, "PACS");
        ds.setString(0x00080060, VR.CS, "OT");
        ds.setString(0x00081030, VR.LO, "Étude crânienne");
        ds.setString(0x00080050, VR.SH, "ACC-1");
        ds.setString(0x00100010, VR.PN, "Müller^Jürgen=ミュラー^ユルゲン");
        ds.setString(0x00101010, VR.AS, "042Y");
        ds.setString(0x00104000, VR.LT, "  line one\r\nline two");
        ds.setString(0x00081080, VR.LO, "Dx1", "Dx2");
        ds.setString(0x00400280, VR.ST, "short text");
        ds.setString(0x0040A160, VR.UT, "unlimited text ünïcode");
        // The Selector <VR> Value attributes (0072,0060-0083) give one standard tag for every VR.
        ds.setInt(0x00720060, VR.AT, 0x00100010, 0x7FE00010);
        ds.setString(0x00720061, VR.DA, "20240131", "19991231");
        ds.setString(0x00720062, VR.CS, "A", "B");
        ds.setString(0x00720064, VR.IS, "7", "-12");
        ds.setBytes(0x00720065, VR.OB, new byte[] {1, 2, 3, 4});
        ds.setBytes(0x00720067, VR.OF, new byte[] {0, 0, (byte) 0x80, 0x3F});
        ds.setString(0x00720068, VR.LT, "long text");
        ds.setBytes(0x00720069, VR.OW, new byte[] {1, 2, 3, 4});
        ds.setString(0x0072006A, VR.PN, "Doe^John", "Roe^Jane");
        ds.setString(0x0072006B, VR.TM, "1015");
        ds.setString(0x0072006C, VR.SH, "short");
        ds.setBytes(0x0072006D, VR.UN, new byte[] {9, 8, 7, 6});
        ds.setString(0x0072006E, VR.ST, "st");
        ds.setString(0x0072006F, VR.UC, "code a", "code b");
        ds.setString(0x00720070, VR.UT, "ut");
        ds.setString(0x00720071, VR.UR, "https://example.org/x");
        ds.setString(0x00720072, VR.DS, "1.25", "-3e2");
        ds.setBytes(0x00720073, VR.OD, new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xF0, 0x3F});
        ds.setDouble(0x00720074, VR.FD, 0.25, 0.5, 0.75);
        ds.setBytes(0x00720075, VR.OL, new byte[] {1, 0, 0, 0});
        ds.setDouble(0x00720076, VR.FL, 2.5);
        ds.setInt(0x00720078, VR.UL, 0xFFFFFFFE, 1);
        ds.setInt(0x0072007A, VR.US, 65535, 1);
        ds.setInt(0x0072007C, VR.SL, -70000);
        ds.setInt(0x0072007E, VR.SS, -12);
        ds.setString(0x0072007F, VR.UI, "1.2.3", "1.2.4");
        ds.setBytes(0x00720081, VR.OV, new byte[] {1, 0, 0, 0, 0, 0, 0, 0});
        ds.setBytes(0x00720082, VR.SV, new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF});
        ds.setBytes(0x00720083, VR.UV, new byte[] {2, 0, 0, 0, 0, 0, 0, 0});
        ds.setInt(0x00280010, VR.US, 4);
        ds.setInt(0x00280011, VR.US, 4);
        ds.setInt(0x00280100, VR.US, 16);
        ds.setBytes(0x00091001, VR.UN, new byte[] {9, 8, 7, 6});
        int creator = ds.reservePrivateTag("ACME 1.0", 0x0029, 0x10);
        ds.setString(creator, VR.LO, "private value!");
        Sequence seq = ds.newSequence(0x00081110, 2);
        Attributes item = seq.addItem();
        item.setString(0x00081150, VR.UI, "1.2.840.10008.3.1.2.3.1");
        item.setString(0x00081155, VR.UI, "1.2.3.4");
        Sequence nested = item.newSequence(0x00400260, 1);
        nested.addItem().setString(0x00080100, VR.SH, "CODE");
        seq.addItem();
        ds.setBytes(0x7FE00010, VR.OW, pixels(4 * 4 * 2));
        return ds;
    }

    /** A data set with encapsulated Pixel Data: empty Basic Offset Table and two fragments (one odd). */
    static Attributes encapsulated() {
        Attributes ds = new Attributes();
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7");
        ds.setString(0x00080018, VR.UI, "1.2.3.4.5.6.8");
        Fragments f = ds.newFragments(0x7FE00010, VR.OB, 3);
        f.add(new byte[0]);
        f.add(new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2});
        f.add(new byte[] {(byte) 0xFF, (byte) 0xD9});
        return ds;
    }

    static byte[] pixels(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
