// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacs.dicom.io.DicomException;

/**
 * A strict RFC 8259 parser into {@link JsonValue} trees, within {@link JsonLimits}. Rejects what the
 * grammar rejects (trailing commas, leading zeros, unescaped control characters, lone values after the
 * document) and duplicate object keys; every error is a {@link DicomException} carrying the character
 * offset, e.g. {@code "offset 17: unterminated string"}.
 *
 * <pre>{@code
 * JsonValue doc = JsonParser.parse(reader, JsonLimits.defaults());
 * }</pre>
 */
public final class JsonParser {
    private final Reader in;
    private final JsonLimits limits;
    private final char[] buf = new char[8192];
    private int pos;
    private int end;
    /** Characters consumed before {@code buf[0]}. */
    private long base;
    private final StringBuilder sb = new StringBuilder();
    private long values;

    private JsonParser(Reader in, JsonLimits limits) {
        this.in = in;
        this.limits = limits;
    }

    /** Parses one JSON document (any value) from {@code in}; the reader is read to its end, not closed. */
    public static JsonValue parse(Reader in, JsonLimits limits) throws DicomException {
        JsonParser p = new JsonParser(in, limits);
        try {
            p.skipBom();
            p.skipWhitespace();
            JsonValue v = p.value(0);
            p.skipWhitespace();
            if (p.peek() != -1) {
                throw p.error(p.offset(), "unexpected content after the JSON document");
            }
            return v;
        } catch (DicomException e) {
            throw e;
        } catch (IOException e) {
            throw new DicomException(p.offset(), "I/O error: " + e.getMessage(), e);
        }
    }

