// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;

/**
 * Writes a data set in one non-deflated transfer syntax (PS3.5 §7). Deterministic: sequences and
 * items with undefined length, values padded to even length with the VR's padding byte, bulk data
 * streamed. A value too long for a 16-bit explicit length is written as UN (PS3.5 §6.2.2).
 */
public final class DataSetWriter {
    private static final long UNDEFINED = 0xFFFFFFFFL;

    private final OutputStream out;
    private final TransferSyntax ts;
    private final byte[] header = new byte[12];

    /** {@code out} should be buffered; this writer does not buffer. */
    public DataSetWriter(OutputStream out, TransferSyntax ts) {
        if (ts.deflated()) {
            throw new IllegalArgumentException("deflate is applied by Part10Writer, not by DataSetWriter");
        }
        this.out = out;
        this.ts = ts;
    }

    public void write(Attributes ds) throws IOException {
        for (int i = 0; i < ds.size(); i++) {
            writeElement(ds, i);
        }
    }

    private void writeElement(Attributes ds, int i) throws IOException {
        int tag = ds.tagAt(i);
        VR vr = ds.vrAt(i);
        Object value = ds.valueAt(i);
        if (value instanceof Sequence seq) {
            writeHeader(tag, VR.SQ, UNDEFINED);
            for (Attributes item : seq) {
                writeHeader(Tag.ITEM, null, UNDEFINED);
                write(item);
                writeHeader(Tag.ITEM_DELIMITATION, null, 0);
            }
            writeHeader(Tag.SEQUENCE_DELIMITATION, null, 0);
        } else if (value instanceof Fragments frags) {
            writeHeader(tag, vr, UNDEFINED);
            for (Object f : frags) {
                long len = f instanceof byte[] b ? b.length : ((BulkData) f).length();
                writeHeader(Tag.ITEM, null, len + (len & 1));
                writeRaw(f, false, 1);
                if ((len & 1) != 0) {
                    out.write(0);
                }
            }
            writeHeader(Tag.SEQUENCE_DELIMITATION, null, 0);
        } else if (value instanceof BulkData bulk) {
            long len = bulk.length();
            writeHeader(tag, vr, len + (len & 1));
            writeRaw(bulk, bulk.bigEndian() != ts.bigEndian(), ByteSwap.unit(vr));
            if ((len & 1) != 0) {
                out.write(vr.paddingByte());
            }
        } else {
            byte[] bytes = ds.encodedBytes(i);
            int len = bytes.length;
            VR written = vr;
            if (ts.explicitVR() && !vr.hasLongHeader() && len + (len & 1) > 0xFFFF) {
                written = VR.UN;
            }
            writeHeader(tag, written, len + (len & 1));
            if (ts.bigEndian() && vr.kind() == VR.Kind.BINARY && ByteSwap.unit(vr) > 1) {
                byte[] swapped = bytes.clone();
                ByteSwap.toLittleEndian(vr, swapped);
                out.write(swapped);
            } else {
                out.write(bytes);
            }
            if ((len & 1) != 0) {
                out.write(vr.paddingByte());
            }
        }
    }

    private void writeRaw(Object value, boolean swap, int unit) throws IOException {
        if (value instanceof byte[] b) {
            out.write(b);
            return;
        }
        try (InputStream in = ((BulkData) value).openStream()) {
            if (!swap || unit <= 1) {
                in.transferTo(out);
                return;
            }
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                ByteSwap.swap(buf, 0, n, unit);
                out.write(buf, 0, n);
            }
        }
    }

    /** Writes a tag, the VR (explicit syntaxes, not for items and delimiters) and the length. */
    private void writeHeader(int tag, VR vr, long length) throws IOException {
        int n = 0;
        n = put16(n, tag >>> 16);
        n = put16(n, tag & 0xFFFF);
        if (vr != null && ts.explicitVR()) {
            header[n++] = (byte) (vr.code() >>> 8);
            header[n++] = (byte) vr.code();
            if (vr.hasLongHeader()) {
                header[n++] = 0;
                header[n++] = 0;
                n = put32(n, length);
            } else {
                n = put16(n, (int) length);
            }
        } else {
            n = put32(n, length);
        }
        out.write(header, 0, n);
    }

    private int put16(int n, int v) {
        if (ts.bigEndian()) {
            header[n] = (byte) (v >>> 8);
            header[n + 1] = (byte) v;
        } else {
            header[n] = (byte) v;
            header[n + 1] = (byte) (v >>> 8);
        }
        return n + 2;
    }

    private int put32(int n, long v) {
        if (ts.bigEndian()) {
            n = put16(n, (int) (v >>> 16));
            return put16(n, (int) v);
        }
        n = put16(n, (int) v);
        return put16(n, (int) (v >>> 16));
    }
}
