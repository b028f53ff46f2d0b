// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.DataSetHandler;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.io.FileBulkData;
import org.pacs.dicom.io.ValueInput;

/**
 * Writes the DICOM JSON Model (PS3.18 §F.2) of a data set as it streams past, without building a tree:
 * one value in memory at a time, values above the threshold offered to {@link BulkDataUris} (as
 * {@link FileBulkData} when the input is a plain file) or base64-encoded straight from the input. The
 * JSON equals what {@link JsonWriter#write} writes for the same data set. Elements must come in
 * ascending tag order (PS3.5 §7.1), as the JSON object is written in that order; a repeated or
 * out-of-order tag stops the write with a {@link DicomException}. Call {@link #finish} after the read.
 *
 * <pre>{@code
 * try (Part10Reader r = Part10Reader.open(file, options)) {
 *     JsonDataSetHandler h = JsonWriter.create().withBulkData(1024, BulkDataUris.files()).handler(out);
 *     r.readDataSet(h);
 *     h.finish();
 * }
 * }</pre>
 */
public final class JsonDataSetHandler implements DataSetHandler {
    private final JsonWriter config;
    private final JsonOutput json;
    private final Deque<Level> levels = new ArrayDeque<>();
    /** Encapsulated fragments collected as file references, or null while streaming them inline. */
    private Fragments fileFragments;
    private int fragmentsTag;
    private VR fragmentsVR;
    private boolean inlineFragments;
    private boolean started;
    private boolean finished;

    /** A data set being written: its path, character set terms and last tag; or a sequence's state. */
    private static final class Level {
        final String path;
        String[] charset;
        long lastTag = -1;
        boolean sequence;
        boolean valueOpened;
        int items;

        Level(String path, String[] charset) {
            this.path = path;
            this.charset = charset;
        }
    }

    JsonDataSetHandler(JsonWriter config, JsonOutput json) {
        this.config = config;
        this.json = json;
        levels.push(new Level("", new String[0]));
    }

    @Override
    public void element(int tag, VR vr, ValueInput value) throws IOException {
        Level ds = order(tag, value.offset());
        if (Tag.isGroupLength(tag)) {
            return; // left out (PS3.18 §F.2.2); the reader skips the unread value
        }
        String path = BulkValue.pathOf(ds.path, tag);
        json.name(Tag.toHex(tag));
        json.beginObject();
        json.name("vr");
        json.string(vr.name());
        long length = value.length();
        if (length > config.bulkDataThreshold() && (vr.isBulk() || JsonWriter.mayBeBulkData(vr))
                && config.bulkDataUri(json, new BulkValue(path, tag, vr, reference(value), length))) {
            json.endObject();
            return;
        }
        if (vr.isBulk()) {
            if (length > 0) {
                json.name("InlineBinary");
                json.base64(value.stream(), value.bigEndian() ? vr.unitSize() : 1);
            }
        } else {
            byte[] bytes = value.readBytes();
            if (value.bigEndian() && vr.kind() == VR.Kind.BINARY) {
                swap(bytes, vr == VR.AT ? 2 : vr.unitSize());
            }
            Attributes one = new Attributes(2);
            if (vr.usesSpecificCharacterSet() && ds.charset.length > 0) {
                one.setString(Tag.SPECIFIC_CHARACTER_SET, VR.CS, ds.charset);
            }
            one.setBytes(tag, vr, bytes);
            if (tag == Tag.SPECIFIC_CHARACTER_SET) {
                ds.charset = one.getStrings(tag);
            }
            JsonWriter.values(json, one, one.indexOf(tag));
        }
        json.endObject();
    }

    @Override
    public void startSequence(int tag, VR vr, long length) throws IOException {
        Level ds = order(tag, -1);
        json.name(Tag.toHex(tag));
        json.beginObject();
        json.name("vr");
        json.string("SQ");
        Level seq = new Level(BulkValue.pathOf(ds.path, tag), ds.charset);
        seq.sequence = true;
        levels.push(seq);
    }

    @Override
    public void startItem(long length) throws IOException {
        Level seq = levels.peek();
        if (!seq.valueOpened) {
            json.name("Value");
            json.beginArray();
            seq.valueOpened = true;
        }
        levels.push(new Level(seq.path + "/" + seq.items++, seq.charset));
        json.beginObject();
    }

    @Override
    public void endItem() throws IOException {
        levels.pop();
        json.endObject();
    }

    @Override
    public void endSequence() throws IOException {
        Level seq = levels.pop();
        if (seq.valueOpened) {
            json.endArray();
        }
        json.endObject();
    }

    @Override
    public void startFragments(int tag, VR vr) throws IOException {
        order(tag, -1);
        json.name(Tag.toHex(tag));
        json.beginObject();
        json.name("vr");
        json.string(vr.name());
        fragmentsTag = tag;
        fragmentsVR = vr;
        fileFragments = null;
        inlineFragments = false;
    }

    @Override
    public void fragment(ValueInput value) throws IOException {
        if (!inlineFragments && value.sourceFile() != null) {
            // Keep references: the whole item stream may become one BulkDataURI at the end.
            if (fileFragments == null) {
                fileFragments = new Fragments(fragmentsVR, 4);
            }
            fileFragments.add(new FileBulkData(value.sourceFile(), value.offset(), value.length(), false));
            return;
        }
        if (!inlineFragments) {
            // No file to refer to: the item stream goes inline as it passes.
            inlineFragments = true;
            json.name("InlineBinary");
            json.beginBase64();
        }
        byte[] header = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, (byte) value.length(),
            (byte) (value.length() >>> 8), (byte) (value.length() >>> 16), (byte) (value.length() >>> 24)};
        json.base64Bytes(header, 0, header.length);
        byte[] buf = new byte[3 * 8 * 1024];
        try (InputStream in = value.stream()) {
            int n;
            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                json.base64Bytes(buf, 0, n);
            }
        }
    }

    @Override
    public void endFragments() throws IOException {
        if (inlineFragments) {
            json.endBase64();
        } else if (fileFragments != null) {
            config.fragments(json, BulkValue.pathOf(levels.peek().path, fragmentsTag), fragmentsTag, fragmentsVR,
                    fileFragments);
        }
        json.endObject();
        fileFragments = null;
        inlineFragments = false;
    }

    /** Closes the top-level object and flushes; the output is not closed. */
    public void finish() throws IOException {
        if (!finished) {
            finished = true;
            if (!started) {
                json.beginObject();
            }
            json.endObject();
            json.flush();
        }
    }

    /** The current data set, checked for ascending tags; opens the top-level object on first use. */
    private Level order(int tag, long offset) throws IOException {
        if (!started) {
            started = true;
            json.beginObject();
        }
        Level ds = levels.peek();
        long t = Integer.toUnsignedLong(tag);
        if (t <= ds.lastTag) {
            throw new DicomException(offset, "element " + Tag.toString(tag)
                    + " is not in ascending order: JSON cannot be streamed (read the data set into a tree)");
        }
        ds.lastTag = t;
        return ds;
    }

    /** A reference to the value in its source file, or null if the input is not a plain file. */
    private static BulkData reference(ValueInput value) {
        return value.sourceFile() == null ? null
                : new FileBulkData(value.sourceFile(), value.offset(), value.length(), value.bigEndian());
    }

    private static void swap(byte[] b, int unit) {
        for (int i = 0; i + unit <= b.length; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte x = b[lo];
                b[lo] = b[hi];
                b[hi] = x;
            }
        }
    }
}
