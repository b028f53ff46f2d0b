// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.wado;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.DataSetHandler;
import org.pacs.dicom.io.ValueInput;

/**
 * Finds the value a BulkDataURI names while the data set streams past, and copies it to the output:
 * the path is the one the metadata's URIs carry ("GGGGEEEE", item indexes 0-based, '/' between,
 * e.g. {@code 00540016/0/00181078}). Encapsulated Pixel Data is copied as its items (PS3.5 §A.4)
 * without the Sequence Delimitation Item, as the JSON writer describes it.
 */
final class BulkDataFinder implements DataSetHandler {
    private final String target;
    private final OutputStream out;
    private final Deque<String> items = new ArrayDeque<>();
    private final Deque<int[]> itemCounts = new ArrayDeque<>();
    private final Deque<String> sequences = new ArrayDeque<>();
    private boolean inTargetFragments;
    private boolean found;

    BulkDataFinder(String target, OutputStream out) {
        this.target = target;
        this.out = out;
    }

    boolean found() {
        return found;
    }

    private String pathOf(int tag) {
        String base = items.isEmpty() ? "" : items.peek() + "/";
        return base + Tag.toHex(tag);
    }

    @Override
    public void element(int tag, VR vr, ValueInput value) throws IOException {
        if (!found && pathOf(tag).equals(target)) {
            found = true;
            try (InputStream in = value.stream()) {
                in.transferTo(out);
            }
        }
    }

    @Override
    public void startSequence(int tag, VR vr, long length) {
        sequences.push(pathOf(tag));
        itemCounts.push(new int[1]);
    }

    @Override
    public void startItem(long length) {
        int index = itemCounts.peek()[0]++;
        items.push(sequences.peek() + "/" + index);
    }

    @Override
    public void endItem() {
        items.pop();
    }

    @Override
    public void endSequence() {
        sequences.pop();
        itemCounts.pop();
    }

    @Override
    public void startFragments(int tag, VR vr) {
        inTargetFragments = !found && pathOf(tag).equals(target);
        if (inTargetFragments) {
            found = true;
        }
    }

    @Override
    public void fragment(ValueInput value) throws IOException {
        if (!inTargetFragments) {
            return;
        }
        long n = value.length();
        byte[] header = {(byte) 0xFE, (byte) 0xFF, 0x00, (byte) 0xE0, (byte) n, (byte) (n >>> 8), (byte) (n >>> 16),
            (byte) (n >>> 24)};
        out.write(header);
        try (InputStream in = value.stream()) {
            in.transferTo(out);
        }
    }

    @Override
    public void endFragments() {
        inTargetFragments = false;
    }
}
