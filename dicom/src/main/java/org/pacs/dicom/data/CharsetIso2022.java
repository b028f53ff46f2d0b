// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import static org.pacs.dicom.data.CharsetElement.REPLACEMENT;

import java.nio.charset.UnmappableCharacterException;
import java.util.Arrays;
import java.util.List;

/**
 * Decoding and encoding with ISO 2022 code elements G0 and G1, as PS3.5 §6.1.2.5 uses them: G0 invoked
 * in GL and G1 in GR at all times, redesignated by escape sequences only when code extensions are in use,
 * and returned to their initial designation (§6.1.2.5.3) before every control character (line ends,
 * TAB, FF), before each 05/12 that separates values, and in PN before the "^" and "=" delimiters. A value
 * without code extensions is the degenerate case: its initial designation never changes.
 */
final class CharsetIso2022 {
    private static final int ESC = 0x1B;

    private final CharsetElement initialG0;
    private final CharsetElement initialG1;
    private final boolean codeExtensions;
    /** Every set the terms declare, value 1's first: the encoder's candidates, in order of preference. */
    private final CharsetElement[] declared;
    /** Where a GR byte arrives while G1 is undesignated: the first G1 set declared, or null. */
    private final CharsetElement fallbackG1;

    CharsetIso2022(CharsetElement initialG0, CharsetElement initialG1, boolean codeExtensions,
            List<CharsetElement> declared) {
        this.initialG0 = initialG0;
        this.initialG1 = initialG1;
        this.codeExtensions = codeExtensions;
        this.declared = declared.stream().distinct().toArray(CharsetElement[]::new);
        this.fallbackG1 = codeExtensions
                ? Arrays.stream(this.declared).filter(CharsetElement::isG1).findFirst().orElse(null)
                : null;
    }

    /** True if bytes below 0x80 read as ASCII until an escape sequence says otherwise. */
    boolean asciiInitially() {
        return initialG0 == CharsetElement.ISO_IR_6;
    }

    String decode(byte[] b, int offset, int length, VR vr) {
        boolean pn = vr == VR.PN;
        boolean multiValued = !vr.isSingleValuedText();
        int end = offset + length;
        StringBuilder out = new StringBuilder(length);
        CharsetElement g0 = initialG0;
        CharsetElement g1 = initialG1;
        for (int i = offset; i < end; i++) {
            int x = b[i] & 0xFF;
            if (x == ESC) {
                CharsetElement e = codeExtensions ? CharsetElement.designatedAt(b, i, end) : null;
                if (e == null) {
                    // No code extensions, or a sequence we do not know: keep the ESC visible rather than
                    // guess how many bytes belong to it. ESC is the one control that resets nothing.
                    out.append((char) x);
                } else if (e.isG1()) {
                    g1 = e;
                    i += e.escapeLength() - 1;
                } else {
                    g0 = e;
                    i += e.escapeLength() - 1;
                }
            } else if (x < 0x20 || x == 0x7F) {
                g0 = initialG0;
                g1 = initialG1;
                out.append((char) x);
            } else if (x < 0x80) {
                if (g0.bytesPerChar() == 2 && x != 0x20) {
                    int y = i + 1 < end ? b[i + 1] & 0xFF : -1;
                    if (y >= 0x21 && y <= 0x7E) {
                        out.append(g0.decode(x, y));
                        i++;
                    } else {
                        out.append(REPLACEMENT);
                    }
                } else if (x == '\\' && multiValued || pn && (x == '^' || x == '=')) {
                    // A delimiter: the byte is the same in ISO-IR 6 and ISO-IR 14 (where 05/12 shows as ¥).
                    g0 = initialG0;
                    g1 = initialG1;
                    out.append((char) x);
                } else {
                    out.append(g0.bytesPerChar() == 2 ? ' ' : g0.decode(x));
                }
            } else {
                // Equipment often omits the escape sequence before Hangul (PS3.5 I.2 requires it in every
                // component); a G1 set the terms declare is what such bytes most likely mean.
                CharsetElement set = g1 != null ? g1 : fallbackG1;
                if (set == null) {
                    out.append(REPLACEMENT);
                } else if (set.bytesPerChar() == 1) {
                    out.append(set.decode(x));
                } else {
                    int y = i + 1 < end ? b[i + 1] & 0xFF : -1;
                    if (x >= 0xA1 && x <= 0xFE && y >= 0xA1 && y <= 0xFE) {
                        out.append(set.decode(x, y));
                        i++;
                    } else {
                        out.append(REPLACEMENT);
                    }
                }
            }
        }
        return out.toString();
    }

    byte[] encode(String value, VR vr, Object owner) {
        boolean pn = vr == VR.PN;
        boolean multiValued = !vr.isSingleValuedText();
        Bytes out = new Bytes(value.length() + 8);
        CharsetElement g0 = initialG0;
        CharsetElement g1 = initialG1;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ESC && codeExtensions) {
                // A literal ESC would read back as (part of) an escape sequence.
                throw unmappable(c, i, owner);
            }
            if (c < 0x20 || c == 0x7F || c == '\\' && multiValued || pn && (c == '^' || c == '=')) {
                resetBefore(out, g0, g1);
                g0 = initialG0;
                g1 = initialG1;
                out.write(c);
                continue;
            }
            int code = g0.encode(c);
            if (code < 0 && g1 != null) {
                code = g1.encode(c);
            }
            if (code < 0 && codeExtensions) {
                for (CharsetElement e : declared) {
                    code = e.encode(c);
                    if (code >= 0) {
                        out.write(e.escape());
                        if (e.isG1()) {
                            g1 = e;
                        } else {
                            g0 = e;
                        }
                        break;
                    }
                }
            }
            if (code < 0) {
                throw unmappable(c, i, owner);
            }
            if (code > 0xFF) {
                out.write(code >>> 8);
            }
            out.write(code & 0xFF);
        }
        resetBefore(out, g0, g1);
        return out.toArray();
    }

    // PS3.5 §6.1.2.5.3: value 1's sets must be active again before a delimiter and at the end of the
    // value. G1 needs no escape where value 1 designates none: decoders drop it at the delimiter anyway.
    private void resetBefore(Bytes out, CharsetElement g0, CharsetElement g1) {
        if (g0 != initialG0) {
            out.write(initialG0.escape());
        }
        if (g1 != initialG1 && initialG1 != null) {
            out.write(initialG1.escape());
        }
    }

    static IllegalArgumentException unmappable(char c, int index, Object owner) {
        return new IllegalArgumentException(String.format(
                "U+%04X at index %d cannot be encoded in Specific Character Set %s", (int) c, index, owner),
                new UnmappableCharacterException(1));
    }

    /** A growable byte array; values are small, so doubling from the string length is plenty. */
    private static final class Bytes {
        private byte[] buf;
        private int size;

        Bytes(int capacity) {
            buf = new byte[capacity];
        }

        void write(int b) {
            if (size == buf.length) {
                buf = Arrays.copyOf(buf, size * 2 + 8);
            }
            buf[size++] = (byte) b;
        }

        void write(byte[] bytes) {
            for (byte b : bytes) {
                write(b);
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, size);
        }
    }
}
