// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.pacs.dicom.json.JsonValue.JsonArray;
import org.pacs.dicom.json.JsonValue.JsonNull;
import org.pacs.dicom.json.JsonValue.JsonNumber;
import org.pacs.dicom.json.JsonValue.JsonObject;
import org.pacs.dicom.json.JsonValue.JsonString;

/**
 * Compares two DICOM JSON Model documents (PS3.18 §F.2) by meaning rather than text: the same attributes
 * with the same "vr"; values equal by VR — numbers (FL, FD, DS; IS, SV, UV, US, SS, UL, SL) numerically,
 * whether written as JSON numbers or strings (Table F.2.3-1 allows both for IS, DS, SV, UV), FL/FD/DS
 * within a relative tolerance; PN by component group; InlineBinary by decoded bytes; a null value equal to
 * an empty string. Whether a value is a BulkDataURI or InlineBinary may differ if allowed. Immutable.
 *
 * <pre>{@code
 * List<JsonSemanticDiff.Difference> d = JsonSemanticDiff.create().compare(ours, theirs);
 * }</pre>
 */
public final class JsonSemanticDiff {
    /** One difference: where (attribute path, tags and item indexes separated by '/') and what. */
    public record Difference(String path, String description) {
        @Override
        public String toString() {
            return (path.isEmpty() ? "/" : path) + ": " + description;
        }
    }

    private final double floatTolerance;
    private final double doubleTolerance;
    private final double decimalTolerance;
    private final boolean bulkDataFormMayDiffer;
    private final boolean showValues;

    private JsonSemanticDiff(double fl, double fd, double ds, boolean bulkMayDiffer, boolean showValues) {
        this.floatTolerance = fl;
        this.doubleTolerance = fd;
        this.decimalTolerance = ds;
        this.bulkDataFormMayDiffer = bulkMayDiffer;
        this.showValues = showValues;
    }

    /**
     * Relative tolerances 1e-6 (FL: 9 significant digits written vs the shortest form), 1e-14 (FD) and
     * 1e-12 (DS); BulkDataURI and InlineBinary interchangeable; no values in the report.
     */
    public static JsonSemanticDiff create() {
        return new JsonSemanticDiff(1e-6, 1e-14, 1e-12, true, false);
    }

    public JsonSemanticDiff withTolerances(double fl, double fd, double ds) {
        return new JsonSemanticDiff(fl, fd, ds, bulkDataFormMayDiffer, showValues);
    }

    /** If false, a BulkDataURI on one side and InlineBinary (or nothing) on the other is a difference. */
    public JsonSemanticDiff withBulkDataFormMayDiffer(boolean mayDiffer) {
        return new JsonSemanticDiff(floatTolerance, doubleTolerance, decimalTolerance, mayDiffer, showValues);
    }

    /** Include the differing values in descriptions: for test data only, never for patient data. */
    public JsonSemanticDiff withValuesInReport(boolean show) {
        return new JsonSemanticDiff(floatTolerance, doubleTolerance, decimalTolerance, bulkDataFormMayDiffer, show);
    }

