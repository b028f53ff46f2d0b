// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.AttributesBuilder;
import org.pacs.dicom.io.BulkDataPolicy;
import org.pacs.dicom.io.DataSetReader;
import org.pacs.dicom.io.DataSetWriter;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.TransferSyntax;

/**
 * Encodes the header kept in the catalog: the data set in Explicit VR Little Endian (PS3.5 §A.2)
 * without File Meta Information and without bulk data: pixel, overlay, waveform, curve, audio,
 * spectroscopy and encapsulated-document data, values held as {@link BulkData} or {@link Fragments},
 * and binary (OB, OW, OF, ...) values longer than {@link #MAX_BINARY_VALUE} bytes. Text values keep
 * their bytes, so they are returned in the object's own character set. The encoding is deflated
 * behind a format byte: headers shrink several times, so more of them stay in the database's cache
 * (whose pages are decrypted on every miss).
 */
public final class HeaderCodec {
    /** Longest binary value kept; longer ones are bulk data, read from the blob when needed. */
    public static final int MAX_BINARY_VALUE = 4096;
    /** Format byte: Explicit VR Little Endian data set, raw deflate (RFC 1951). */
    private static final int DEFLATED_EXPLICIT_LE = 1;

    private HeaderCodec() {
    }

    public static byte[] encode(Attributes dataSet) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        out.write(DEFLATED_EXPLICIT_LE);
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        try {
            DeflaterOutputStream deflated = new DeflaterOutputStream(out, deflater, 8192);
            BufferedOutputStream buffered = new BufferedOutputStream(deflated, 8192);
            new DataSetWriter(buffered, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(withoutBulkData(dataSet));
            buffered.flush();
            deflated.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deflater.end();
        }
        return out.toByteArray();
    }

    public static Attributes decode(byte[] header) {
        if (header.length == 0 || header[0] != DEFLATED_EXPLICIT_LE) {
            throw new IllegalArgumentException("not a catalog header (format " + (header.length == 0 ? "none"
                    : Integer.toString(header[0] & 0xFF)) + ")");
        }
        ReadOptions options = ReadOptions.defaults().withBulkData(BulkDataPolicy.inMemory(), Long.MAX_VALUE);
        AttributesBuilder builder = new AttributesBuilder(new Attributes(), options);
        Inflater inflater = new Inflater(true);
        try (InputStream in = new InflaterInputStream(
                new ByteArrayInputStream(header, 1, header.length - 1), inflater, 8192)) {
            new DataSetReader(new BufferedInputStream(in, 8192), TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN, options)
                    .read(builder);
        } catch (IOException e) {
            throw new UncheckedIOException("catalog header cannot be read", e);
        } finally {
            inflater.end();
        }
        return builder.result();
    }

    /** A copy of {@code ds} with what {@link HeaderCodec} leaves out removed; values are shared. */
    public static Attributes withoutBulkData(Attributes ds) {
        Attributes copy = new Attributes(ds.size());
        copyInto(ds, copy);
        return copy;
    }

    private static void copyInto(Attributes from, Attributes to) {
        for (int i = 0; i < from.size(); i++) {
            int tag = from.tagAt(i);
            VR vr = from.vrAt(i);
            Object value = from.valueAt(i);
            if (isBulk(tag, vr, value) || Tag.group(tag) == 0x0002) {
                continue;
            }
            if (value instanceof Sequence seq) {
                Sequence target = to.newSequence(tag, seq.size());
                for (Attributes item : seq) {
                    copyInto(item, target.addItem());
                }
            } else {
                to.setValue(tag, vr, value);
            }
        }
    }

    private static boolean isBulk(int tag, VR vr, Object value) {
        if (value instanceof BulkData || value instanceof Fragments) {
            return true;
        }
        // Curve (50xx) and overlay (60xx) groups repeat: compare with the low byte of the group cleared.
        int high = Tag.group(tag) & 0xFF00;
        int masked = high == 0x5000 || high == 0x6000 ? tag & 0xFF00FFFF : tag;
        if (masked == Tags.PixelData || masked == Tags.FloatPixelData || masked == Tags.DoubleFloatPixelData
                || masked == Tags.OverlayData || masked == Tags.CurveData || masked == Tags.AudioSampleData
                || masked == Tags.WaveformData || masked == Tags.SpectroscopyData
                || masked == Tags.EncapsulatedDocument) {
            return true;
        }
        return vr.isBulk() && value instanceof byte[] b && b.length > MAX_BINARY_VALUE;
    }
}
