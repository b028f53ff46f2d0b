// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.stow;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.io.AttributesBuilder;
import org.pacs.dicom.io.DataSetReader;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.TransferSyntax;

/**
 * The head of a STOW-RS {@code application/dicom} part, a PS3.10 file (§7.1): the 128-byte preamble,
 * "DICM" and the File Meta Information with its group length. Reads exactly that much, so the stream
 * is left at the first byte of the data set, ready for the ingest path.
 *
 * @param sopClassUid Media Storage SOP Class UID (0002,0002)
 * @param sopInstanceUid Media Storage SOP Instance UID (0002,0003)
 * @param transferSyntaxUid Transfer Syntax UID (0002,0010)
 */
record Part10Header(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
    private static final int MAX_META_LENGTH = 64 * 1024;

    /** @throws DicomException when the part does not start as a Part 10 file with the three UIDs */
    static Part10Header read(InputStream in) throws IOException {
        byte[] head = in.readNBytes(144);
        if (head.length < 144 || head[128] != 'D' || head[129] != 'I' || head[130] != 'C' || head[131] != 'M') {
            throw new DicomException(0, "not a DICOM file (PS3.10 7.1: preamble and \"DICM\" prefix expected)");
        }
        int p = 132;
        if (head[p] != 2 || head[p + 1] != 0 || head[p + 2] != 0 || head[p + 3] != 0 || head[p + 4] != 'U'
                || head[p + 5] != 'L' || head[p + 6] != 4 || head[p + 7] != 0) {
            throw new DicomException(p, "File Meta Information Group Length (0002,0000) missing (PS3.10 7.1)");
        }
        long length = (head[p + 8] & 0xFFL) | (head[p + 9] & 0xFFL) << 8 | (head[p + 10] & 0xFFL) << 16
                | (head[p + 11] & 0xFFL) << 24;
        if (length > MAX_META_LENGTH) {
            throw new DicomException(p, "File Meta Information implausibly long");
        }
        byte[] meta = in.readNBytes((int) length);
        if (meta.length != length) {
            throw new DicomException(p, "part ends inside its File Meta Information");
        }
        AttributesBuilder b = new AttributesBuilder(new Attributes(), ReadOptions.defaults());
        new DataSetReader(new ByteArrayInputStream(meta), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                ReadOptions.defaults()).read(b);
        Attributes fmi = b.result();
        String cuid = fmi.getString(0x00020002);
        String iuid = fmi.getString(0x00020003);
        String ts = fmi.getString(0x00020010);
        if (cuid == null || iuid == null || ts == null) {
            throw new DicomException(p, "File Meta Information lacks the SOP Class, SOP Instance or Transfer Syntax UID");
        }
        return new Part10Header(cuid.strip(), iuid.strip(), ts.strip());
    }
}