    /** All differences between two documents (a data set object, or an array of them); empty if equal. */
    public List<Difference> compare(JsonValue expected, JsonValue actual) {
        List<Difference> out = new ArrayList<>();
        if (expected instanceof JsonArray a && actual instanceof JsonArray b) {
            if (a.size() != b.size()) {
                out.add(new Difference("", a.size() + " data sets vs " + b.size()));
            }
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                dataSet(String.valueOf(i), a.get(i), b.get(i), out);
            }
        } else {
            dataSet("", expected, actual, out);
        }
        return out;
    }

    private void dataSet(String path, JsonValue a, JsonValue b, List<Difference> out) {
        if (!(a instanceof JsonObject oa) || !(b instanceof JsonObject ob)) {
            out.add(new Difference(path, "not both data set objects"));
            return;
        }
        TreeSet<String> keys = new TreeSet<>(oa.members().keySet());
        keys.addAll(ob.members().keySet());
        for (String key : keys) {
            String p = path.isEmpty() ? key : path + "/" + key;
            JsonValue x = oa.get(key);
            JsonValue y = ob.get(key);
            if (x == null) {
                out.add(new Difference(p, "attribute only in the second document"));
            } else if (y == null) {
                out.add(new Difference(p, "attribute only in the first document"));
            } else {
                attribute(p, x, y, out);
            }
        }
    }

    private void attribute(String path, JsonValue a, JsonValue b, List<Difference> out) {
        if (!(a instanceof JsonObject oa) || !(b instanceof JsonObject ob)) {
            out.add(new Difference(path, "not both attribute objects"));
            return;
        }
        String vr = text(oa.get("vr"));
        String vrB = text(ob.get("vr"));
        if (vr == null || !vr.equals(vrB)) {
            out.add(new Difference(path, "vr " + vr + " vs " + vrB));
            return;
        }
        for (String k : new TreeSet<>(union(oa.members(), ob.members()))) {
            if (!k.equals("vr") && !k.equals("Value") && !k.equals("BulkDataURI") && !k.equals("InlineBinary")) {
                out.add(new Difference(path, "unexpected member " + k));
            }
        }
        boolean uriA = oa.get("BulkDataURI") != null;
        boolean uriB = ob.get("BulkDataURI") != null;
        if (uriA || uriB) {
            if (!bulkDataFormMayDiffer && !(uriA && uriB)) {
                out.add(new Difference(path, "BulkDataURI on one side only"));
            }
            return; // URIs name each writer's own resources: not comparable
        }
        JsonValue inlineA = oa.get("InlineBinary");
        JsonValue inlineB = ob.get("InlineBinary");
        if (inlineA != null || inlineB != null) {
            byte[] x = decode(inlineA);
            byte[] y = decode(inlineB);
            if (x == null || y == null) {
                out.add(new Difference(path, "InlineBinary is not base64"));
            } else if (!Arrays.equals(x, y)) {
                out.add(new Difference(path, "InlineBinary differs (" + x.length + " vs " + y.length + " bytes)"));
            }
            if (oa.get("Value") != null || ob.get("Value") != null) {
                out.add(new Difference(path, "Value beside InlineBinary"));
            }
            return;
        }
        values(path, vr, oa.get("Value"), ob.get("Value"), out);
    }

    private void values(String path, String vr, JsonValue a, JsonValue b, List<Difference> out) {
        List<JsonValue> x = a instanceof JsonArray arr ? arr.elements() : List.of();
        List<JsonValue> y = b instanceof JsonArray arr ? arr.elements() : List.of();
        if ((a != null && !(a instanceof JsonArray)) || (b != null && !(b instanceof JsonArray))) {
            out.add(new Difference(path, "Value is not an array"));
            return;
        }
        if (x.size() != y.size()) {
            out.add(new Difference(path, x.size() + " values vs " + y.size()));
            return;
        }
        for (int i = 0; i < x.size(); i++) {
            String p = path + "/" + i;
            if (vr.equals("SQ")) {
                dataSet(p, x.get(i), y.get(i), out);
            } else if (!valueEqual(vr, x.get(i), y.get(i))) {
                out.add(new Difference(p, vr + " value differs" + (showValues
                        ? ": " + show(x.get(i)) + " vs " + show(y.get(i)) : "")));
            }
        }
    }

    private boolean valueEqual(String vr, JsonValue a, JsonValue b) {
        if (isEmpty(a) || isEmpty(b)) {
            return isEmpty(a) && isEmpty(b);
        }
        switch (vr) {
            case "PN" -> {
                if (!(a instanceof JsonObject pa) || !(b instanceof JsonObject pb)) {
                    return false;
                }
                for (String g : PersonNameGroups.NAMES) {
                    if (!Objects.toString(text(pa.get(g)), "").equals(Objects.toString(text(pb.get(g)), ""))) {
                        return false;
                    }
                }
                return union(pa.members(), pb.members()).stream().allMatch(k -> Arrays.asList(PersonNameGroups.NAMES).contains(k));
            }
            case "FL" -> {
                return close(a, b, floatTolerance, true);
            }
            case "FD" -> {
                return close(a, b, doubleTolerance, false);
            }
            case "DS" -> {
                return close(a, b, decimalTolerance, false);
            }
            case "IS", "SV", "UV", "US", "SS", "UL", "SL" -> {
                BigDecimal x = number(a);
                BigDecimal y = number(b);
                return x != null && y != null ? x.compareTo(y) == 0 : a.equals(b);
            }
            default -> {
                return a.equals(b);
            }
        }
    }

    private static boolean close(JsonValue a, JsonValue b, double tolerance, boolean single) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x == null || y == null) {
            return a instanceof JsonString && a.equals(b); // "NaN", "Infinity", or non-numeric DS text
        }
        if (x.compareTo(y) == 0) {
            return true;
        }
        double dx = single ? (float) x.doubleValue() : x.doubleValue();
        double dy = single ? (float) y.doubleValue() : y.doubleValue();
        if (dx == dy) {
            return true;
        }
        double scale = Math.max(Math.abs(dx), Math.abs(dy));
        return Math.abs(dx - dy) <= tolerance * scale;
    }

    /** The numeric value of a JSON number or numeric string, or null. Exponents are bounded first. */
    private static BigDecimal number(JsonValue v) {
        String s = v instanceof JsonNumber n ? n.text() : v instanceof JsonString str ? str.value().strip() : null;
        if (s == null || s.length() > 400) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(s);
            return Math.abs((long) d.scale()) > 100_000 ? null : d;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean isEmpty(JsonValue v) {
        return v instanceof JsonNull || (v instanceof JsonString s && s.value().isEmpty());
    }

    private static String text(JsonValue v) {
        return v instanceof JsonString s ? s.value() : null;
    }

    private static byte[] decode(JsonValue v) {
        if (v == null) {
            return new byte[0];
        }
        if (!(v instanceof JsonString s)) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(s.value());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static java.util.Set<String> union(Map<String, JsonValue> a, Map<String, JsonValue> b) {
        java.util.Set<String> s = new java.util.HashSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }

    private static String show(JsonValue v) {
        return v instanceof JsonString s ? "\"" + s.value() + "\"" : v instanceof JsonNumber n ? n.text()
                : v instanceof JsonNull ? "null" : v.toString();
    }
}
