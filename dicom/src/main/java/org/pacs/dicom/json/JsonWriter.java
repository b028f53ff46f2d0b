// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;

/**
 * Writes data sets in the DICOM JSON Model (PS3.18 §F.2), streaming: tokens go straight to the output,
 * bulk values are base64-encoded chunk by chunk from their source. Values of binary VRs (and any value
 * that may be bulk data, §F.2.6) longer than the threshold are offered to {@link BulkDataUris}; a URI
 * becomes {@code "BulkDataURI"}, null means {@code "InlineBinary"} (or {@code "Value"} for non-binary VRs).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * JsonWriter.create().withIndent(true).withBulkData(1024, BulkDataUris.files()).write(ds, System.out);
 * }</pre>
 */
public final class JsonWriter {
    private final boolean indent;
    private final long bulkDataThreshold;
    private final BulkDataUris uris;

    private JsonWriter(boolean indent, long bulkDataThreshold, BulkDataUris uris) {
        this.indent = indent;
        this.bulkDataThreshold = bulkDataThreshold;
        this.uris = uris;
    }

    /** Compact output, every value inline. */
    public static JsonWriter create() {
        return new JsonWriter(false, Long.MAX_VALUE, BulkDataUris.none());
    }

    public JsonWriter withIndent(boolean indent) {
        return new JsonWriter(indent, bulkDataThreshold, uris);
    }

    /** Values longer than {@code threshold} bytes are offered to {@code uris}. */
    public JsonWriter withBulkData(long threshold, BulkDataUris uris) {
        return new JsonWriter(indent, threshold, uris);
    }

    /** Writes {@code ds} as one JSON object in UTF-8; {@code out} is flushed, not closed. */
    public void write(Attributes ds, OutputStream out) throws IOException {
        Writer w = utf8(out);
        write(ds, w);
        w.flush();
    }

    /** Writes {@code ds} as one JSON object; {@code out} is flushed, not closed. */
    public void write(Attributes ds, Writer out) throws IOException {
        JsonOutput json = new JsonOutput(out, indent);
        dataSet(json, ds, "");
        json.flush();
    }

    /** Writes several data sets as one top-level array (PS3.18 §F.2.1, multiple results). */
    public void writeAll(Iterable<Attributes> dataSets, OutputStream out) throws IOException {
        Writer w = utf8(out);
        JsonOutput json = new JsonOutput(w, indent);
        json.beginArray();
        for (Attributes ds : dataSets) {
            dataSet(json, ds, "");
        }
        json.endArray();
        json.flush();
    }

    private static Writer utf8(OutputStream out) {
        return new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
    }

    private void dataSet(JsonOutput json, Attributes ds, String itemPath) throws IOException {
        json.beginObject();
        for (int i = 0; i < ds.size(); i++) {
            int tag = ds.tagAt(i);
            // Group Length (gggg,0000) attributes shall not be included (PS3.18 §F.2.2).
            if (!Tag.isGroupLength(tag)) {
                element(json, ds, i, BulkValue.pathOf(itemPath, tag));
            }
        }
        json.endObject();
    }

    private void element(JsonOutput json, Attributes ds, int index, String path) throws IOException {
        int tag = ds.tagAt(index);
        VR vr = ds.vrAt(index);
        Object value = ds.valueAt(index);
        json.name(Tag.toHex(tag));
        json.beginObject();
        json.name("vr");
        json.string(vr.name());
        if (value instanceof Sequence seq) {
            if (!seq.isEmpty()) {
                json.name("Value");
                json.beginArray();
                for (int k = 0; k < seq.size(); k++) {
                    dataSet(json, seq.get(k), path + "/" + k);
                }
                json.endArray();
            }
        } else if (value instanceof Fragments f) {
            fragments(json, path, tag, vr, f);
        } else if (value instanceof BulkData bulk) {
            bulkData(json, ds, index, path, bulk);
        } else {
            inMemory(json, ds, index, path);
        }
        json.endObject();
    }

    /** Encapsulated Pixel Data: a BulkDataURI, or the item stream inline (see {@link Encapsulation}). */
    void fragments(JsonOutput json, String path, int tag, VR vr, Fragments f) throws IOException {
        if (!bulkDataUri(json, new BulkValue(path, tag, vr, f, Encapsulation.length(f)))) {
            json.name("InlineBinary");
            try (InputStream in = Encapsulation.open(f)) {
                json.base64(in, 1);
            }
        }
    }

    /** A handler that writes the data set streaming past it (from a {@code DataSetReader}) as JSON. */
    public JsonDataSetHandler handler(OutputStream out) {
        return new JsonDataSetHandler(this, new JsonOutput(utf8(out), indent));
    }

    public JsonDataSetHandler handler(Writer out) {
        return new JsonDataSetHandler(this, new JsonOutput(out, indent));
    }

    long bulkDataThreshold() {
        return bulkDataThreshold;
    }

