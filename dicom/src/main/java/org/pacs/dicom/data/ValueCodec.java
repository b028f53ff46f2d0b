// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Encoding and decoding of element values (PS3.5 §6.2), binary values always little-endian. */
final class ValueCodec {
    private static final String[] NONE = new String[0];

    private ValueCodec() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] encodeInts(VR vr, int[] ints) {
        int unit = switch (vr) {
            case US, SS, OW -> 2;
            case UL, SL, OL, AT, OF -> 4;
            case SV, UV, OV -> 8;
            case OB, UN -> 1;
            default -> throw new IllegalArgumentException("cannot set integers as " + vr);
        };
        byte[] b = new byte[ints.length * unit];
        for (int k = 0; k < ints.length; k++) {
            int v = ints[k];
            int o = k * unit;
            if (vr == VR.AT) {
                putShort(b, o, v >>> 16);
                putShort(b, o + 2, v);
            } else if (unit == 8) {
                putLong(b, o, vr == VR.UV || vr == VR.OV ? Integer.toUnsignedLong(v) : v);
            } else {
                for (int j = 0; j < unit; j++) {
                    b[o + j] = (byte) (v >>> (8 * j));
                }
            }
        }
        return b;
    }

    static byte[] encodeDoubles(VR vr, double[] doubles) {
        int unit = switch (vr) {
            case FL, OF -> 4;
            case FD, OD -> 8;
            default -> throw new IllegalArgumentException("cannot set floating-point values as " + vr);
        };
        byte[] b = new byte[doubles.length * unit];
        for (int k = 0; k < doubles.length; k++) {
            if (unit == 4) {
                int bits = Float.floatToIntBits((float) doubles[k]);
                for (int j = 0; j < 4; j++) {
                    b[k * 4 + j] = (byte) (bits >>> (8 * j));
                }
            } else {
                putLong(b, k * 8, Double.doubleToLongBits(doubles[k]));
            }
        }
        return b;
    }

    /** The shortest decimal string of at most 16 characters that represents {@code d} (PS3.5 DS). */
    static String formatDS(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("DS cannot hold " + d);
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        String s = Double.toString(d);
        if (s.length() <= 16) {
            return s;
        }
        for (int p = 16; p > 0; p--) {
            s = new BigDecimal(d).round(new MathContext(p)).stripTrailingZeros().toString();
            if (s.length() <= 16) {
                return s;
            }
        }
        throw new IllegalArgumentException("DS cannot hold " + d);
    }

    static String[] toStrings(VR vr, Object value, SpecificCharacterSet cs) {
        if (value instanceof String s) {
            return split(vr, s);
        }
        if (!(value instanceof byte[] b)) {
            return null;
        }
        if (b.length == 0) {
            return NONE;
        }
        if (vr.isString()) {
            String s = vr.usesSpecificCharacterSet() ? cs.decode(b, 0, b.length, vr)
                    : new String(b, StandardCharsets.ISO_8859_1);
            return split(vr, s);
        }
        return formatBinary(vr, b);
    }

    private static String[] split(VR vr, String s) {
        if (s.isEmpty()) {
            return NONE;
        }
        if (vr.isSingleValuedText()) {
            return new String[] {trim(vr, s)};
        }
        List<String> out = new ArrayList<>(4);
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || s.charAt(i) == '\\') {
                out.add(trim(vr, s.substring(start, i)));
                start = i + 1;
            }
        }
        return out.toArray(NONE);
    }

    /**
     * Removes padding and insignificant spaces: trailing only for the text VRs LT, ST, UT and UC,
     * leading and trailing for the others; UI values are padded with NUL (PS3.5 Table 6.2-1).
     */
    private static String trim(VR vr, String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        boolean leadingSignificant = vr == VR.LT || vr == VR.ST || vr == VR.UT || vr == VR.UC;
        if (!leadingSignificant) {
            while (start < end && s.charAt(start) == ' ') {
                start++;
            }
        }
        return start == 0 && end == s.length() ? s : s.substring(start, end);
    }

    private static String[] formatBinary(VR vr, byte[] b) {
        switch (vr) {
            case FL, OF, FD, OD -> {
                double[] d = toDoubles(vr, b);
                String[] s = new String[d.length];
                for (int i = 0; i < d.length; i++) {
                    s[i] = vr == VR.FL || vr == VR.OF ? Float.toString((float) d[i]) : Double.toString(d[i]);
                }
                return s;
            }
            case AT -> {
                int[] t = toInts(vr, b);
                String[] s = new String[t.length];
                for (int i = 0; i < t.length; i++) {
                    s[i] = Tag.toHex(t[i]);
                }
                return s;
            }
            case US, SS, UL, SL, SV, UV -> {
                long[] l = toLongs(vr, b);
                String[] s = new String[l.length];
                for (int i = 0; i < l.length; i++) {
                    s[i] = vr == VR.UV ? Long.toUnsignedString(l[i]) : Long.toString(l[i]);
                }
                return s;
            }
            default -> {
                return null;
            }
        }
    }

    static int[] toInts(VR vr, Object value) {
        long[] l = toLongs(vr, value);
        if (l == null) {
            return null;
        }
        int[] r = new int[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = (int) l[i];
        }
        return r;
    }

    static long[] toLongs(VR vr, Object value) {
        if (value instanceof String || (value instanceof byte[] && vr.isString())) {
            if (vr != VR.IS && vr != VR.DS) {
                return null;
            }
            String[] s = toStrings(vr, value, SpecificCharacterSet.DEFAULT);
            long[] r = new long[s.length];
            for (int i = 0; i < s.length; i++) {
                r[i] = vr == VR.IS ? Long.parseLong(s[i].startsWith("+") ? s[i].substring(1) : s[i])
                        : (long) Double.parseDouble(s[i]);
            }
            return r;
        }
        if (!(value instanceof byte[] b)) {
            return null;
        }
        int unit;
        boolean signed;
        switch (vr) {
            case US, OW -> { unit = 2; signed = false; }
            case SS -> { unit = 2; signed = true; }
            case UL, OL -> { unit = 4; signed = false; }
            case SL -> { unit = 4; signed = true; }
            case SV, UV, OV -> { unit = 8; signed = true; }
            case OB, UN -> { unit = 1; signed = false; }
            case AT -> {
                long[] r = new long[b.length / 4];
                for (int i = 0; i < r.length; i++) {
                    r[i] = (getShort(b, i * 4) << 16) | getShort(b, i * 4 + 2);
                }
                return r;
            }
            case FL, FD, OF, OD -> {
                double[] d = toDoubles(vr, b);
                long[] r = new long[d.length];
                for (int i = 0; i < d.length; i++) {
                    r[i] = (long) d[i];
                }
                return r;
            }
            default -> {
                return null;
            }
        }
        long[] r = new long[b.length / unit];
        for (int i = 0; i < r.length; i++) {
            long v = 0;
            for (int j = unit - 1; j >= 0; j--) {
                v = (v << 8) | (b[i * unit + j] & 0xFF);
            }
            if (signed && unit < 8) {
                int shift = 64 - 8 * unit;
                v = (v << shift) >> shift;
            }
            r[i] = v;
        }
        return r;
    }

    static double[] toDoubles(VR vr, Object value) {
        if (value instanceof byte[] b && (vr == VR.FL || vr == VR.OF || vr == VR.FD || vr == VR.OD)) {
            int unit = vr == VR.FL || vr == VR.OF ? 4 : 8;
            double[] r = new double[b.length / unit];
            for (int i = 0; i < r.length; i++) {
                long bits = 0;
                for (int j = unit - 1; j >= 0; j--) {
                    bits = (bits << 8) | (b[i * unit + j] & 0xFF);
                }
                r[i] = unit == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits);
            }
            return r;
        }
        if (vr == VR.DS && (value instanceof String || value instanceof byte[])) {
            String[] s = toStrings(vr, value, SpecificCharacterSet.DEFAULT);
            double[] r = new double[s.length];
            for (int i = 0; i < s.length; i++) {
                r[i] = Double.parseDouble(s[i]);
            }
            return r;
        }
        long[] l = toLongs(vr, value);
        if (l == null) {
            return null;
        }
        double[] r = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            r[i] = l[i];
        }
        return r;
    }

    private static int getShort(byte[] b, int o) {
        return (b[o] & 0xFF) | ((b[o + 1] & 0xFF) << 8);
    }

    private static void putShort(byte[] b, int o, int v) {
        b[o] = (byte) v;
        b[o + 1] = (byte) (v >>> 8);
    }

    private static void putLong(byte[] b, int o, long v) {
        for (int j = 0; j < 8; j++) {
            b[o + j] = (byte) (v >>> (8 * j));
        }
    }
}
