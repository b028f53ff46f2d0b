// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.io.AttributesBuilder;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.DataSetReader;
import org.pacs.dicom.io.DataSetWriter;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.TransferSyntax;

/**
 * Re-encodes a data set between the native transfer syntaxes (PS3.5 §A.1–A.3, §A.5 as source): the
 * values stay, VR representation and byte order change. Large values are spooled encrypted while the
 * data set is read, so memory holds only the small elements, and a source that fails authentication
 * fails here, before anything is sent. Compressed (encapsulated) data is never decoded.
 */
final class Transcoder {
    static final String IMPLICIT_LE = TransferSyntax.IMPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String EXPLICIT_LE = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
    static final String EXPLICIT_BE = TransferSyntax.EXPLICIT_VR_BIG_ENDIAN.uid();
    static final String DEFLATED_LE = TransferSyntax.DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN.uid();

    /** What a stored data set can be read from for transcoding. */
    private static final Set<String> SOURCES = Set.of(IMPLICIT_LE, EXPLICIT_LE, EXPLICIT_BE, DEFLATED_LE);
    /** What it can be written to, in order of preference (explicit VR keeps the VRs of private elements). */
    static final java.util.List<String> TARGETS = java.util.List.of(EXPLICIT_LE, IMPLICIT_LE, EXPLICIT_BE);

    private Transcoder() {
    }

    static boolean canRead(String transferSyntaxUid) {
        return SOURCES.contains(transferSyntaxUid);
    }

    static boolean canWrite(String transferSyntaxUid) {
        return TARGETS.contains(transferSyntaxUid);
    }

    /** Reads the whole data set (large values spooled), so that {@link #write} cannot fail on the source. */
    static Attributes read(InputStream dataSet, String transferSyntaxUid) throws IOException {
        if (!canRead(transferSyntaxUid)) {
            throw new IllegalArgumentException("cannot transcode from " + transferSyntaxUid);
        }
        TransferSyntax ts = TransferSyntax.of(transferSyntaxUid);
        ReadOptions options = ReadOptions.defaults().withBulkData(BulkDataPolicy.spool(),
                ReadOptions.DEFAULT_BULK_DATA_THRESHOLD);
        AttributesBuilder builder = new AttributesBuilder(new Attributes(), options);
        if (!ts.deflated()) {
            new DataSetReader(dataSet, ts, options).read(builder);
            return builder.result();
        }
        Inflater inflater = new Inflater(true);
        try {
            new DataSetReader(new InflaterInputStream(dataSet, inflater, 64 * 1024), ts, options).read(builder);
            return builder.result();
        } finally {
            inflater.end();
        }
    }

    static void write(Attributes dataSet, String transferSyntaxUid, OutputStream out) throws IOException {
        if (!canWrite(transferSyntaxUid)) {
            throw new IllegalArgumentException("cannot transcode to " + transferSyntaxUid);
        }
        new DataSetWriter(out, TransferSyntax.of(transferSyntaxUid)).write(dataSet);
    }
}
