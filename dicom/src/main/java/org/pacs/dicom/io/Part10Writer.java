// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;

/**
 * Writes a DICOM file (PS3.10 §7.1): 128-byte zero preamble, "DICM", File Meta Information in Explicit
 * VR Little Endian with its group length, then the data set in the transfer syntax named by (0002,0010),
 * deflated for the Deflated Explicit VR Little Endian syntax.
 */
public final class Part10Writer {
    /** The toolkit's Implementation Class UID (PS3.7 §D.3.3.2), a UUID-derived UID (PS3.5 §B.2). */
    public static final String IMPLEMENTATION_CLASS_UID = "2.25.216917728849705854195590360066714803600";
    public static final String IMPLEMENTATION_VERSION_NAME = "SECUREPACS_01";

    private Part10Writer() {
    }

    /**
     * File Meta Information for a data set (PS3.10 Table 7.1-1). Group length is computed when written.
     */
    public static Attributes fileMetaInformation(String sopClassUid, String sopInstanceUid, String transferSyntaxUid) {
        Attributes fmi = new Attributes(8);
        fmi.setBytes(0x00020001, VR.OB, new byte[] {0, 1});
        fmi.setString(0x00020002, VR.UI, sopClassUid);
        fmi.setString(0x00020003, VR.UI, sopInstanceUid);
        fmi.setString(0x00020010, VR.UI, transferSyntaxUid);
        fmi.setString(0x00020012, VR.UI, IMPLEMENTATION_CLASS_UID);
        fmi.setString(0x00020013, VR.SH, IMPLEMENTATION_VERSION_NAME);
        return fmi;
    }

    /** File Meta Information for {@code ds}, taking SOP Class and Instance UIDs from it. */
    public static Attributes fileMetaInformation(Attributes ds, String transferSyntaxUid) {
        return fileMetaInformation(ds.getString(0x00080016, ""), ds.getString(0x00080018, ""), transferSyntaxUid);
    }

    public static void write(Path file, Attributes fmi, Attributes ds) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024)) {
            write(out, fmi, ds);
        }
    }

    /** Writes the file to {@code out} (not closed; flushed). */
    public static void write(OutputStream out, Attributes fmi, Attributes ds) throws IOException {
        String tsUid = fmi.getString(0x00020010);
        if (tsUid == null) {
            throw new IllegalArgumentException("File Meta Information lacks Transfer Syntax UID (0002,0010)");
        }
        TransferSyntax ts = TransferSyntax.of(tsUid);
        writeHeader(out, fmi);
        if (ts.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            DeflaterOutputStream dout = new DeflaterOutputStream(nonClosing(out), deflater, 64 * 1024);
            new DataSetWriter(dout, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(ds);
            dout.finish();
            deflater.end();
        } else {
            new DataSetWriter(out, ts).write(ds);
        }
        out.flush();
    }

    /**
     * Writes only the preamble, "DICM" and the File Meta Information: what precedes a data set that
     * arrives already encoded (a C-STORE data set is appended to this to make a Part 10 file).
     */
    public static void writeHeader(OutputStream out, Attributes fmi) throws IOException {
        out.write(new byte[128]);
        out.write(new byte[] {'D', 'I', 'C', 'M'});
        writeMeta(out, fmi);
    }

    private static void writeMeta(OutputStream out, Attributes fmi) throws IOException {
        Attributes meta = new Attributes(fmi.size());
        for (int i = 0; i < fmi.size(); i++) {
            if (Tag.group(fmi.tagAt(i)) == 2 && fmi.tagAt(i) != 0x00020000) {
                meta.setValue(fmi.tagAt(i), fmi.vrAt(i), fmi.valueAt(i));
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream(256);
        new DataSetWriter(body, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(meta);
        Attributes groupLength = new Attributes(1);
        groupLength.setInt(0x00020000, VR.UL, body.size());
        new DataSetWriter(out, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(groupLength);
        body.writeTo(out);
    }

    private static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
