// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Base64;

/**
 * Writes JSON tokens straight to a {@link Writer}: separators, optional indentation and string escapes
 * (RFC 8259 §7). Binary values are base64-encoded chunk by chunk, so no value is held whole.
 */
final class JsonOutput {
    /** A multiple of 3 (base64 groups) and 8 (the largest binary unit, for byte swapping). */
    private static final int CHUNK = 3 * 8 * 1024;

    private final Writer out;
    private final boolean indent;
    /** Per open container: true until its first member is written. */
    private boolean[] first = new boolean[16];
    private int depth;
    private boolean afterName;
    private final byte[] carry = new byte[3];
    private int carryLength;

    JsonOutput(Writer out, boolean indent) {
        this.out = out;
        this.indent = indent;
    }

    void beginObject() throws IOException {
        beforeValue();
        out.write('{');
        push();
    }

    void endObject() throws IOException {
        close('}');
    }

    void beginArray() throws IOException {
        beforeValue();
        out.write('[');
        push();
    }

    void endArray() throws IOException {
        close(']');
    }

    void name(String name) throws IOException {
        separator();
        quoted(name);
        out.write(indent ? ": " : ":");
        afterName = true;
    }

    void string(String s) throws IOException {
        beforeValue();
        quoted(s);
    }

    /** A number already in RFC 8259 form. */
    void number(String text) throws IOException {
        beforeValue();
        out.write(text);
    }

    void nullValue() throws IOException {
        beforeValue();
        out.write("null");
    }

    /**
     * Writes the bytes of {@code in} as one base64 string (RFC 4648 §4, no line breaks), swapping each
     * {@code swapUnit}-byte value to little endian when {@code swapUnit > 1}.
     */
    void base64(InputStream in, int swapUnit) throws IOException {
        beforeValue();
        out.write('"');
        Base64.Encoder enc = Base64.getEncoder();
        byte[] chunk = new byte[CHUNK];
        while (true) {
            int n = in.readNBytes(chunk, 0, CHUNK);
            if (n == 0) {
                break;
            }
            if (swapUnit > 1) {
                swap(chunk, n, swapUnit);
            }
            byte[] encoded = enc.encode(n == CHUNK ? chunk : java.util.Arrays.copyOf(chunk, n));
            out.write(new String(encoded, java.nio.charset.StandardCharsets.ISO_8859_1));
            if (n < CHUNK) {
                break;
            }
        }
        out.write('"');
    }

    /** Opens a base64 string to be fed with {@link #base64Bytes} and closed with {@link #endBase64}. */
    void beginBase64() throws IOException {
        beforeValue();
        out.write('"');
        carryLength = 0;
    }

    /** Encodes bytes of an open base64 string; up to two bytes are carried to the next call. */
    void base64Bytes(byte[] b, int off, int len) throws IOException {
        Base64.Encoder enc = Base64.getEncoder();
        int i = off;
        int end = off + len;
        while (carryLength > 0 && carryLength < 3 && i < end) {
            carry[carryLength++] = b[i++];
        }
        if (carryLength == 3) {
            out.write(new String(enc.encode(carry), java.nio.charset.StandardCharsets.ISO_8859_1));
            carryLength = 0;
        }
        int whole = (end - i) / 3 * 3;
        if (whole > 0) {
            out.write(new String(enc.encode(java.util.Arrays.copyOfRange(b, i, i + whole)),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            i += whole;
        }
        while (i < end) {
            carry[carryLength++] = b[i++];
        }
    }

    void endBase64() throws IOException {
        if (carryLength > 0) {
            out.write(new String(Base64.getEncoder().encode(java.util.Arrays.copyOf(carry, carryLength)),
                    java.nio.charset.StandardCharsets.ISO_8859_1));
            carryLength = 0;
        }
        out.write('"');
    }

    void flush() throws IOException {
        out.flush();
    }

    private static void swap(byte[] b, int n, int unit) {
        for (int i = 0; i + unit <= n; i += unit) {
            for (int lo = i, hi = i + unit - 1; lo < hi; lo++, hi--) {
                byte t = b[lo];
                b[lo] = b[hi];
                b[hi] = t;
            }
        }
    }

    private void push() {
        if (++depth == first.length) {
            first = java.util.Arrays.copyOf(first, depth * 2);
        }
        first[depth] = true;
    }

    private void close(char c) throws IOException {
        boolean empty = first[depth];
        depth--;
        if (!empty) {
            newline();
        }
        out.write(c);
    }

    private void beforeValue() throws IOException {
        if (afterName) {
            afterName = false;
            return;
        }
        if (depth > 0) {
            separator();
        }
    }

    private void separator() throws IOException {
        if (!first[depth]) {
            out.write(',');
        }
        first[depth] = false;
        newline();
    }

    private void newline() throws IOException {
        if (indent) {
            out.write('\n');
            for (int i = 0; i < depth; i++) {
                out.write("  ");
            }
        }
    }

    private void quoted(String s) throws IOException {
        out.write('"');
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = switch (c) {
                case '"' -> "\\\"";
                case '\\' -> "\\\\";
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                case '\b' -> "\\b";
                case '\f' -> "\\f";
                default -> c < 0x20 || c == '\u2028' || c == '\u2029' ? String.format("\\u%04x", (int) c) : null;
            };
            if (esc != null) {
                out.write(s, start, i - start);
                out.write(esc);
                start = i + 1;
            }
        }
        out.write(s, start, s.length() - start);
        out.write('"');
    }
}
