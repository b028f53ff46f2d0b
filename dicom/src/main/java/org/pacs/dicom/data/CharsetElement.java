// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The graphic character sets that Specific Character Set (0008,0005) may designate to code element G0
 * or G1, with the ISO 2022 escape sequence that designates each (PS3.3 Tables C.12-2 to C.12-4, PS3.5
 * Annex H, I, K). Each knows how to decode and encode its own characters; switching between them is
 * {@link CharsetIso2022}'s job.
 */
enum CharsetElement {
    /** ISO 646 International Reference Version (ASCII), the default repertoire: G0, ESC ( B. */
    ISO_IR_6(false, 1, "(B", null),
    /** JIS X 0201 Romaji: ASCII with YEN SIGN at 05/12 and OVERLINE at 07/14 (PS3.5 H.1.1): G0, ESC ( J. */
    ISO_IR_14(false, 1, "(J", null),
    /** JIS X 0201 Katakana (half-width): G1, ESC ) I. */
    ISO_IR_13(true, 1, ")I", null),
    ISO_IR_100(true, 1, "-A", "ISO-8859-1"),
    ISO_IR_101(true, 1, "-B", "ISO-8859-2"),
    ISO_IR_109(true, 1, "-C", "ISO-8859-3"),
    ISO_IR_110(true, 1, "-D", "ISO-8859-4"),
    ISO_IR_144(true, 1, "-L", "ISO-8859-5"),
    ISO_IR_127(true, 1, "-G", "ISO-8859-6"),
    ISO_IR_126(true, 1, "-F", "ISO-8859-7"),
    ISO_IR_138(true, 1, "-H", "ISO-8859-8"),
    ISO_IR_148(true, 1, "-M", "ISO-8859-9"),
    /** TIS 620-2533, registered as the 96-set ISO-IR 166, i.e. the upper half of ISO 8859-11. */
    ISO_IR_166(true, 1, "-T", "x-iso-8859-11"),
    /** JIS X 0208 kanji, hiragana, katakana: 2 bytes in G0 (GL), ESC $ B. */
    ISO_IR_87(false, 2, "$B", "x-JIS0208"),
    /** JIS X 0212 supplementary kanji: 2 bytes in G0 (GL), ESC $ ( D. */
    ISO_IR_159(false, 2, "$(D", "JIS_X0212-1990"),
    /** KS X 1001 Hangul and Hanja: 2 bytes in G1 (GR), ESC $ ) C; EUC-KR is exactly its GR form. */
    ISO_IR_149(true, 2, "$)C", "EUC-KR"),
    /** GB 2312: 2 bytes in G1 (GR), ESC $ ) A; EUC-CN is exactly its GR form. */
    ISO_IR_58(true, 2, "$)A", "GB2312");

    static final char REPLACEMENT = '\uFFFD';
    private static final int SIZE_94X94 = 94 * 94;

    private final boolean g1;
    private final int bytesPerChar;
    private final byte[] escape;
    private final String jdkCharset;
    // Built on first use: most archives never see most of these sets. Written once, then only read.
    private volatile Tables tables;

    CharsetElement(boolean g1, int bytesPerChar, String afterEsc, String jdkCharset) {
        this.g1 = g1;
        this.bytesPerChar = bytesPerChar;
        this.escape = new byte[afterEsc.length() + 1];
        this.escape[0] = 0x1B;
        for (int i = 0; i < afterEsc.length(); i++) {
            this.escape[i + 1] = (byte) afterEsc.charAt(i);
        }
        this.jdkCharset = jdkCharset;
    }

    /** True if this set is designated to G1 (invoked in GR, bytes with the high bit set). */
    boolean isG1() {
        return g1;
    }

    int bytesPerChar() {
        return bytesPerChar;
    }

    /** The escape sequence, ESC included, that designates this set to its code element. */
    byte[] escape() {
        return escape.clone();
    }