    /** Parses UTF-8 bytes; malformed UTF-8 is an error, not replaced. */
    public static JsonValue parse(InputStream in, JsonLimits limits) throws DicomException {
        return parse(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), limits);
    }

    public static JsonValue parse(String json) throws DicomException {
        return parse(new StringReader(json), JsonLimits.defaults());
    }

    // ---- grammar -----------------------------------------------------------------------------

    private JsonValue value(int depth) throws IOException {
        long at = offset();
        if (++values > limits.maxValues()) {
            throw error(at, "more than " + limits.maxValues() + " values");
        }
        int c = peek();
        switch (c) {
            case '{' -> {
                return object(depth + 1, at);
            }
            case '[' -> {
                return array(depth + 1, at);
            }
            case '"' -> {
                return new JsonValue.JsonString(string(), at);
            }
            case 't' -> {
                literal("true");
                return new JsonValue.JsonBoolean(true, at);
            }
            case 'f' -> {
                literal("false");
                return new JsonValue.JsonBoolean(false, at);
            }
            case 'n' -> {
                literal("null");
                return new JsonValue.JsonNull(at);
            }
            case -1 -> throw error(at, "unexpected end of input, expected a value");
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return new JsonValue.JsonNumber(number(), at);
                }
                throw error(at, "unexpected character " + describe(c) + ", expected a value");
            }
        }
    }

    private JsonValue object(int depth, long at) throws IOException {
        checkDepth(depth, at);
        read(); // '{'
        Map<String, JsonValue> members = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            read();
            return new JsonValue.JsonObject(members, at);
        }
        while (true) {
            skipWhitespace();
            long keyAt = offset();
            if (peek() != '"') {
                throw error(keyAt, "expected a string key, found " + describe(peek()));
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            JsonValue v = value(depth);
            if (members.putIfAbsent(key, v) != null) {
                throw error(keyAt, "duplicate key \"" + abbreviate(key) + "\"");
            }
            skipWhitespace();
            int c = read();
            if (c == '}') {
                return new JsonValue.JsonObject(members, at);
            }
            if (c != ',') {
                throw error(offset() - (c == -1 ? 0 : 1), c == -1 ? "unterminated object" : "expected ',' or '}', found " + describe(c));
            }
        }
    }

    private JsonValue array(int depth, long at) throws IOException {
        checkDepth(depth, at);
        read(); // '['
        List<JsonValue> elements = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            read();
            return new JsonValue.JsonArray(elements, at);
        }
        while (true) {
            skipWhitespace();
            elements.add(value(depth));
            skipWhitespace();
            int c = read();
            if (c == ']') {
                return new JsonValue.JsonArray(elements, at);
            }
            if (c != ',') {
                throw error(offset() - (c == -1 ? 0 : 1), c == -1 ? "unterminated array" : "expected ',' or ']', found " + describe(c));
            }
        }
    }

    private void checkDepth(int depth, long at) throws DicomException {
        if (depth > limits.maxDepth()) {
            throw error(at, "nesting deeper than " + limits.maxDepth());
        }
    }

    private String string() throws IOException {
        long at = offset();
        read(); // '"'
        sb.setLength(0);
        while (true) {
            int c = read();
            if (c == '"') {
                return sb.toString();
            }
            if (c == -1) {
                throw error(at, "unterminated string");
            }
            if (c < 0x20) {
                throw error(offset() - 1, "unescaped control character " + describe(c) + " in string");
            }
            if (c == '\\') {
                c = escape();
            }
            if (sb.length() >= limits.maxStringChars()) {
                throw error(at, "string longer than " + limits.maxStringChars() + " characters");
            }
            sb.append((char) c);
        }
    }

    private int escape() throws IOException {
        long at = offset() - 1;
        int c = read();
        return switch (c) {
            case '"' -> '"';
            case '\\' -> '\\';
            case '/' -> '/';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int h = Character.digit(read(), 16);
                    if (h < 0) {
                        throw error(at, "bad \\u escape");
                    }
                    v = (v << 4) | h;
                }
                yield v;
            }
            case -1 -> throw error(at, "unterminated string");
            default -> throw error(at, "bad escape \\" + (char) c);
        };
    }

    private String number() throws IOException {
        long at = offset();
        sb.setLength(0);
        if (peek() == '-') {
            take(at);
        }
        if (peek() == '0') {
            take(at);
            if (isDigit(peek())) {
                throw error(at, "number with a leading zero");
            }
        } else if (!digits(at)) {
            throw error(at, "expected a digit");
        }
        if (peek() == '.') {
            take(at);
            if (!digits(at)) {
                throw error(at, "expected a digit after the decimal point");
            }
        }
        if (peek() == 'e' || peek() == 'E') {
            take(at);
            if (peek() == '+' || peek() == '-') {
                take(at);
            }
            if (!digits(at)) {
                throw error(at, "expected a digit in the exponent");
            }
        }
        return sb.toString();
    }

    private boolean digits(long at) throws IOException {
        boolean any = false;
        while (isDigit(peek())) {
            take(at);
            any = true;
        }
        return any;
    }

    private void take(long at) throws IOException {
        if (sb.length() >= limits.maxNumberChars()) {
            throw error(at, "number longer than " + limits.maxNumberChars() + " characters");
        }
        sb.append((char) read());
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private void literal(String word) throws IOException {
        long at = offset();
        for (int i = 0; i < word.length(); i++) {
            if (read() != word.charAt(i)) {
                throw error(at, "unexpected literal, expected " + word);
            }
        }
    }

    private void expect(char ch) throws IOException {
        long at = offset();
        int c = read();
        if (c != ch) {
            throw error(at, "expected '" + ch + "', found " + describe(c));
        }
    }

    // ---- input -------------------------------------------------------------------------------

    private void skipBom() throws IOException {
        if (peek() == '\uFEFF') {
            read();
        }
    }

    private void skipWhitespace() throws IOException {
        int c;
        while ((c = peek()) == ' ' || c == '\t' || c == '\n' || c == '\r') {
            read();
        }
    }

    private int peek() throws IOException {
        if (pos == end && !fill()) {
            return -1;
        }
        return buf[pos];
    }

    private int read() throws IOException {
        if (pos == end && !fill()) {
            return -1;
        }
        return buf[pos++];
    }

    private boolean fill() throws IOException {
        base += end;
        pos = 0;
        end = 0;
        // One character past the limit is read to tell "ends at the limit" from "too long".
        int n;
        try {
            n = in.read(buf, 0, (int) Math.min(buf.length, limits.maxChars() - base + 1));
        } catch (java.nio.charset.CharacterCodingException e) {
            throw error(base, "malformed UTF-8");
        }
        if (n > 0 && base + n > limits.maxChars()) {
            throw error(limits.maxChars(), "document longer than " + limits.maxChars() + " characters");
        }
        if (n <= 0) {
            return false;
        }
        end = n;
        return true;
    }

    private long offset() {
        return base + pos;
    }

    private DicomException error(long at, String reason) {
        return new DicomException(at, reason);
    }

    private static String describe(int c) {
        if (c == -1) {
            return "end of input";
        }
        return c >= 0x20 && c < 0x7F ? "'" + (char) c + "'" : String.format("U+%04X", c);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
