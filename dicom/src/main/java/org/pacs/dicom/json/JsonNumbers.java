// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.util.regex.Pattern;

/**
 * Number forms of the DICOM JSON Model (PS3.18 §F.2.3, Table F.2.3-1): IS, DS, SV, UV, FL and FD values as
 * JSON numbers where that loses nothing, as JSON strings where it would (the note to Table F.2.3-1
 * allows strings for IS, DS, SV and UV; FL/FD NaN and infinities have no JSON number form).
 */
final class JsonNumbers {
    /** PS3.5 §6.2 DS: fixed or floating point, optional sign; leading and trailing spaces already trimmed. */
    private static final Pattern DECIMAL = Pattern.compile("([+-]?)(\\d*)(?:\\.(\\d*))?([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("([+-]?)(\\d+)");
    /** 2^53: the largest integer every JSON reader (IEEE double) holds exactly (RFC 8259 §6). */
    private static final long SAFE_INTEGER = 1L << 53;

    private JsonNumbers() {
    }

    /**
     * A DS or IS value as an RFC 8259 number with the same value (sign '+', leading zeros, and a bare
     * decimal point removed: "+4.0" → "4.0", ".5" → "0.5", "1." → "1", "007" → "7"), or null if the text
     * is not a decimal number at all and must be written as a string.
     */
    static String decimal(String s, boolean integer) {
        var m = (integer ? INTEGER : DECIMAL).matcher(s);
        if (!m.matches()) {
            return null;
        }
        String intPart = m.group(2);
        String frac = integer ? null : m.group(3);
        String exp = integer ? null : m.group(4);
        if (intPart.isEmpty() && (frac == null || frac.isEmpty())) {
            return null; // ".", "+", "e5": no digits
        }
        StringBuilder sb = new StringBuilder(s.length() + 1);
        if (m.group(1).equals("-")) {
            sb.append('-');
        }
        int nz = 0;
        while (nz < intPart.length() - 1 && intPart.charAt(nz) == '0') {
            nz++;
        }
        sb.append(intPart.isEmpty() ? "0" : intPart.substring(nz));
        if (frac != null && !frac.isEmpty()) {
            sb.append('.').append(frac);
        }
        if (exp != null) {
            sb.append(exp);
        }
        return sb.toString();
    }

    /** A signed 64-bit value: a number if JSON readers keep it exact, else a decimal string (quoted by the caller). */
    static boolean fitsJsonNumber(long v) {
        return v >= -SAFE_INTEGER && v <= SAFE_INTEGER;
    }

    static boolean fitsJsonNumberUnsigned(long v) {
        return v >= 0 && v <= SAFE_INTEGER;
    }

    /**
     * The shortest decimal that reads back as the same float (FL) or double (FD) — Java's
     * {@code toString} gives it since JDK 19 — in plain JSON form ("3" not "3.0", "1E-7" not "1.0E-7");
     * null for NaN and infinities.
     */
    static String floating(double d, boolean single) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return null;
        }
        String s = single ? Float.toString((float) d) : Double.toString(d);
        int e = s.indexOf('E');
        String mantissa = e < 0 ? s : s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return e < 0 ? mantissa : mantissa + s.substring(e);
    }

    /** The string written for a non-finite FL/FD value ("NaN", "Infinity", "-Infinity"). */
    static String nonFinite(double d) {
        return Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    }
}
