// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import org.pacs.dicom.data.Attributes;

/**
 * Reading header values into columns: empty becomes null, over-long (non-conformant) values are cut,
 * and NUL characters (in no string VR's repertoire but as UI padding, PS3.5 §6.2) are dropped:
 * PostgreSQL cannot store them. The stored header keeps the value as received.
 */
final class Columns {
    private Columns() {
    }

    static String fit(String value, int max) {
        if (value != null && value.indexOf('\0') >= 0) {
            value = value.replace("\0", "");
        }
        if (value == null || value.isEmpty()) {
            return null;
        }
        return value.length() <= max ? value : value.substring(0, max);
    }

    static String string(Attributes ds, int tag, int max) {
        return fit(ds.getString(tag), max);
    }

    /** All values joined with backslash, as the header holds them. */
    static String joined(Attributes ds, int tag, int max) {
        String[] values = ds.getStrings(tag);
        return values == null ? null : fit(String.join("\\", values), max);
    }

    static Integer integer(Attributes ds, int tag) {
        try {
            int[] v = ds.getInts(tag);
            return v == null || v.length == 0 ? null : v[0];
        } catch (NumberFormatException e) {
            return null; // a malformed IS: the header keeps it, the column stays empty
        }
    }
}