    private void bulkData(JsonOutput json, Attributes ds, int index, String path, BulkData bulk) throws IOException {
        int tag = ds.tagAt(index);
        VR vr = ds.vrAt(index);
        if (bulk.length() == 0) {
            return;
        }
        if (bulk.length() > bulkDataThreshold && bulkDataUri(json, new BulkValue(path, tag, vr, bulk, bulk.length()))) {
            return;
        }
        if (vr.isBulk()) {
            json.name("InlineBinary");
            try (InputStream in = bulk.openStream()) {
                json.base64(in, bulk.bigEndian() ? vr.unitSize() : 1);
            }
            return;
        }
        // A bulk reference of a VR that has values (e.g. a long UT): read it to write its values.
        byte[] bytes;
        try (InputStream in = bulk.openStream()) {
            bytes = in.readNBytes((int) Math.min(bulk.length(), Integer.MAX_VALUE - 8));
        }
        if (bulk.bigEndian() && vr.kind() == VR.Kind.BINARY && vr.unitSize() > 1) {
            swap(bytes, vr == VR.AT ? 2 : vr.unitSize());
        }
        Attributes one = new Attributes(1);
        if (vr.usesSpecificCharacterSet()) {
            // Keep the character set of the enclosing data set for the decoding.
            String[] cs = ds.specificCharacterSet().terms();
            if (cs.length > 0) {
                one.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, cs);
            }
        }
        one.setBytes(tag, vr, bytes);
        values(json, one, one.indexOf(tag));
    }

    private void inMemory(JsonOutput json, Attributes ds, int index, String path) throws IOException {
        VR vr = ds.vrAt(index);
        byte[] bytes = ds.encodedBytes(index);
        long length = bytes == null ? 0 : bytes.length;
        if (length > bulkDataThreshold && mayBeBulkData(vr)
                && bulkDataUri(json, new BulkValue(path, ds.tagAt(index), vr, ds.valueAt(index), length))) {
            return;
        }
        if (vr.isBulk()) {
            if (length > 0) {
                json.name("InlineBinary");
                json.base64(new ByteArrayInputStream(bytes), 1);
            }
            return;
        }
        values(json, ds, index);
    }

    /** VRs whose Value Field may be replaced by a BulkDataURI (PS3.18 §F.2.2). */
    static boolean mayBeBulkData(VR vr) {
        return switch (vr) {
            case DS, FL, FD, IS, LT, OB, OD, OF, OL, OV, OW, SL, SS, ST, SV, UC, UL, UN, US, UT, UV -> true;
            default -> false;
        };
    }

    boolean bulkDataUri(JsonOutput json, BulkValue v) throws IOException {
        if (v.length() <= bulkDataThreshold) {
            return false;
        }
        String uri = uris.uriFor(v);
        if (uri == null) {
            return false;
        }
        json.name("BulkDataURI");
        json.string(uri);
        return true;
    }

    /** The "Value" array of an element that is not a sequence or binary octet stream. */
    static void values(JsonOutput json, Attributes ds, int index) throws IOException {
        VR vr = ds.vrAt(index);
        int tag = ds.tagAt(index);
        switch (vr) {
            case US, SS, UL, SL -> {
                long[] v = ds.getLongs(tag);
                if (v != null && v.length > 0) {
                    json.name("Value");
                    json.beginArray();
                    for (long l : v) {
                        json.number(Long.toString(l));
                    }
                    json.endArray();
                }
            }
            case SV, UV -> {
                long[] v = ds.getLongs(tag);
                if (v != null && v.length > 0) {
                    json.name("Value");
                    json.beginArray();
                    for (long l : v) {
                        boolean fits = vr == VR.SV ? JsonNumbers.fitsJsonNumber(l) : JsonNumbers.fitsJsonNumberUnsigned(l);
                        String text = vr == VR.SV ? Long.toString(l) : Long.toUnsignedString(l);
                        if (fits) {
                            json.number(text);
                        } else {
                            json.string(text);
                        }
                    }
                    json.endArray();
                }
            }
            case FL, FD -> {
                double[] v = ds.getDoubles(tag);
                if (v != null && v.length > 0) {
                    json.name("Value");
                    json.beginArray();
                    for (double d : v) {
                        String text = JsonNumbers.floating(d, vr == VR.FL);
                        if (text != null) {
                            json.number(text);
                        } else {
                            json.string(JsonNumbers.nonFinite(d));
                        }
                    }
                    json.endArray();
                }
            }
            default -> strings(json, vr, ds.getStrings(tag));
        }
    }

    private static void strings(JsonOutput json, VR vr, String[] values) throws IOException {
        if (values == null || values.length == 0 || (values.length == 1 && values[0].isEmpty())) {
            return;
        }
        json.name("Value");
        json.beginArray();
        for (String s : values) {
            if (s.isEmpty()) {
                // Empty values of a multi-valued attribute are null array elements (PS3.18 §F.2.5).
                json.nullValue();
                continue;
            }
            switch (vr) {
                case PN -> personName(json, s);
                case IS, DS -> {
                    String n = JsonNumbers.decimal(s, vr == VR.IS);
                    if (n != null) {
                        json.number(n);
                    } else {
                        json.string(s);
                    }
                }
                default -> json.string(s);
            }
        }
        json.endArray();
    }

    /** A PN value as an object of its non-empty component groups (PS3.18 §F.2.2; PS3.5 §6.2.1). */
    static void personName(JsonOutput json, String pn) throws IOException {
        String[] groups = PersonNameGroups.split(pn);
        json.beginObject();
        for (int g = 0; g < groups.length; g++) {
            if (!groups[g].isEmpty()) {
                json.name(PersonNameGroups.NAMES[g]);
                json.string(groups[g]);
            }
        }
        json.endObject();
    }

    private static void swap(byte[] b, int unit) {
        for (int i = 0; i + unit <= b.length; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }
}
