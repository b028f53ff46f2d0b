// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.qido;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.query.QueryOptions;
import org.pacs.archive.query.QueryRequest;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.ElementDictionary;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicomweb.http.HttpProblem;

/**
 * A QIDO-RS request read into one query of the archive's engine (PS3.18 §8.3.4, §10.6.1.2): each
 * {@code {attributeID}={value}} becomes a matching key (a keyword or "GGGGEEEE", a dotted path for a
 * sequence item's attribute), {@code includefield} adds return keys ({@code all} for every known one),
 * {@code fuzzymatching} turns on fuzzy person-name matching, {@code limit}/{@code offset} page the
 * matches. The UIDs in the path become keys too. The caller's scope goes into the query itself.
 */
public record QidoQuery(QueryRequest request, QueryRetrieveLevel level) {
    private static final Pattern UID = Pattern.compile("[0-9]+(\\.[0-9]+)*");
    private static final ElementDictionary DICT = ElementDictionary.standard();
    private static final Set<String> CONTROL = Set.of("limit", "offset", "fuzzymatching", "includefield");
    private static final Set<Integer> NUMERIC_BINARY = Set.of(VR.US.code(), VR.UL.code(), VR.SS.code(), VR.SL.code());

    /**
     * @param params the query parameters (repeated ones in order)
     * @throws HttpProblem 400 for an unknown attribute, a bad number, or a malformed UID
     */
    public static QidoQuery parse(QueryRetrieveLevel level, String studyUid, String seriesUid,
            Map<String, String[]> params, AccessScope scope, QueryOptions base) {
        Attributes id = new Attributes();
        Set<Integer> returnKeys = new LinkedHashSet<>(ReturnKeys.defaults(level, studyUid != null, seriesUid != null));
        QueryOptions options = base.withRelational(true);
        int offset = 0;
        int limit = 0;
        Map<Integer, String> matching = new LinkedHashMap<>();
        Map<Integer, Map<Integer, String>> itemMatching = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            String name = e.getKey();
            String[] values = e.getValue();
            switch (name) {
                case "limit" -> limit = nonNegative(name, values);
                case "offset" -> offset = nonNegative(name, values);
                case "fuzzymatching" -> options = options.withFuzzyPersonNames(bool(name, values));
                case "includefield" -> {
                    for (String v : values) {
                        for (String field : v.split(",")) {
                            String f = field.strip();
                            if (f.equals("all")) {
                                returnKeys.addAll(ReturnKeys.all(level));
                            } else if (!f.isEmpty()) {
                                int[] path = path(f);
                                returnKeys.add(path[0]);
                            }
                        }
                    }
                }
                default -> {
                    if (CONTROL.contains(name)) {
                        continue;
                    }
                    int[] path = path(name);
                    String value = String.join(",", values);
                    if (path.length == 1) {
                        matching.put(path[0], value);
                    } else {
                        itemMatching.computeIfAbsent(path[0], k -> new LinkedHashMap<>()).put(path[1], value);
                    }
                }
            }
        }
        if (studyUid != null) {
            matching.put(Tags.StudyInstanceUID, uid(studyUid));
        }
        if (seriesUid != null) {
            matching.put(Tags.SeriesInstanceUID, uid(seriesUid));
        }
        matching.forEach((tag, value) -> setKey(id, tag, value));
        itemMatching.forEach((tag, items) -> {
            if (DICT.vrOf(tag) != VR.SQ) {
                throw HttpProblem.badRequest(Tag.toHex(tag) + " is not a sequence (PS3.18 8.3.4.1)");
            }
            Sequence seq = id.newSequence(tag, 1);
            Attributes item = seq.addItem();
            items.forEach((t, v) -> setKey(item, t, v));
        });
        for (int tag : returnKeys) {
            if (!id.contains(tag)) {
                VR vr = DICT.vrOf(tag);
                if (vr == VR.SQ) {
                    id.newSequence(tag, 0);
                } else {
                    id.setNull(tag, vr);
                }
            }
        }
        QueryRequest request = new QueryRequest(level, InformationModel.STUDY_ROOT, id, scope, options, offset, limit);
        return new QidoQuery(request, level);
    }

    /** A keyword or tag, or a dotted path of two: sequence, then the item's attribute. */
    private static int[] path(String name) {
        String[] parts = name.split("\\.", -1);
        if (parts.length > 2) {
            throw HttpProblem.badRequest("attribute paths deeper than one sequence are not supported: " + name);
        }
        int[] tags = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            tags[i] = tag(parts[i]);
        }
        return tags;
    }

    private static int tag(String s) {
        if (s.length() == 8 && s.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            int tag = Tag.parse(s);
            if (DICT.lookup(tag) == null) {
                throw HttpProblem.badRequest("unknown attribute " + s);
            }
            return tag;
        }
        int tag = DICT.tagOf(s);
        if (tag == -1 || !s.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw HttpProblem.badRequest("unknown attribute " + safe(s));
        }
        return tag;
    }

    private static void setKey(Attributes id, int tag, String value) {
        VR vr = DICT.vrOf(tag);
        if (value.isEmpty()) {
            id.setNull(tag, vr);
            return;
        }
        switch (vr) {
            case SQ -> throw HttpProblem.badRequest("a sequence matches through its items' attributes: "
                    + Tag.toHex(tag) + ".GGGGEEEE");
            case UI -> {
                String[] uids = value.split("[,\\\\]");
                for (String u : uids) {
                    uid(u);
                }
                id.setString(tag, VR.UI, uids);
            }
            default -> {
                if (NUMERIC_BINARY.contains(vr.code())) {
                    try {
                        id.setInt(tag, vr, Integer.parseInt(value.strip()));
                    } catch (NumberFormatException e) {
                        throw HttpProblem.badRequest("not a number for " + Tag.toHex(tag));
                    }
                } else if (vr.kind() == VR.Kind.BINARY) {
                    throw HttpProblem.badRequest("matching on binary attribute " + Tag.toHex(tag) + " is not supported");
                } else {
                    id.setString(tag, vr, value.split("\\\\"));
                }
            }
        }
    }

    static String uid(String s) {
        if (s.length() > 64 || !UID.matcher(s).matches()) {
            throw HttpProblem.badRequest("malformed UID");
        }
        return s;
    }

    private static int nonNegative(String name, String[] values) {
        try {
            int n = Integer.parseInt(values[values.length - 1].strip());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw HttpProblem.badRequest(name + " must be a non-negative integer");
        }
    }

    private static boolean bool(String name, String[] values) {
        String v = values[values.length - 1].strip();
        if (v.equals("true")) {
            return true;
        }
        if (v.equals("false")) {
            return false;
        }
        throw HttpProblem.badRequest(name + " must be true or false");
    }

    /** Echoes only harmless characters of a client's parameter name. */
    private static String safe(String s) {
        String t = s.length() > 40 ? s.substring(0, 40) : s;
        return t.replaceAll("[^A-Za-z0-9_.]", "?");
    }

    /** For the audit record: the parameters as given, as one JSON object. */
    public static String keysJson(String path, Map<String, String[]> params) {
        StringBuilder sb = new StringBuilder("{\"path\":").append(json(path)).append(",\"params\":{");
        boolean first = true;
        for (Map.Entry<String, String[]> e : params.entrySet()) {
            sb.append(first ? "" : ",").append(json(e.getKey())).append(":[");
            first = false;
            List<String> vs = List.of(e.getValue());
            for (int i = 0; i < vs.size(); i++) {
                sb.append(i == 0 ? "" : ",").append(json(vs.get(i)));
            }
            sb.append(']');
        }
        return sb.append("}}").toString();
    }

    private static String json(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
