// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;

/**
 * Reads a DICOM file (PS3.10 §7): preamble, File Meta Information, then the data set in the transfer
 * syntax the meta information names. Tolerates the real-world deviations of {@link Violation} (no
 * preamble, no meta information, no group length) and reports them.
 *
 * <pre>{@code
 * try (Part10Reader r = Part10Reader.open(path, ReadOptions.defaults())) {
 *     Attributes ds = r.readDataSet();
 * }
 * }</pre>
 */
public final class Part10Reader implements Closeable {
    private static final byte[] DICM = {'D', 'I', 'C', 'M'};

    private final InputStream raw;
    private final DicomInput in;
    private final ReadOptions options;
    private final Path sourceFile;
    private Attributes fmi;
    private TransferSyntax ts;
    private boolean headerRead;

    /** Reads from a stream of unknown length; bulk values are spooled per the options' policy. */
    public Part10Reader(InputStream in, ReadOptions options) {
        this(in, options, null, Long.MAX_VALUE);
    }

    private Part10Reader(InputStream raw, ReadOptions options, Path sourceFile, long length) {
        this.raw = raw;
        this.in = new DicomInput(raw, 0, length);
        this.options = options;
        this.sourceFile = sourceFile;
    }

    /** Opens a file; bulk values can then stay in the file as references. */
    public static Part10Reader open(Path file, ReadOptions options) throws IOException {
        return new Part10Reader(Files.newInputStream(file), options, file.toAbsolutePath(), Files.size(file));
    }

    /** Reads a whole file with default options. */
    public static DicomFile read(Path file) throws IOException {
        return read(file, ReadOptions.defaults());
    }

    public static DicomFile read(Path file, ReadOptions options) throws IOException {
        try (Part10Reader r = open(file, options)) {
            Attributes ds = r.readDataSet();
            return new DicomFile(r.fileMetaInformation(), ds, r.transferSyntax());
        }
    }

    /** The File Meta Information, or null if the file has none. */
    public Attributes fileMetaInformation() throws IOException {
        readHeader();
        return fmi;
    }

    /** The transfer syntax of the data set (from the meta information, or guessed). */
    public TransferSyntax transferSyntax() throws IOException {
        readHeader();
        return ts;
    }

    /** Streams the data set to {@code handler}. */
    public void readDataSet(DataSetHandler handler) throws IOException {
        readHeader();
        dataSetReader().read(handler);
    }

    /** Reads the data set into a tree. */
    public Attributes readDataSet() throws IOException {
        AttributesBuilder b = new AttributesBuilder(new Attributes(), options);
        readDataSet(b);
        return b.result();
    }

    private DataSetReader dataSetReader() {
        if (ts.deflated()) {
            // Offsets in the inflated stream are not file offsets: no file references past this point.
            InputStream inflated = new InflaterInputStream(in.remainder(), new Inflater(true), 64 * 1024);
            return new DataSetReader(new DicomInput(inflated, 0, Long.MAX_VALUE), ts, options, null);
        }
        return new DataSetReader(in, ts, options, sourceFile);
    }

    private void readHeader() throws IOException {
        if (headerRead) {
            return;
        }
        headerRead = true;
        try {
            byte[] head = new byte[132];
            int n = in.peek(head, 132);
            if (n == 132 && startsWith(head, 128, DICM)) {
                in.skipFully(132);
                readMeta();
            } else if (n >= 4 && startsWith(head, 0, DICM)) {
                violation(Violation.NO_PREAMBLE, 0);
                in.skipFully(4);
                readMeta();
            } else if (n >= 8 && head[0] == 2 && head[1] == 0 && VR.ofCode(((head[4] & 0xFF) << 8) | (head[5] & 0xFF)) != null) {
                violation(Violation.NO_PREAMBLE, 0);
                readMeta();
            } else {
                violation(Violation.NO_FILE_META_INFORMATION, 0);
                ts = guess(head, n);
            }
        } catch (DicomException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomException(in.position(), "I/O error: " + e.getMessage(), e);
        }
    }

    private void readMeta() throws IOException {
        long start = in.position();
        in.bigEndian(false);
        byte[] peek = new byte[8];
        long end = -1;
        long groupLength = -1;
        if (in.peek(peek, 8) == 8 && peek[0] == 2 && peek[1] == 0 && peek[2] == 0 && peek[3] == 0
                && peek[4] == 'U' && peek[5] == 'L') {
            in.tag();
            in.u16BigEndian();
            int len = in.u16();
            if (len != 4) {
                throw new DicomException(start, "File Meta Information Group Length has length " + len + ", not 4");
            }
            groupLength = in.u32();
            end = in.position() + groupLength;
        } else {
            violation(Violation.NO_GROUP_LENGTH, start);
        }
        // The meta information is Explicit VR Little Endian; read it element by element while the group is 0002.
        Attributes meta = new Attributes();
        ReadOptions metaOptions = options.withBulkData(BulkDataPolicy.inMemory(), Long.MAX_VALUE)
                .withLimits(1 << 20, 4, 1000).withStopTag(-1);
        AttributesBuilder builder = new AttributesBuilder(meta, metaOptions);
        DataSetReader reader = new DataSetReader(in, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN,
                metaOptions.withStopTag(0x00030000), null);
        reader.read(builder);
        if (groupLength >= 0) {
            meta.setInt(0x00020000, VR.UL, (int) groupLength);
        }
        if (end >= 0 && in.position() != end) {
            violation(Violation.WRONG_GROUP_LENGTH, start);
        }
        fmi = meta;
        String uid = meta.getString(0x00020010);
        if (uid == null) {
            violation(Violation.NO_TRANSFER_SYNTAX, start);
            byte[] head = new byte[16];
            ts = guess(head, in.peek(head, 16));
        } else {
            ts = TransferSyntax.of(uid);
        }
    }

    /** Guesses the syntax of a data set without meta information from its first element header. */
    private static TransferSyntax guess(byte[] head, int n) {
        if (n < 8) {
            return TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
        }
        boolean explicit = VR.ofCode(((head[4] & 0xFF) << 8) | (head[5] & 0xFF)) != null;
        boolean bigEndian = head[0] == 0 && head[1] != 0 && (head[1] & 1) == 0;
        if (bigEndian && explicit) {
            return TransferSyntax.EXPLICIT_VR_BIG_ENDIAN;
        }
        return explicit ? TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN : TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN;
    }

    private static boolean startsWith(byte[] b, int off, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (b[off + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private void violation(Violation v, long at) {
        options.violations().accept(v, at);
    }

    @Override
    public void close() throws IOException {
        raw.close();
    }
}
