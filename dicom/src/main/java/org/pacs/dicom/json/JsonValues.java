// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.json.JsonValue.JsonArray;
import org.pacs.dicom.json.JsonValue.JsonNull;
import org.pacs.dicom.json.JsonValue.JsonNumber;
import org.pacs.dicom.json.JsonValue.JsonObject;
import org.pacs.dicom.json.JsonValue.JsonString;

/** Decodes the elements of a "Value" array by the JSON types of PS3.18 Table F.2.3-1. */
final class JsonValues {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private JsonValues() {
    }

    /** The values of a string VR (IS and DS included), empty values for nulls (PS3.18 §F.2.5). */
    static String[] strings(int tag, VR vr, JsonArray arr) throws DicomException {
        String[] out = new String[arr.size()];
        for (int i = 0; i < out.length; i++) {
            JsonValue v = arr.get(i);
            String s;
            if (v instanceof JsonNull) {
                s = "";
            } else if (vr == VR.PN) {
                s = personName(tag, v);
            } else if (vr == VR.IS || vr == VR.DS) {
                s = decimal(tag, vr, v);
            } else if (v instanceof JsonString str) {
                s = str.value();
            } else {
                throw JsonReader.error(v, Tag.toString(tag) + ": a " + vr + " value must be a string");
            }
            // A backslash would split the value when encoded (PS3.18 §F.2.4).
            if (!vr.isSingleValuedText() && s.indexOf('\\') >= 0) {
                throw JsonReader.error(v, Tag.toString(tag) + ": a " + vr + " value must not contain '\\'");
            }
            out[i] = s;
        }
        return out;
    }

    private static String personName(int tag, JsonValue v) throws DicomException {
        if (!(v instanceof JsonObject obj)) {
            throw JsonReader.error(v, Tag.toString(tag) + ": a PN value must be an object of component groups");
        }
        String[] groups = {"", "", ""};
        for (Map.Entry<String, JsonValue> m : obj.members().entrySet()) {
            int g = java.util.Arrays.asList(PersonNameGroups.NAMES).indexOf(m.getKey());
            if (g < 0) {
                throw JsonReader.error(m.getValue(), Tag.toString(tag) + ": PN component group must be "
                        + "Alphabetic, Ideographic or Phonetic");
            }
            if (!(m.getValue() instanceof JsonString s) || s.value().indexOf('=') >= 0) {
                throw JsonReader.error(m.getValue(), Tag.toString(tag) + ": PN " + m.getKey()
                        + " must be a string without '='");
            }
            groups[g] = s.value();
        }
        return PersonNameGroups.join(groups[0], groups[1], groups[2]);
    }

    /** IS and DS: a JSON number kept as written, or a string (PS3.18 Table F.2.3-1, note). */
    private static String decimal(int tag, VR vr, JsonValue v) throws DicomException {
        if (v instanceof JsonString s) {
            return s.value().strip();
        }
        if (!(v instanceof JsonNumber n)) {
            throw JsonReader.error(v, Tag.toString(tag) + ": a " + vr + " value must be a number or string");
        }
        if (vr == VR.IS && integer(n, BigInteger.valueOf(Integer.MIN_VALUE), BigInteger.valueOf(Integer.MAX_VALUE)) == null) {
            throw JsonReader.error(v, Tag.toString(tag) + ": IS value is not an integer in [-2^31, 2^31-1]");
        }
        return n.text();
    }

