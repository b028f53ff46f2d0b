// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.pdu;

/** Validation of the UID and identifier parameters carried by PDU items (PS3.5 §9.1, PS3.8 §9.3). */
final class Uids {

    private Uids() {
    }

    /** A UID: 1 to 64 characters, digits and dots, no empty component (PS3.5 §9.1). */
    static String check(String uid) {
        if (!isValid(uid)) {
            throw new IllegalArgumentException("not a UID: " + (uid == null ? null : printable(uid)));
        }
        return uid;
    }

    static boolean isValid(String uid) {
        if (uid == null || uid.isEmpty() || uid.length() > 64) {
            return false;
        }
        char prev = '.';
        for (int i = 0; i < uid.length(); i++) {
            char c = uid.charAt(i);
            if (c == '.') {
                if (prev == '.') {
                    return false;
                }
            } else if (c < '0' || c > '9') {
                return false;
            }
            prev = c;
        }
        return prev != '.';
    }

    static void checkContextId(int id) {
        if (id < 1 || id > 255 || (id & 1) == 0) {
            throw new IllegalArgumentException("presentation context ID must be odd, 1-255: " + id);
        }
    }

    /** AE title: 1-16 characters of the default repertoire without backslash or control characters. */
    static String checkAeTitle(String ae) {
        if (ae == null || ae.isBlank() || ae.length() > 16) {
            throw new IllegalArgumentException("AE title must have 1-16 characters");
        }
        for (int i = 0; i < ae.length(); i++) {
            char c = ae.charAt(i);
            if (c < 0x20 || c > 0x7e || c == '\\') {
                throw new IllegalArgumentException("AE title has a forbidden character: " + printable(ae));
            }
        }
        return ae;
    }

    /** For messages: keeps printable ASCII only, at most 64 characters. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 64; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return b.toString();
    }
}
