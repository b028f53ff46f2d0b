// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import java.util.ArrayList;

/**
 * The value of an SQ element: an ordered list of items, each a nested data set (PS3.5 §7.5).
 * Items know their parent data set, so they inherit its Specific Character Set (PS3.5 §7.5.3).
 */
public final class Sequence extends ArrayList<Attributes> {
    private final transient Attributes parent;

    Sequence(Attributes parent, int initialCapacity) {
        super(initialCapacity);
        this.parent = parent;
    }

    /** The data set that holds this sequence. */
    public Attributes parent() {
        return parent;
    }

    /** Appends a new empty item and returns it. */
    public Attributes addItem() {
        Attributes item = new Attributes(parent);
        super.add(item);
        return item;
    }

    @Override
    public boolean add(Attributes item) {
        item.setParent(parent);
        return super.add(item);
    }

    @Override
    public void add(int index, Attributes item) {
        item.setParent(parent);
        super.add(index, item);
    }
}
