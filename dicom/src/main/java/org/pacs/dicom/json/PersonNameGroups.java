// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

/**
 * The component groups of a Person Name value (PS3.5 §6.2.1.1): alphabetic, ideographic and phonetic,
 * separated by '='. Shared by the JSON (PS3.18 §F.2.2) and XML (PS3.19 §A.1.5) encodings.
 */
public final class PersonNameGroups {
    /** The JSON member names and XML element names of the three groups, in order. */
    static final String[] NAMES = {"Alphabetic", "Ideographic", "Phonetic"};
    /** The XML element names of the five components of a group, in order (PS3.19 Table A.1.5-2). */
    static final String[] COMPONENTS = {"FamilyName", "GivenName", "MiddleName", "NamePrefix", "NameSuffix"};

    private PersonNameGroups() {
    }

    /** Always three groups; absent ones are empty strings. Text after a third '=' stays in the phonetic group. */
    public static String[] split(String pn) {
        String[] g = {"", "", ""};
        int start = 0;
        for (int k = 0; k < 2; k++) {
            int eq = pn.indexOf('=', start);
            if (eq < 0) {
                g[k] = pn.substring(start);
                return g;
            }
            g[k] = pn.substring(start, eq);
            start = eq + 1;
        }
        g[2] = pn.substring(start);
        return g;
    }

    /** Joins groups back into a PN value, dropping trailing empty groups ("A==" → "A"). */
    public static String join(String alphabetic, String ideographic, String phonetic) {
        if (!phonetic.isEmpty()) {
            return alphabetic + "=" + ideographic + "=" + phonetic;
        }
        if (!ideographic.isEmpty()) {
            return alphabetic + "=" + ideographic;
        }
        return alphabetic;
    }

    /** The XML element name of group {@code index} (0-2). */
    public static String groupName(int index) {
        return NAMES[index];
    }

    /** The XML element name of component {@code index} (0-4) of a group. */
    public static String componentName(int index) {
        return COMPONENTS[index];
    }
}