    /** Binary numeric VRs and AT, encoded little endian. */
    static byte[] binary(int tag, VR vr, JsonArray arr) throws DicomException {
        int unit = vr.unitSize();
        ByteBuffer b = ByteBuffer.allocate(arr.size() * unit).order(ByteOrder.LITTLE_ENDIAN);
        for (JsonValue v : arr.elements()) {
            switch (vr) {
                case AT -> {
                    if (!(v instanceof JsonString s) || s.value().length() != 8
                            || !s.value().chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                        throw JsonReader.error(v, Tag.toString(tag) + ": an AT value must be a \"GGGGEEEE\" string");
                    }
                    int t = (int) Long.parseLong(s.value(), 16);
                    b.putShort((short) Tag.group(t)).putShort((short) Tag.element(t));
                }
                case US -> b.putShort((short) integer(tag, vr, v, 0, 0xFFFF).longValue());
                case SS -> b.putShort((short) integer(tag, vr, v, Short.MIN_VALUE, Short.MAX_VALUE).longValue());
                case UL -> b.putInt((int) integer(tag, vr, v, 0, 0xFFFFFFFFL).longValue());
                case SL -> b.putInt((int) integer(tag, vr, v, Integer.MIN_VALUE, Integer.MAX_VALUE).longValue());
                case SV -> b.putLong(integer(tag, vr, v, Long.MIN_VALUE, Long.MAX_VALUE).longValue());
                case UV -> b.putLong(integer(tag, vr, v, BigInteger.ZERO, TWO_64.subtract(BigInteger.ONE)).longValue());
                case FL -> b.putFloat((float) floating(tag, vr, v));
                case FD -> b.putDouble(floating(tag, vr, v));
                default -> throw JsonReader.error(v, Tag.toString(tag) + ": VR " + vr + " cannot have a Value array");
            }
        }
        return b.array();
    }

    private static BigInteger integer(int tag, VR vr, JsonValue v, long min, long max) throws DicomException {
        return integer(tag, vr, v, BigInteger.valueOf(min), BigInteger.valueOf(max));
    }

    private static BigInteger integer(int tag, VR vr, JsonValue v, BigInteger min, BigInteger max)
            throws DicomException {
        BigInteger i = null;
        if (v instanceof JsonNumber n) {
            i = integer(n, min, max);
        } else if (v instanceof JsonString s && (vr == VR.SV || vr == VR.UV) && s.value().matches("-?[0-9]{1,20}")) {
            // SV and UV may be strings to keep 64-bit precision (PS3.18 Table F.2.3-1, note).
            BigInteger x = new BigInteger(s.value());
            i = x.compareTo(min) >= 0 && x.compareTo(max) <= 0 ? x : null;
        }
        if (i == null) {
            throw JsonReader.error(v, Tag.toString(tag) + ": " + vr + " value must be an integer in [" + min + ", " + max + "]");
        }
        return i;
    }

    /** The integer value of {@code n} if it is integral and within [min, max]; never expands huge exponents. */
    static BigInteger integer(JsonNumber n, BigInteger min, BigInteger max) {
        BigDecimal d;
        try {
            d = n.decimal();
        } catch (NumberFormatException e) {
            return null; // exponent beyond the range of int
        }
        if (d.signum() == 0) {
            return BigInteger.ZERO.compareTo(min) >= 0 && BigInteger.ZERO.compareTo(max) <= 0 ? BigInteger.ZERO : null;
        }
        // Digits before the decimal point; a forged "1e999999999" must not be expanded.
        long intDigits = (long) d.precision() - d.scale();
        if (intDigits > 21 || intDigits < 1) {
            return null;
        }
        if (d.scale() > 0 && d.stripTrailingZeros().scale() > 0) {
            return null;
        }
        BigInteger i = d.toBigIntegerExact();
        return i.compareTo(min) >= 0 && i.compareTo(max) <= 0 ? i : null;
    }

    private static double floating(int tag, VR vr, JsonValue v) throws DicomException {
        double d;
        if (v instanceof JsonNumber n) {
            d = vr == VR.FL ? Float.parseFloat(n.text()) : Double.parseDouble(n.text());
            if (Double.isInfinite(d)) {
                throw JsonReader.error(v, Tag.toString(tag) + ": value out of range for " + vr);
            }
        } else if (v instanceof JsonString s && (s.value().equals("NaN") || s.value().equals("Infinity")
                || s.value().equals("-Infinity"))) {
            d = Double.parseDouble(s.value());
        } else {
            throw JsonReader.error(v, Tag.toString(tag) + ": a " + vr + " value must be a number");
        }
        return d;
    }
}
