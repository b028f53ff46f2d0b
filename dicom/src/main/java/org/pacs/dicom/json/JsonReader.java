// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.FileBulkData;
import org.pacs.dicom.json.JsonValue.JsonArray;
import org.pacs.dicom.json.JsonValue.JsonObject;
import org.pacs.dicom.json.JsonValue.JsonString;

/**
 * Reads the DICOM JSON Model (PS3.18 §F.2) into {@link Attributes}. Strict: an attribute needs its
 * "vr", has at most one of "Value", "BulkDataURI" and "InlineBinary", and each value must have the JSON
 * type of Table F.2.3-1 and fit its VR; anything else is a {@link DicomException} with the character
 * offset of the offending value. Immutable and thread-safe.
 *
 * <pre>{@code
 * Attributes ds = JsonReader.create().read(inputStream);
 * }</pre>
 */
public final class JsonReader {
    private final JsonLimits limits;
    private final BulkDataResolver resolver;

    private JsonReader(JsonLimits limits, BulkDataResolver resolver) {
        this.limits = limits;
        this.resolver = resolver;
    }

    /** Default limits; every BulkDataURI rejected. */
    public static JsonReader create() {
        return new JsonReader(JsonLimits.defaults(), BulkDataResolver.reject());
    }

    public JsonReader withLimits(JsonLimits limits) {
        return new JsonReader(limits, resolver);
    }

    public JsonReader withBulkDataResolver(BulkDataResolver resolver) {
        return new JsonReader(limits, resolver);
    }

    /** Reads one data set (a JSON object) from UTF-8 input. */
    public Attributes read(InputStream in) throws IOException {
        return toAttributes(JsonParser.parse(in, limits));
    }

    public Attributes read(Reader in) throws IOException {
        return toAttributes(JsonParser.parse(in, limits));
    }

    /** Reads a top-level array of data sets (PS3.18 §F.2.1) or a single object as a list of one. */
    public List<Attributes> readAll(InputStream in) throws IOException {
        JsonValue doc = JsonParser.parse(in, limits);
        if (doc instanceof JsonArray a) {
            List<Attributes> out = new ArrayList<>(a.size());
            for (JsonValue v : a.elements()) {
                out.add(toAttributes(v));
            }
            return out;
        }
        return List.of(toAttributes(doc));
    }

    /** Converts a parsed DICOM JSON object. */
    public Attributes toAttributes(JsonValue json) throws IOException {
        Attributes ds = new Attributes();
        dataSet(json, ds);
        return ds;
    }

    private void dataSet(JsonValue json, Attributes ds) throws IOException {
        if (!(json instanceof JsonObject obj)) {
            throw error(json, "expected a DICOM JSON object (a data set)");
        }
        // Values are kept as decoded text: the data set's character set applies only when it is encoded.
        for (Map.Entry<String, JsonValue> e : obj.members().entrySet()) {
            int tag = tag(e.getKey(), e.getValue());
            attribute(tag, e.getValue(), ds);
        }
    }

    private static int tag(String key, JsonValue at) throws DicomException {
        if (key.length() != 8 || !key.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F'))) {
            throw error(at, "attribute name \"" + (key.length() > 12 ? key.substring(0, 12) + "..." : key)
                    + "\" is not 8 upper-case hexadecimal digits (PS3.18 §F.2.2)");
        }
        return (int) Long.parseLong(key, 16);
    }

    private void attribute(int tag, JsonValue json, Attributes ds) throws IOException {
        if (!(json instanceof JsonObject obj)) {
            throw error(json, Tag.toString(tag) + ": expected an attribute object");
        }
        VR vr = null;
        JsonValue value = null;
        String kind = null;
        for (Map.Entry<String, JsonValue> m : obj.members().entrySet()) {
            switch (m.getKey()) {
                case "vr" -> vr = vr(tag, m.getValue());
                case "Value", "BulkDataURI", "InlineBinary" -> {
                    if (kind != null) {
                        throw error(m.getValue(), Tag.toString(tag) + ": both " + kind + " and " + m.getKey());
                    }
                    kind = m.getKey();
                    value = m.getValue();
                }
                default -> throw error(m.getValue(), Tag.toString(tag) + ": unexpected member \""
                        + (m.getKey().length() > 20 ? m.getKey().substring(0, 20) + "..." : m.getKey()) + "\"");
            }
        }
        if (vr == null) {
            throw error(json, Tag.toString(tag) + ": no \"vr\"");
        }
        if (kind == null) {
            if (vr == VR.SQ) {
                ds.newSequence(tag, 0);
            } else {
                ds.setNull(tag, vr);
            }
            return;
        }
        switch (kind) {
            case "BulkDataURI" -> bulkDataUri(tag, vr, value, ds);
            case "InlineBinary" -> inlineBinary(tag, vr, value, ds);
            default -> value(tag, vr, value, ds);
        }
    }