    /**
     * The set whose escape sequence starts at {@code b[escAt]} (the ESC byte), or null if the bytes there
     * designate none of these sets.
     */
    static CharsetElement designatedAt(byte[] b, int escAt, int end) {
        for (CharsetElement e : values()) {
            byte[] esc = e.escape;
            if (end - escAt >= esc.length && Arrays.equals(b, escAt, escAt + esc.length, esc, 0, esc.length)) {
                return e;
            }
        }
        return null;
    }

    /** The escape sequence's length in bytes, ESC included. */
    int escapeLength() {
        return escape.length;
    }

    /**
     * The character of a single-byte set: {@code b} is 0x20-0x7F for a G0 set, 0x80-0xFF for a G1 set.
     * Unassigned positions give U+FFFD.
     */
    char decode(int b) {
        return tables().single[b & 0x7F];
    }

    /** The character of a double-byte set; both bytes in GL (0x21-0x7E) or both in GR (0xA1-0xFE). */
    char decode(int b1, int b2) {
        return tables().double94[((b1 & 0x7F) - 0x21) * 94 + (b2 & 0x7F) - 0x21];
    }

    /**
     * The code of {@code c} in this set as it is written (one byte, or two bytes as {@code b1 << 8 | b2},
     * with the high bits set for G1 sets), or -1 if the set has no such character.
     */
    int encode(char c) {
        Integer code = tables().encode.get(c);
        return code == null ? -1 : code;
    }

    private Tables tables() {
        Tables t = tables;
        if (t == null) {
            t = bytesPerChar == 1 ? singleByteTables() : doubleByteTables();
            tables = t;
        }
        return t;
    }

    private Tables singleByteTables() {
        char[] single = new char[128];
        Map<Character, Integer> encode = new HashMap<>(256);
        if (!g1) {
            for (int b = 0; b < 128; b++) {
                single[b] = (char) b;
            }
            if (this == ISO_IR_14) {
                single[0x5C] = '\u00A5';
                single[0x7E] = '\u203E';
            }
            for (int b = 0x20; b < 0x7F; b++) {
                encode.putIfAbsent(single[b], b);
            }
        } else {
            CharsetDecoder decoder = jdkCharset == null ? null : decoder();
            for (int b = 0x80; b < 0x100; b++) {
                char c = this == ISO_IR_13 ? katakana(b) : decodeOne(decoder, new byte[] {(byte) b});
                single[b & 0x7F] = c;
                if (c != REPLACEMENT && b >= 0xA0) {
                    encode.putIfAbsent(c, b);
                }
            }
        }
        return new Tables(single, null, encode);
    }

    // JIS X 0201 katakana occupies 0xA1-0xDF; Unicode keeps them in order as half-width forms.
    private static char katakana(int b) {
        return b >= 0xA1 && b <= 0xDF ? (char) (0xFF61 + b - 0xA1) : REPLACEMENT;
    }

    private Tables doubleByteTables() {
        char[] table = new char[SIZE_94X94];
        Map<Character, Integer> encode = new HashMap<>(SIZE_94X94 * 2);
        CharsetDecoder decoder = decoder();
        int high = g1 ? 0x80 : 0;
        for (int b1 = 0x21; b1 <= 0x7E; b1++) {
            for (int b2 = 0x21; b2 <= 0x7E; b2++) {
                char c = decodeOne(decoder, new byte[] {(byte) (b1 | high), (byte) (b2 | high)});
                table[(b1 - 0x21) * 94 + b2 - 0x21] = c;
                if (c != REPLACEMENT) {
                    encode.putIfAbsent(c, (b1 | high) << 8 | (b2 | high));
                }
            }
        }
        return new Tables(null, table, encode);
    }

    private CharsetDecoder decoder() {
        return Charset.forName(jdkCharset).newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    // One coded character to exactly one BMP character, or U+FFFD for an unassigned position.
    private static char decodeOne(CharsetDecoder decoder, byte[] code) {
        try {
            CharBuffer out = decoder.reset().decode(ByteBuffer.wrap(code));
            return out.length() == 1 ? out.get(0) : REPLACEMENT;
        } catch (CharacterCodingException e) {
            return REPLACEMENT;
        }
    }

    private record Tables(char[] single, char[] double94, Map<Character, Integer> encode) {
    }
}
