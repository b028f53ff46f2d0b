// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import static org.pacs.dicom.data.CharsetElement.ISO_IR_6;
import static org.pacs.dicom.data.CharsetElement.ISO_IR_14;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The Defined Terms of Specific Character Set (0008,0005), transcribed from PS3.3 Tables C.12-2
 * (single-byte without code extensions), C.12-3 (single-byte with code extensions), C.12-4 (multi-byte
 * with code extensions) and C.12-5 (multi-byte without code extensions), each with the code elements it
 * designates.
 */
enum CharsetTerm {
    // Table C.12-2. The default repertoire has no term: an absent or empty value 1.
    DEFAULT("", false, ISO_IR_6, null),
    ISO_IR_100("ISO_IR 100", false, ISO_IR_6, CharsetElement.ISO_IR_100),
    ISO_IR_101("ISO_IR 101", false, ISO_IR_6, CharsetElement.ISO_IR_101),
    ISO_IR_109("ISO_IR 109", false, ISO_IR_6, CharsetElement.ISO_IR_109),
    ISO_IR_110("ISO_IR 110", false, ISO_IR_6, CharsetElement.ISO_IR_110),
    ISO_IR_144("ISO_IR 144", false, ISO_IR_6, CharsetElement.ISO_IR_144),
    ISO_IR_127("ISO_IR 127", false, ISO_IR_6, CharsetElement.ISO_IR_127),
    ISO_IR_126("ISO_IR 126", false, ISO_IR_6, CharsetElement.ISO_IR_126),
    ISO_IR_138("ISO_IR 138", false, ISO_IR_6, CharsetElement.ISO_IR_138),
    ISO_IR_148("ISO_IR 148", false, ISO_IR_6, CharsetElement.ISO_IR_148),
    ISO_IR_13("ISO_IR 13", false, ISO_IR_14, CharsetElement.ISO_IR_13),
    ISO_IR_166("ISO_IR 166", false, ISO_IR_6, CharsetElement.ISO_IR_166),
    // Table C.12-3.
    ISO_2022_IR_6("ISO 2022 IR 6", true, ISO_IR_6, null),
    ISO_2022_IR_100("ISO 2022 IR 100", true, ISO_IR_6, CharsetElement.ISO_IR_100),
    ISO_2022_IR_101("ISO 2022 IR 101", true, ISO_IR_6, CharsetElement.ISO_IR_101),
    ISO_2022_IR_109("ISO 2022 IR 109", true, ISO_IR_6, CharsetElement.ISO_IR_109),
    ISO_2022_IR_110("ISO 2022 IR 110", true, ISO_IR_6, CharsetElement.ISO_IR_110),
    ISO_2022_IR_144("ISO 2022 IR 144", true, ISO_IR_6, CharsetElement.ISO_IR_144),
    ISO_2022_IR_127("ISO 2022 IR 127", true, ISO_IR_6, CharsetElement.ISO_IR_127),
    ISO_2022_IR_126("ISO 2022 IR 126", true, ISO_IR_6, CharsetElement.ISO_IR_126),
    ISO_2022_IR_138("ISO 2022 IR 138", true, ISO_IR_6, CharsetElement.ISO_IR_138),
    ISO_2022_IR_148("ISO 2022 IR 148", true, ISO_IR_6, CharsetElement.ISO_IR_148),
    ISO_2022_IR_13("ISO 2022 IR 13", true, ISO_IR_14, CharsetElement.ISO_IR_13),
    ISO_2022_IR_166("ISO 2022 IR 166", true, ISO_IR_6, CharsetElement.ISO_IR_166),
    // Table C.12-4: one multi-byte set each, in G0 (Japanese) or G1 (Korean, Chinese).
    ISO_2022_IR_87("ISO 2022 IR 87", true, CharsetElement.ISO_IR_87, null),
    ISO_2022_IR_159("ISO 2022 IR 159", true, CharsetElement.ISO_IR_159, null),
    ISO_2022_IR_149("ISO 2022 IR 149", true, null, CharsetElement.ISO_IR_149),
    ISO_2022_IR_58("ISO 2022 IR 58", true, null, CharsetElement.ISO_IR_58),
    // Table C.12-5: variable-length codes outside ISO 2022; never combined with other values.
    ISO_IR_192("ISO_IR 192", StandardCharsets.UTF_8),
    GB18030("GB18030", Charset.forName("GB18030")),
    GBK("GBK", Charset.forName("GBK"));

    private static final Map<String, CharsetTerm> BY_TERM = new HashMap<>();

    static {
        for (CharsetTerm t : values()) {
            BY_TERM.put(t.term, t);
        }
    }

    private final String term;
    private final boolean codeExtensions;
    private final CharsetElement g0;
    private final CharsetElement g1;
    private final Charset variableLength;

    CharsetTerm(String term, boolean codeExtensions, CharsetElement g0, CharsetElement g1) {
        this.term = term;
        this.codeExtensions = codeExtensions;
        this.g0 = g0;
        this.g1 = g1;
        this.variableLength = null;
    }

    CharsetTerm(String term, Charset variableLength) {
        this.term = term;
        this.codeExtensions = false;
        this.g0 = null;
        this.g1 = null;
        this.variableLength = variableLength;
    }

    /**
     * The Defined Term for {@code value} (padding spaces ignored), or null if unknown. "ISO_IR 6" is not a
     * Defined Term but is written by enough equipment (and accepted by DCMTK) to be read as the default.
     */
    static CharsetTerm of(String value) {
        String v = value == null ? "" : value.strip();
        return "ISO_IR 6".equals(v) ? DEFAULT : BY_TERM.get(v);
    }

    String term() {
        return term;
    }

    /** True for the "ISO 2022 ..." terms of Tables C.12-3 and C.12-4. */
    boolean codeExtensions() {
        return codeExtensions;
    }

    /** The set designated to G0 by this term, or null for terms that only designate G1. */
    CharsetElement g0() {
        return g0;
    }

    /** The set designated to G1 by this term, or null. */
    CharsetElement g1() {
        return g1;
    }

    /** The JDK charset of a Table C.12-5 term, or null for terms built from code elements. */
    Charset variableLength() {
        return variableLength;
    }

    /** The Table C.12-3 term with the same code elements as this Table C.12-2 term, or this term. */
    CharsetTerm withCodeExtensions() {
        if (codeExtensions || variableLength != null) {
            return this;
        }
        return this == DEFAULT ? ISO_2022_IR_6 : valueOf(name().replace("ISO_IR_", "ISO_2022_IR_"));
    }
}