    private static VR vr(int tag, JsonValue v) throws DicomException {
        if (v instanceof JsonString s && s.value().length() == 2) {
            VR vr = VR.ofCode((s.value().charAt(0) << 8) | s.value().charAt(1));
            if (vr != null) {
                return vr;
            }
        }
        throw error(v, Tag.toString(tag) + ": \"vr\" is not a VR of PS3.5 Table 6.2-1");
    }

    private void bulkDataUri(int tag, VR vr, JsonValue v, Attributes ds) throws IOException {
        if (!(v instanceof JsonString s)) {
            throw error(v, Tag.toString(tag) + ": BulkDataURI is not a string");
        }
        if (vr == VR.SQ || (vr.isString() && vr != VR.DS && vr != VR.IS && vr != VR.LT && vr != VR.ST
                && vr != VR.UC && vr != VR.UT) || vr == VR.AT) {
            throw error(v, Tag.toString(tag) + ": BulkDataURI not allowed for VR " + vr + " (PS3.18 §F.2.2)");
        }
        BulkData bulk = resolver.resolve(s.value(), tag, vr);
        if (bulk == null) {
            throw error(v, Tag.toString(tag) + ": BulkDataURI not resolved");
        }
        if (isPixelData(tag, vr) && bulk instanceof FileBulkData f && f.length() >= 8) {
            Fragments frags = Encapsulation.parse(f, vr);
            if (frags != null) {
                ds.setValue(tag, vr, frags);
                return;
            }
        }
        ds.setBulkData(tag, vr, bulk);
    }

    private static boolean isPixelData(int tag, VR vr) {
        return tag == Tag.PIXEL_DATA && (vr == VR.OB || vr == VR.OW);
    }

    private static void inlineBinary(int tag, VR vr, JsonValue v, Attributes ds) throws DicomException {
        if (!vr.isBulk()) {
            throw error(v, Tag.toString(tag) + ": InlineBinary not allowed for VR " + vr + " (PS3.18 §F.2.2)");
        }
        if (!(v instanceof JsonString s)) {
            throw error(v, Tag.toString(tag) + ": InlineBinary is not a string");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(s.value());
        } catch (IllegalArgumentException e) {
            throw error(v, Tag.toString(tag) + ": InlineBinary is not base64 (RFC 4648 §4)");
        }
        // Encapsulated Pixel Data is inlined as its item stream (see Encapsulation).
        if (isPixelData(tag, vr) && Encapsulation.isItemStream(bytes)) {
            ds.setValue(tag, vr, Encapsulation.parse(bytes, vr));
        } else {
            ds.setBytes(tag, vr, bytes);
        }
    }

    private void value(int tag, VR vr, JsonValue v, Attributes ds) throws IOException {
        if (!(v instanceof JsonArray arr)) {
            throw error(v, Tag.toString(tag) + ": Value is not an array");
        }
        if (vr == VR.SQ) {
            Sequence seq = ds.newSequence(tag, arr.size());
            for (JsonValue item : arr.elements()) {
                dataSet(item, seq.addItem());
            }
            return;
        }
        if (vr.isBulk()) {
            throw error(v, Tag.toString(tag) + ": VR " + vr + " takes InlineBinary or BulkDataURI, not Value");
        }
        if (vr.isString()) {
            ds.setString(tag, vr, JsonValues.strings(tag, vr, arr));
        } else {
            ds.setBytes(tag, vr, JsonValues.binary(tag, vr, arr));
        }
    }

    static DicomException error(JsonValue at, String reason) {
        return new DicomException(at.offset(), reason);
    }
}
