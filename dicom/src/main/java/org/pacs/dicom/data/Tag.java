// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

/**
 * A data element tag (PS3.5 §7.1): group and element number packed into one {@code int} as
 * {@code (group << 16) | element}. Static helpers only; tags travel as plain ints.
 */
public final class Tag {
    /** (FFFE,E000) Item. */
    public static final int ITEM = 0xFFFEE000;
    /** (FFFE,E00D) Item Delimitation Item. */
    public static final int ITEM_DELIMITATION = 0xFFFEE00D;
    /** (FFFE,E0DD) Sequence Delimitation Item. */
    public static final int SEQUENCE_DELIMITATION = 0xFFFEE0DD;
    /** (7FE0,0010) Pixel Data. */
    public static final int PIXEL_DATA = 0x7FE00010;
    /** (0008,0005) Specific Character Set. */
    public static final int SPECIFIC_CHARACTER_SET = 0x00080005;

    private Tag() {
    }

    public static int of(int group, int element) {
        return (group << 16) | (element & 0xFFFF);
    }

    public static int group(int tag) {
        return tag >>> 16;
    }

    public static int element(int tag) {
        return tag & 0xFFFF;
    }

    /** Odd groups other than 0001, 0003, 0005, 0007 and FFFF hold private data elements (PS3.5 §7.8.1). */
    public static boolean isPrivate(int tag) {
        int group = group(tag);
        return (group & 1) != 0 && group > 0x0007 && group != 0xFFFF;
    }

    /** Private Creator Data Elements are (gggg,0010)-(gggg,00FF) in a private group (PS3.5 §7.8.1). */
    public static boolean isPrivateCreator(int tag) {
        int element = element(tag);
        return isPrivate(tag) && element >= 0x0010 && element <= 0x00FF;
    }

    /** The Private Creator tag that reserves the block of a private element, e.g. (0029,1010) → (0029,0010). */
    public static int creatorOf(int privateTag) {
        return (privateTag & 0xFFFF0000) | ((privateTag >>> 8) & 0xFF);
    }

    /** Group length elements (gggg,0000). */
    public static boolean isGroupLength(int tag) {
        return element(tag) == 0;
    }

    /** "(GGGG,EEEE)" in upper-case hex, as PS3.6 writes tags. */
    public static String toString(int tag) {
        return "(" + hex4(group(tag)) + "," + hex4(element(tag)) + ")";
    }

    /** "GGGGEEEE", the form used as a key in the DICOM JSON Model (PS3.18 §F.2.1.1). */
    public static String toHex(int tag) {
        return hex4(group(tag)) + hex4(element(tag));
    }

    private static String hex4(int v) {
        String s = Integer.toHexString(v).toUpperCase(java.util.Locale.ROOT);
        return "0000".substring(s.length()) + s;
    }

    /** Parses "GGGGEEEE" (8 hex digits) or "(GGGG,EEEE)". */
    public static int parse(String s) {
        String hex = s.startsWith("(") && s.endsWith(")") && s.length() == 11
                ? s.substring(1, 5) + s.substring(6, 10)
                : s;
        if (hex.length() != 8) {
            throw new IllegalArgumentException("not a tag: " + s);
        }
        return (int) Long.parseLong(hex, 16);
    }
}
