// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * A data set (PS3.5 §7): data elements kept sorted by tag in parallel arrays, values decoded lazily.
 * A value is one of: {@code byte[]} (the encoded bytes, binary values little-endian), {@code String}
 * (text set through the API, encoded when written), {@link Sequence}, {@link Fragments} or
 * {@link BulkData}. Not thread-safe.
 *
 * <pre>{@code
 * Attributes ds = new Attributes();
 * ds.setString(Tags.PatientID, VR.LO, "12345");
 * String id = ds.getString(Tags.PatientID);
 * }</pre>
 */
public final class Attributes {
    private static final byte[] EMPTY = new byte[0];

    private int[] tags;
    private VR[] vrs;
    private Object[] values;
    private int size;
    private Attributes parent;
    private SpecificCharacterSet charset;

    public Attributes() {
        this(null, 16);
    }

    public Attributes(int initialCapacity) {
        this(null, initialCapacity);
    }

    Attributes(Attributes parent) {
        this(parent, 8);
    }

    private Attributes(Attributes parent, int initialCapacity) {
        this.parent = parent;
        int n = Math.max(initialCapacity, 1);
        tags = new int[n];
        vrs = new VR[n];
        values = new Object[n];
    }

    void setParent(Attributes parent) {
        this.parent = parent;
        this.charset = null;
    }

