// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * Deep equality of data sets, used to prove that a write re-reads to an equal data set. Strings are
 * compared as decoded values (padding is not a difference), binary values byte for byte, bulk data by
 * content.
 */
final class AttributesEquality {
    private AttributesEquality() {
    }

    static boolean equal(Attributes a, Attributes b) {
        if (a == b) {
            return true;
        }
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.tagAt(i) != b.tagAt(i) || a.vrAt(i) != b.vrAt(i)) {
                return false;
            }
            if (!valueEqual(a, b, i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueEqual(Attributes a, Attributes b, int i) {
        VR vr = a.vrAt(i);
        Object va = a.valueAt(i);
        Object vb = b.valueAt(i);
        if (va instanceof Sequence sa) {
            if (!(vb instanceof Sequence sb) || sa.size() != sb.size()) {
                return false;
            }
            for (int k = 0; k < sa.size(); k++) {
                if (!equal(sa.get(k), sb.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (va instanceof Fragments fa) {
            if (!(vb instanceof Fragments fb) || fa.size() != fb.size()) {
                return false;
            }
            for (int k = 0; k < fa.size(); k++) {
                if (!contentEqual(fa.get(k), fb.get(k))) {
                    return false;
                }
            }
            return true;
        }
        if (vr.isString() && !(va instanceof BulkData) && !(vb instanceof BulkData)) {
            return Arrays.equals(a.getStrings(a.tagAt(i)), b.getStrings(b.tagAt(i)));
        }
        return contentEqual(va, vb);
    }

    private static boolean contentEqual(Object x, Object y) {
        if (x instanceof byte[] bx && y instanceof byte[] by) {
            return Arrays.equals(bx, by);
        }
        if (!(x instanceof byte[] || x instanceof BulkData) || !(y instanceof byte[] || y instanceof BulkData)) {
            return false;
        }
        try (InputStream ix = open(x); InputStream iy = open(y)) {
            byte[] bx = new byte[8192];
            byte[] by = new byte[8192];
            while (true) {
                int nx = ix.readNBytes(bx, 0, bx.length);
                int ny = iy.readNBytes(by, 0, by.length);
                if (nx != ny || !Arrays.equals(bx, 0, nx, by, 0, ny)) {
                    return false;
                }
                if (nx < bx.length) {
                    return true;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream open(Object v) throws IOException {
        return v instanceof byte[] b ? new java.io.ByteArrayInputStream(b) : ((BulkData) v).openStream();
    }
}
