// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

/**
 * A decoded Person Name (PS3.5 §6.2.1) split for the catalog's columns: the whole value, the five
 * components of the alphabetic group, and the ideographic and phonetic groups whole.
 */
record PersonNameColumns(String whole, String family, String given, String middle, String prefix,
        String suffix, String ideographic, String phonetic) {

    static final PersonNameColumns NONE = new PersonNameColumns(null, null, null, null, null, null, null, null);

    static PersonNameColumns of(String decoded) {
        if (decoded == null || decoded.isEmpty()) {
            return NONE;
        }
        String[] groups = decoded.split("=", -1);
        String[] c = groups[0].split("\\^", -1);
        return new PersonNameColumns(Columns.fit(decoded, 1024),
                component(c, 0), component(c, 1), component(c, 2), component(c, 3), component(c, 4),
                groups.length > 1 ? Columns.fit(emptyToNull(groups[1]), 512) : null,
                groups.length > 2 ? Columns.fit(emptyToNull(groups[2]), 512) : null);
    }

    private static String component(String[] components, int i) {
        return i < components.length ? Columns.fit(emptyToNull(components[i].strip()), 256) : null;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