    /** The data set holding the sequence this item belongs to; null for a top-level data set. */
    public Attributes parent() {
        return parent;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int tagAt(int index) {
        Objects.checkIndex(index, size);
        return tags[index];
    }

    public VR vrAt(int index) {
        Objects.checkIndex(index, size);
        return vrs[index];
    }

    public Object valueAt(int index) {
        Objects.checkIndex(index, size);
        return values[index];
    }

    /** Index of {@code tag}, or {@code -(insertionPoint) - 1} like {@link Arrays#binarySearch}. */
    public int indexOf(int tag) {
        if (size > 0 && Integer.compareUnsigned(tags[size - 1], tag) < 0) {
            return -size - 1;
        }
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int cmp = Integer.compareUnsigned(tags[mid], tag);
            if (cmp < 0) {
                lo = mid + 1;
            } else if (cmp > 0) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -lo - 1;
    }

    public boolean contains(int tag) {
        return indexOf(tag) >= 0;
    }

    /** True if the element is present with a non-empty value. */
    public boolean containsValue(int tag) {
        int i = indexOf(tag);
        return i >= 0 && !isEmptyValue(values[i]);
    }

    public VR getVR(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? vrs[i] : null;
    }

    /** The raw value object (see the class comment), or null if absent. */
    public Object getValue(int tag) {
        int i = indexOf(tag);
        return i >= 0 ? values[i] : null;
    }

    // ---- putting values ---------------------------------------------------------------------

    /** Puts a value object of one of the kinds in the class comment; replaces any existing element. */
    public Attributes setValue(int tag, VR vr, Object value) {
        Objects.requireNonNull(vr, "vr");
        Object v = value == null ? EMPTY : value;
        if (!(v instanceof byte[] || v instanceof String || v instanceof Sequence || v instanceof Fragments
                || v instanceof BulkData)) {
            throw new IllegalArgumentException("unsupported value type " + v.getClass().getName());
        }
        int i = indexOf(tag);
        if (i >= 0) {
            vrs[i] = vr;
            values[i] = v;
        } else {
            insert(-i - 1, tag, vr, v);
        }
        if (tag == Tag.SPECIFIC_CHARACTER_SET) {
            charset = null;
        }
        return this;
    }

    private void insert(int at, int tag, VR vr, Object value) {
        if (size == tags.length) {
            int n = size * 2;
            tags = Arrays.copyOf(tags, n);
            vrs = Arrays.copyOf(vrs, n);
            values = Arrays.copyOf(values, n);
        }
        if (at < size) {
            System.arraycopy(tags, at, tags, at + 1, size - at);
            System.arraycopy(vrs, at, vrs, at + 1, size - at);
            System.arraycopy(values, at, values, at + 1, size - at);
        }
        tags[at] = tag;
        vrs[at] = vr;
        values[at] = value;
        size++;
    }

    /** Sets string values (joined with backslash); for any string VR. */
    public Attributes setString(int tag, VR vr, String... values) {
        if (!vr.isString()) {
            throw new IllegalArgumentException(vr + " is not a string VR");
        }
        return setValue(tag, vr, values.length == 0 ? EMPTY : String.join("\\", values));
    }

    /** Sets integer values: binary for US, SS, UL, SL, SV, UV, AT, OB/OW-style VRs; decimal text for IS/DS. */
    public Attributes setInt(int tag, VR vr, int... ints) {
        if (vr == VR.IS || vr == VR.DS) {
            String[] s = new String[ints.length];
            for (int k = 0; k < ints.length; k++) {
                s[k] = Integer.toString(ints[k]);
            }
            return setString(tag, vr, s);
        }
        return setValue(tag, vr, ValueCodec.encodeInts(vr, ints));
    }

    /** Sets floating-point values: binary for FL, FD, OF, OD; decimal text for DS. */
    public Attributes setDouble(int tag, VR vr, double... doubles) {
        if (vr == VR.DS) {
            String[] s = new String[doubles.length];
            for (int k = 0; k < doubles.length; k++) {
                s[k] = ValueCodec.formatDS(doubles[k]);
            }
            return setString(tag, vr, s);
        }
        return setValue(tag, vr, ValueCodec.encodeDoubles(vr, doubles));
    }

    /** Sets the encoded value bytes (binary values little-endian). */
    public Attributes setBytes(int tag, VR vr, byte[] bytes) {
        return setValue(tag, vr, bytes);
    }

    public Attributes setNull(int tag, VR vr) {
        return setValue(tag, vr, EMPTY);
    }

    public Attributes setBulkData(int tag, VR vr, BulkData bulk) {
        return setValue(tag, vr, bulk);
    }

    /** Puts a new empty sequence, replacing any existing element, and returns it. */
    public Sequence newSequence(int tag, int initialCapacity) {
        Sequence seq = new Sequence(this, initialCapacity);
        setValue(tag, VR.SQ, seq);
        return seq;
    }

    /** Puts new empty encapsulated fragments, replacing any existing element, and returns them. */
    public Fragments newFragments(int tag, VR vr, int initialCapacity) {
        Fragments f = new Fragments(vr, initialCapacity);
        setValue(tag, vr, f);
        return f;
    }

    public boolean remove(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return false;
        }
        System.arraycopy(tags, i + 1, tags, i, size - i - 1);
        System.arraycopy(vrs, i + 1, vrs, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        size--;
        values[size] = null;
        vrs[size] = null;
        if (tag == Tag.SPECIFIC_CHARACTER_SET) {
            charset = null;
        }
        return true;
    }

    // ---- reading values ---------------------------------------------------------------------

    /** The Specific Character Set in force for this data set: its own (0008,0005), else its parent's. */
    public SpecificCharacterSet specificCharacterSet() {
        if (charset == null) {
            String[] terms = getStrings(Tag.SPECIFIC_CHARACTER_SET);
            if (terms != null && terms.length > 0) {
                charset = SpecificCharacterSet.lenient(t -> { }, terms);
            } else {
                charset = parent != null ? parent.specificCharacterSet() : SpecificCharacterSet.DEFAULT;
            }
        }
        return charset;
    }

    /** All values of a string element (decoded, split at backslash where the VR allows), or null if absent. */
    public String[] getStrings(int tag) {
        int i = indexOf(tag);
        if (i < 0) {
            return null;
        }
        return ValueCodec.toStrings(vrs[i], values[i], vrs[i].usesSpecificCharacterSet()
                ? specificCharacterSet() : SpecificCharacterSet.DEFAULT);
    }

    /** The first value as a string, or null if absent or empty. Numbers and tags are formatted as text. */
    public String getString(int tag) {
        return getString(tag, null);
    }

    public String getString(int tag, String defaultValue) {
        String[] s = getStrings(tag);
        return s == null || s.length == 0 || s[0].isEmpty() ? defaultValue : s[0];
    }

    /** All integer values (US, SS, UL, SL, AT, IS, ...), or null if absent or not numeric. */
    public int[] getInts(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : ValueCodec.toInts(vrs[i], values[i]);
    }

    public int getInt(int tag, int defaultValue) {
        int[] v = getInts(tag);
        return v == null || v.length == 0 ? defaultValue : v[0];
    }

    /** All 64-bit integer values (SV, UV, and any VR {@link #getInts} reads), or null. */
    public long[] getLongs(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : ValueCodec.toLongs(vrs[i], values[i]);
    }

    /** All floating-point values (FL, FD, OF, OD, DS, IS), or null if absent or not numeric. */
    public double[] getDoubles(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : ValueCodec.toDoubles(vrs[i], values[i]);
    }

    public double getDouble(int tag, double defaultValue) {
        double[] v = getDoubles(tag);
        return v == null || v.length == 0 ? defaultValue : v[0];
    }

    /**
     * The value bytes as they would be encoded (binary little-endian, text in this data set's character
     * set), or null if absent or not held in memory (sequences, fragments, bulk data).
     */
    public byte[] getBytes(int tag) {
        int i = indexOf(tag);
        return i < 0 ? null : encodedBytes(i);
    }

    /** The encoded bytes of the element at {@code index}; null for sequences, fragments and bulk data. */
    public byte[] encodedBytes(int index) {
        Object v = values[index];
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof String s) {
            VR vr = vrs[index];
            return vr.usesSpecificCharacterSet() ? specificCharacterSet().encode(s, vr) : ValueCodec.ascii(s);
        }
        return null;
    }

