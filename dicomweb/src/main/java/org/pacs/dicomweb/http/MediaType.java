// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A media type or media range (RFC 9110 §8.3.1, §12.5.1) with its parameters, as PS3.18 §8.7 uses
 * them: {@code multipart/related; type="application/dicom"; transfer-syntax=*}. Type, subtype and
 * parameter names are compared case-insensitively; the quality {@code q} is kept apart.
 *
 * @param params parameter values without quotes, names in lower case, in order
 * @param q the quality from an Accept header, 1 when absent
 */
public record MediaType(String type, String subtype, Map<String, String> params, double q) {
    public static final MediaType DICOM = parse("application/dicom");
    public static final MediaType DICOM_JSON = parse("application/dicom+json");
    public static final MediaType DICOM_XML = parse("application/dicom+xml");
    public static final MediaType JSON = parse("application/json");
    public static final MediaType OCTET_STREAM = parse("application/octet-stream");
    public static final MediaType MULTIPART_RELATED = parse("multipart/related");

    public MediaType {
        type = type.toLowerCase(Locale.ROOT);
        subtype = subtype.toLowerCase(Locale.ROOT);
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * Parses one media type.
     *
     * @throws HttpProblem 400 when it is not {@code type/subtype *(; name=value)}
     */
    public static MediaType parse(String text) {
        List<String> pieces = split(text, ';');
        String full = pieces.getFirst().strip();
        int slash = full.indexOf('/');
        if (slash <= 0 || slash == full.length() - 1 || !token(full.substring(0, slash))
                || !token(full.substring(slash + 1))) {
            throw HttpProblem.badRequest("malformed media type");
        }
        Map<String, String> params = new LinkedHashMap<>();
        double q = 1;
        for (String p : pieces.subList(1, pieces.size())) {
            String s = p.strip();
            if (s.isEmpty()) {
                continue;
            }
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw HttpProblem.badRequest("malformed media type parameter");
            }
            String name = s.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String value = unquote(s.substring(eq + 1).strip());
            if (name.equals("q")) {
                try {
                    q = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw HttpProblem.badRequest("malformed quality value");
                }
                if (q < 0 || q > 1) {
                    throw HttpProblem.badRequest("quality value out of range");
                }
            } else {
                params.put(name, value);
            }
        }
        return new MediaType(full.substring(0, slash), full.substring(slash + 1), params, q);
    }

    /**
     * The ranges of an Accept header, best first (stable for equal quality); {@code * / *} when the
     * header is absent or empty. Ranges with q=0 are dropped.
     */
    public static List<MediaType> parseAccept(String header) {
        if (header == null || header.isBlank()) {
            return List.of(parse("*/*"));
        }
        List<MediaType> out = new ArrayList<>();
        for (String range : split(header, ',')) {
            if (!range.isBlank()) {
                MediaType m = parse(range);
                if (m.q() > 0) {
                    out.add(m);
                }
            }
        }
        out.sort((a, b) -> Double.compare(b.q(), a.q()));
        return out;
    }

    public String param(String name) {
        return params.get(name);
    }

    /** True if this range (possibly with wild cards) covers {@code type/subtype}. */
    public boolean covers(String otherType, String otherSubtype) {
        return (type.equals("*") || type.equals(otherType)) && (subtype.equals("*") || subtype.equals(otherSubtype));
    }

    /** Same type and subtype, ignoring parameters. */
    public boolean is(MediaType other) {
        return type.equals(other.type) && subtype.equals(other.subtype);
    }

    public boolean isWildcard() {
        return type.equals("*") || subtype.equals("*");
    }

    public MediaType withParam(String name, String value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(name, value);
        return new MediaType(type, subtype, p, 1);
    }

    /** The header form, parameter values quoted where they are not tokens. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type).append('/').append(subtype);
        params.forEach((k, v) -> sb.append("; ").append(k).append('=').append(token(v) ? v : '"' + v + '"'));
        return sb.toString();
    }

    private static boolean token(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }

    /** Splits on {@code sep} outside quoted strings. */
    private static List<String> split(String s, char sep) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '\\' && quoted && i + 1 < s.length()) {
                cur.append(c).append(s.charAt(++i));
                continue;
            }
            if (c == sep && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
