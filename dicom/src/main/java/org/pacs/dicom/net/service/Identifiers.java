// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.service;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.io.AttributesBuilder;
import org.pacs.dicom.io.DataSetReader;
import org.pacs.dicom.io.DataSetWriter;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.TransferSyntax;

/**
 * Decodes and encodes the small data sets DIMSE carries whole (C-FIND/C-MOVE/C-GET identifiers,
 * DIMSE-N attribute lists) in a presentation context's transfer syntax, deflated ones included
 * (PS3.5 §A.5). The toolkit's data set codec does the work; the network layer only moves bytes.
 *
 * <pre>{@code
 * Attributes keys = Identifiers.decode(request.identifier(), request.transferSyntax());
 * matches.send(Identifiers.encode(match, request.transferSyntax()));
 * }</pre>
 */
public final class Identifiers {

    private Identifiers() {
    }

    public static Attributes decode(byte[] encoded, String transferSyntax) throws IOException {
        TransferSyntax ts = TransferSyntax.of(transferSyntax);
        InputStream in = new ByteArrayInputStream(encoded);
        if (ts.deflated()) {
            in = new InflaterInputStream(in, new Inflater(true));
        }
        AttributesBuilder builder = new AttributesBuilder(new Attributes(), ReadOptions.defaults());
        new DataSetReader(in, ts, ReadOptions.defaults()).read(builder);
        return builder.result();
    }

    public static byte[] encode(Attributes dataSet, String transferSyntax) throws IOException {
        TransferSyntax ts = TransferSyntax.of(transferSyntax);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (ts.deflated()) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            try (OutputStream out = new DeflaterOutputStream(bytes, deflater)) {
                new DataSetWriter(out, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(dataSet);
            } finally {
                deflater.end();
            }
        } else {
            new DataSetWriter(bytes, ts).write(dataSet);
        }
        return bytes.toByteArray();
    }
}