    public Sequence getSequence(int tag) {
        return getValue(tag) instanceof Sequence s ? s : null;
    }

    public Fragments getFragments(int tag) {
        return getValue(tag) instanceof Fragments f ? f : null;
    }

    public BulkData getBulkData(int tag) {
        return getValue(tag) instanceof BulkData b ? b : null;
    }

    // ---- private data elements (PS3.5 §7.8) ------------------------------------------------

    /**
     * The tag of private element {@code elementOffset} (0x00-0xFF) of {@code creator}'s block in
     * {@code group}, or -1 if no block of that creator is reserved in this data set.
     */
    public int privateTag(String creator, int group, int elementOffset) {
        for (int block = 0x10; block <= 0xFF; block++) {
            int creatorTag = Tag.of(group, block);
            int i = indexOf(creatorTag);
            if (i >= 0 && creator.equals(getString(creatorTag))) {
                return Tag.of(group, (block << 8) | (elementOffset & 0xFF));
            }
        }
        return -1;
    }

    /** Like {@link #privateTag} but reserves a new block for {@code creator} if none exists. */
    public int reservePrivateTag(String creator, int group, int elementOffset) {
        int existing = privateTag(creator, group, elementOffset);
        if (existing != -1) {
            return existing;
        }
        for (int block = 0x10; block <= 0xFF; block++) {
            int creatorTag = Tag.of(group, block);
            if (!contains(creatorTag)) {
                setString(creatorTag, VR.LO, creator);
                return Tag.of(group, (block << 8) | (elementOffset & 0xFF));
            }
        }
        throw new IllegalStateException("no free private block in group " + Integer.toHexString(group));
    }

    /** The Private Creator of a private element, or null if its block is not reserved. */
    public String privateCreatorOf(int tag) {
        return Tag.isPrivate(tag) && !Tag.isPrivateCreator(tag) && Tag.element(tag) >= 0x1000
                ? getString(Tag.creatorOf(tag)) : null;
    }

    // ---- comparison -------------------------------------------------------------------------

    private static boolean isEmptyValue(Object v) {
        return v instanceof byte[] b ? b.length == 0
                : v instanceof String s ? s.isEmpty()
                : v instanceof Sequence s ? s.isEmpty()
                : v instanceof BulkData b ? b.length() == 0
                : false;
    }

    /**
     * Equal tags, VRs and encoded values, recursively; bulk data compared by content. Used to prove
     * round trips, so it reads bulk data: not for hot paths.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Attributes other && AttributesEquality.equal(this, other);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) {
            h = 31 * h + tags[i];
        }
        return h;
    }

    /** Tags, VRs and value sizes only: never values, so a data set in a log line leaks no patient data. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Attributes[");
        for (int i = 0; i < size; i++) {
            sb.append(i == 0 ? "" : ", ").append(Tag.toString(tags[i])).append(' ').append(vrs[i]);
            Object v = values[i];
            if (v instanceof Sequence s) {
                sb.append(" ").append(s.size()).append(" items");
            } else if (v instanceof Fragments f) {
                sb.append(" ").append(f.size()).append(" fragments");
            } else if (v instanceof BulkData b) {
                sb.append(" #").append(b.length());
            } else if (v instanceof byte[] b) {
                sb.append(" #").append(b.length);
            }
        }
        return sb.append(']').toString();
    }
}
