// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;

/**
 * Builds an {@link Attributes} tree from reader events. Values of bulk VRs above the threshold become
 * {@link BulkData} through the policy; binary values from big-endian input are swapped to little endian.
 */
public final class AttributesBuilder implements DataSetHandler {
    private final Attributes root;
    private final ReadOptions options;
    private final Deque<Attributes> items = new ArrayDeque<>();
    private final Deque<Sequence> sequences = new ArrayDeque<>();
    private Attributes current;
    private Fragments fragments;

    public AttributesBuilder(Attributes root, ReadOptions options) {
        this.root = root;
        this.current = root;
        this.options = options;
    }

    public Attributes result() {
        return root;
    }

    @Override
    public void element(int tag, VR vr, ValueInput value) throws IOException {
        if (vr.isBulk() && value.length() > options.bulkDataThreshold()) {
            BulkData bulk = options.bulkData().take(tag, vr, value);
            if (bulk != null) {
                current.setBulkData(tag, vr, bulk);
                return;
            }
        }
        byte[] bytes = value.readBytes();
        if (value.bigEndian()) {
            ByteSwap.toLittleEndian(vr, bytes);
        }
        current.setBytes(tag, vr, bytes);
    }

    @Override
    public void startSequence(int tag, VR vr, long length) {
        sequences.push(current.newSequence(tag, 4));
    }

    @Override
    public void startItem(long length) {
        items.push(current);
        current = sequences.peek().addItem();
    }

    @Override
    public void endItem() {
        current = items.pop();
    }

    @Override
    public void endSequence() {
        sequences.pop();
    }

    @Override
    public void startFragments(int tag, VR vr) {
        fragments = current.newFragments(tag, vr, 4);
    }

    @Override
    public void fragment(ValueInput value) throws IOException {
        if (value.length() > options.bulkDataThreshold()) {
            BulkData bulk = options.bulkData().take(0, fragments.vr(), value);
            if (bulk != null) {
                fragments.add(bulk);
                return;
            }
        }
        // Compressed fragments are byte streams: no byte swapping (PS3.5 §A.4).
        fragments.add(value.readBytes());
    }

    @Override
    public void endFragments() {
        fragments = null;
    }
}
