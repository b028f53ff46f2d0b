// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Arrays;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.DataSetWriter;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.TransferSyntax;

/**
 * One object to import, split the way the ingest path wants it (PS3.10 §7.1): the SOP Class, SOP
 * Instance and Transfer Syntax UIDs, and the data set without File Meta Information, encoded as stored.
 *
 * <p>A well-formed file (preamble, "DICM", File Meta Information with its group length) is passed
 * through byte for byte: only the meta information is parsed, the data set streams behind it. A file
 * without meta information or without its group length (tolerated deviations, see
 * {@code org.pacs.dicom.io.Violation}) is read into a tree (large values spooled encrypted, never in
 * plaintext on disk) and written again in the syntax it was read in.
 */
final class Part10Input implements AutoCloseable {
    /** Meta information beyond this is not a real file's. */
    private static final int MAX_META = 64 << 10;
    private static final byte[] DICM = {'D', 'I', 'C', 'M'};

    /** Not DICOM at all, or DICOM that cannot be read: the importer tells the two apart. */
    static final class Unreadable extends Exception {
        final boolean looksLikeDicom;

        Unreadable(boolean looksLikeDicom, String message) {
            super(message);
            this.looksLikeDicom = looksLikeDicom;
        }
    }

    final String sopClassUid;
    final String sopInstanceUid;
    final String transferSyntaxUid;
    private final InputStream dataSet;
    private final Thread writer;

    private Part10Input(String sopClassUid, String sopInstanceUid, String transferSyntaxUid, InputStream dataSet,
            Thread writer) {
        this.sopClassUid = sopClassUid;
        this.sopInstanceUid = sopInstanceUid;
        this.transferSyntaxUid = transferSyntaxUid;
        this.dataSet = dataSet;
        this.writer = writer;
    }

    /** The data set, to be read once, to its end. */
    InputStream dataSet() {
        return dataSet;
    }

    /**
     * Reads the head of {@code raw}. The caller closes the result (and so {@code raw}).
     *
     * @throws Unreadable with a reason fit for the report (no patient data)
     */
    static Part10Input read(InputStream raw) throws IOException, Unreadable {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(MAX_META + 256);
        byte[] head = in.readNBytes(132);
        int metaStart;
        if (head.length == 132 && Arrays.equals(head, 128, 132, DICM, 0, 4)) {
            metaStart = 132;
        } else if (head.length >= 4 && Arrays.equals(head, 0, 4, DICM, 0, 4)) {
            metaStart = 4; // no preamble (PS3.10 requires one; tolerated on import)
        } else {
            in.reset();
            return fromTree(in, false);
        }
        in.reset();
        in.skipNBytes(metaStart);
        byte[] groupLength = in.readNBytes(12);
        boolean hasGroupLength = groupLength.length == 12 && groupLength[0] == 2 && groupLength[1] == 0
                && groupLength[2] == 0 && groupLength[3] == 0 && groupLength[4] == 'U' && groupLength[5] == 'L'
                && groupLength[6] == 4 && groupLength[7] == 0;
        long length = hasGroupLength ? (groupLength[8] & 0xFFL) | (groupLength[9] & 0xFFL) << 8
                | (groupLength[10] & 0xFFL) << 16 | (groupLength[11] & 0xFFL) << 24 : -1;
        if (!hasGroupLength || length > MAX_META) {
            in.reset();
            return fromTree(in, true);
        }
        byte[] meta = in.readNBytes((int) length);
        if (meta.length != length) {
            throw new Unreadable(true, "ends inside its File Meta Information");
        }
        ByteArrayOutputStream header = new ByteArrayOutputStream(132 + 12 + meta.length);
        header.write(new byte[128]);
        header.write(DICM);
        header.write(groupLength);
        header.write(meta);
        Attributes fmi;
        try (Part10Reader r = new Part10Reader(new ByteArrayInputStream(header.toByteArray()), ReadOptions.defaults())) {
            fmi = r.fileMetaInformation();
        } catch (DicomException e) {
            throw new Unreadable(true, "File Meta Information unreadable: " + e.getMessage());
        }
        if (!nextTagIsPastMeta(in)) {
            // The group length is wrong (more meta elements follow): read it the tolerant way.
            in.reset();
            return fromTree(in, true);
        }
        String cuid = fmi.getString(Tags.MediaStorageSOPClassUID);
        String iuid = fmi.getString(Tags.MediaStorageSOPInstanceUID);
        String ts = fmi.getString(Tags.TransferSyntaxUID);
        if (cuid == null || iuid == null || ts == null) {
            throw new Unreadable(true, "File Meta Information lacks SOP Class, SOP Instance or Transfer Syntax UID");
        }
        return new Part10Input(cuid, iuid, ts, TransferSyntax.of(ts).deflated() ? new PadToEven(in) : in, null);
    }

    /** True unless the next element is still in group 0002 (peeked, not consumed). */
    private static boolean nextTagIsPastMeta(BufferedInputStream in) throws IOException {
        in.mark(4);
        byte[] b = in.readNBytes(2);
        in.reset();
        return b.length < 2 || b[0] != 2 || b[1] != 0;
    }

    /** The tolerant path: a tree, then written again in its own transfer syntax through a pipe. */
    private static Part10Input fromTree(InputStream in, boolean hasDicmMagic) throws IOException, Unreadable {
        Attributes ds;
        Attributes fmi;
        TransferSyntax ts;
        try {
            Part10Reader r = new Part10Reader(in, ReadOptions.defaults().withBulkData(BulkDataPolicy.spool(),
                    ReadOptions.DEFAULT_BULK_DATA_THRESHOLD));
            ds = r.readDataSet();
            fmi = r.fileMetaInformation();
            ts = r.transferSyntax();
        } catch (DicomException | IllegalArgumentException e) {
            throw new Unreadable(hasDicmMagic, hasDicmMagic ? "unreadable: " + e.getMessage() : "no DICOM header");
        }
        String cuid = ds.getString(Tags.SOPClassUID);
        String iuid = ds.getString(Tags.SOPInstanceUID);
        if (cuid == null || iuid == null) {
            throw new Unreadable(hasDicmMagic, hasDicmMagic ? "no SOP Class or SOP Instance UID" : "no DICOM header");
        }
        String tsUid = fmi != null && fmi.getString(Tags.TransferSyntaxUID) != null
                ? fmi.getString(Tags.TransferSyntaxUID) : ts.uid();
        TransferSyntax written = TransferSyntax.of(tsUid);
        PipedInputStream pipeIn = new PipedInputStream(256 * 1024);
        PipedOutputStream pipeOut = new PipedOutputStream(pipeIn);
        Thread writer = Thread.ofVirtual().name("pacs-import-encode").start(() -> {
            try (OutputStream out = written.deflated()
                    ? new java.util.zip.DeflaterOutputStream(pipeOut, new java.util.zip.Deflater(
                            java.util.zip.Deflater.DEFAULT_COMPRESSION, true), 64 * 1024)
                    : new java.io.BufferedOutputStream(pipeOut, 64 * 1024)) {
                new DataSetWriter(out, written.deflated() ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : written)
                        .write(ds);
            } catch (IOException e) {
                // The reader sees the pipe end early and the ingest fails: nothing is stored.
            }
        });
        return new Part10Input(cuid, iuid, tsUid, written.deflated() ? new PadToEven(pipeIn) : pipeIn, writer);
    }

    @Override
    public void close() throws IOException {
        try {
            dataSet.close();
        } finally {
            if (writer != null) {
                writer.interrupt();
            }
        }
    }
}
