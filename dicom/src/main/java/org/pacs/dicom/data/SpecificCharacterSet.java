// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The character repertoires named by Specific Character Set (0008,0005) and the encoding of text values
 * in them (PS3.5 §6.1, PS3.3 §C.12.1.1.2): single-byte sets, ISO 2022 code extensions (Japanese, Korean,
 * Chinese) and the variable-length UTF-8, GB18030 and GBK. Immutable and thread-safe.
 *
 * <pre>{@code
 * SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");   // \ISO 2022 IR 87
 * String name = cs.decode(bytes, 0, bytes.length, VR.PN);   // "Yamada^Tarou=山田^太郎=やまだ^たろう"
 * byte[] again = cs.encode(name, VR.PN);                     // the bytes of PS3.5 Example H.3-1
 * }</pre>
 *
 * <p>Decoding never fails: a byte that means nothing in the designated sets becomes U+FFFD. Values
 * are decoded as stored, padding included. Two tolerances apply to ISO 2022 sets: escape sequences of
 * any set in PS3.3 Tables C.12-3/4 are honoured even if (0008,0005) did not declare it, and a byte with
 * the high bit set while G1 is undesignated is read in the first G1 set declared (Korean equipment often
 * omits the escape sequence that PS3.5 Annex I requires). Values of VRs not affected by (0008,0005)
 * (AE, CS, DA, UI, ...) are always read and written in the default repertoire.
 */
public final class SpecificCharacterSet {
    /**
     * No (0008,0005): the default repertoire ISO-IR 6 (ASCII), without code extensions. A byte above
     * 0x7F was never declared, so it decodes as U+FFFD rather than as a guess (DCMTK's dcm2json refuses
     * such a data set outright); encoding such a character fails.
     */
    public static final SpecificCharacterSet DEFAULT = new SpecificCharacterSet(new String[0],
            new CharsetIso2022(CharsetElement.ISO_IR_6, null, false, List.of(CharsetElement.ISO_IR_6)), null);
    /** ISO_IR 192: Unicode in UTF-8. */
    public static final SpecificCharacterSet UTF_8 = valueOf("ISO_IR 192");

    private final String[] terms;
    private final CharsetIso2022 elements;
    private final Charset variableLength;

    private SpecificCharacterSet(String[] terms, CharsetIso2022 elements, Charset variableLength) {
        this.terms = terms;
        this.elements = elements;
        this.variableLength = variableLength;
    }

    /**
     * The set named by the values of (0008,0005), in order; none, or an empty value 1 alone, is
     * {@link #DEFAULT}. Padding spaces are ignored, and so is an empty value after value 1. "ISO_IR 6",
     * not a Defined Term but common in the field, is read as the default repertoire.
     *
     * @throws IllegalArgumentException naming a term that is not a Defined Term, or a term of PS3.3
     *     Table C.12-2 or C.12-5 combined with other values (only ISO 2022 terms may be)
     */
    public static SpecificCharacterSet valueOf(String... terms) {
        return of(terms, null);
    }

    /**
     * Like {@link #valueOf}, but a term that cannot be used is reported to {@code unknownTerm} and the
     * default repertoire is used in its place: an unknown value 1 becomes an empty value 1, any other
     * unusable value is dropped. A Table C.12-2 term among several values is read as its ISO 2022 form
     * ("ISO_IR 100" as "ISO 2022 IR 100") without being reported.
     */
    public static SpecificCharacterSet lenient(Consumer<String> unknownTerm, String... terms) {
        return of(terms, Objects.requireNonNull(unknownTerm, "unknownTerm"));
    }

    private static SpecificCharacterSet of(String[] values, Consumer<String> lenient) {
        List<CharsetTerm> resolved = new ArrayList<>();
        int count = values == null ? 0 : values.length;
        for (int i = 0; i < count; i++) {
            CharsetTerm t = CharsetTerm.of(values[i]);
            if (t == null) {
                if (lenient == null) {
                    throw new IllegalArgumentException("Unknown Specific Character Set (0008,0005) term \""
                            + values[i].strip() + "\" (PS3.3 C.12.1.1.2)");
                }
                lenient.accept(values[i].strip());
                t = CharsetTerm.DEFAULT;
            }
            if (t != CharsetTerm.DEFAULT || resolved.isEmpty()) {
                resolved.add(t); // an empty value other than value 1 says nothing
            }
        }
        if (resolved.isEmpty() || resolved.size() == 1 && resolved.get(0) == CharsetTerm.DEFAULT) {
            return DEFAULT;
        }
        if (resolved.size() > 1) {
            resolved = withCodeExtensions(resolved, lenient);
            if (resolved.size() == 1) {
                return of(new String[] {resolved.get(0).term()}, lenient);
            }
        }
        CharsetTerm first = resolved.get(0);
        if (first.variableLength() != null) {
            return new SpecificCharacterSet(new String[] {first.term()}, null, first.variableLength());
        }
        return new SpecificCharacterSet(resolved.stream().map(CharsetTerm::term).toArray(String[]::new),
                codeElements(resolved), null);
    }

    // PS3.5 §6.1.2.5.4 c: several values mean ISO 2022 code extensions, for every value.
    private static List<CharsetTerm> withCodeExtensions(List<CharsetTerm> terms, Consumer<String> lenient) {
        List<CharsetTerm> out = new ArrayList<>(terms.size());
        for (int i = 0; i < terms.size(); i++) {
            CharsetTerm t = terms.get(i);
            if (t == CharsetTerm.DEFAULT || t.codeExtensions()) {
                out.add(t);
            } else if (lenient == null) {
                throw new IllegalArgumentException("Specific Character Set (0008,0005) term \"" + t.term()
                        + "\" has no code extensions and cannot be combined with other values"
                        + " (PS3.3 C.12.1.1.2)");
            } else if (t.variableLength() == null) {
                out.add(t.withCodeExtensions());
            } else if (i == 0) {
                // A variable-length code cannot switch: value 1 wins, the others cannot be used.
                terms.subList(1, terms.size()).forEach(o -> lenient.accept(o.term()));
                return List.of(t);
            } else {
                lenient.accept(t.term());
            }
        }
        return out;
    }

    // PS3.5 §6.1.2.5.4: value 1 (if single-byte) is the initial designation of G0 and G1; otherwise
    // ISO-IR 6 is G0 and G1 is undesignated.
    private static CharsetIso2022 codeElements(List<CharsetTerm> terms) {
        CharsetTerm first = terms.get(0);
        boolean singleByteFirst = first.g0() != null && first.g0().bytesPerChar() == 1;
        CharsetElement g0 = singleByteFirst ? first.g0() : CharsetElement.ISO_IR_6;
        CharsetElement g1 = singleByteFirst ? first.g1() : null;
        List<CharsetElement> declared = new ArrayList<>();
        declared.add(g0);
        if (g1 != null) {
            declared.add(g1);
        }
        for (CharsetTerm t : terms) {
            if (t.g0() != null) {
                declared.add(t.g0());
            }
            if (t.g1() != null) {
                declared.add(t.g1());
            }
        }
        return new CharsetIso2022(g0, g1, terms.size() > 1 || first.codeExtensions(), declared);
    }

    /** The Defined Terms, value 1 first (empty if value 1 is the default repertoire); none for DEFAULT. */
    public String[] terms() {
        return terms.clone();
    }

    /**
     * True if a value whose bytes are all below 0x80 decodes byte for byte as ASCII (ISO-IR 6), so that
     * such values may take a fast path. False only where value 1 is ISO_IR 13 / ISO 2022 IR 13, whose
     * G0 is JIS X 0201 Romaji (YEN SIGN at 05/12). Split decoded strings, never bytes: a trail byte of
     * GBK or GB18030 may be 0x5C.
     */
    public boolean isAsciiCompatible() {
        return variableLength != null || elements.asciiInitially();
    }

    /**
     * Decodes one element's value bytes (all values, backslash-separated, as stored). For PN the code
     * elements return to their initial designation at "^", "=" and "\"; for SH, LO and UC at "\"; for
     * every VR at control characters (PS3.5 §6.1.2.5.3). VRs of {@link VR.Kind#STRING} are read in the
     * default repertoire whatever this set is.
     *
     * @throws IllegalArgumentException for binary and sequence VRs
     */
    public String decode(byte[] bytes, int offset, int length, VR vr) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (checkText(vr) != VR.Kind.TEXT) {
            return DEFAULT.elements.decode(bytes, offset, length, vr);
        }
        if (variableLength != null) {
            return new String(bytes, offset, length, variableLength);
        }
        return elements.decode(bytes, offset, length, vr);
    }

    /**
     * Encodes a string (all values joined by "\") for {@code vr}. ISO 2022 sets switch to the first
     * declared set that has each character, and return to value 1's sets before every delimiter and at
     * the end (PS3.5 §6.1.2.5.3); no padding is added.
     *
     * @throws IllegalArgumentException for binary and sequence VRs, or with a
     *     {@link java.nio.charset.UnmappableCharacterException} as cause if a character is not
     *     representable in this set
     */
    public byte[] encode(String value, VR vr) {
        Objects.requireNonNull(value, "value");
        if (checkText(vr) != VR.Kind.TEXT) {
            return DEFAULT.elements.encode(value, vr, DEFAULT);
        }
        if (variableLength != null) {
            return encodeVariableLength(value);
        }
        return elements.encode(value, vr, this);
    }

    private static VR.Kind checkText(VR vr) {
        if (!vr.isString()) {
            throw new IllegalArgumentException(vr + " values are not character strings");
        }
        return vr.kind();
    }

    private byte[] encodeVariableLength(String value) {
        CharsetEncoder encoder = variableLength.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer in = CharBuffer.wrap(value);
        ByteBuffer out = ByteBuffer.allocate((int) Math.ceil(value.length() * encoder.maxBytesPerChar()) + 4);
        CoderResult result = encoder.encode(in, out, true);
        if (!result.isError()) {
            result = encoder.flush(out);
        }
        if (result.isError()) {
            int index = in.position();
            try {
                result.throwException();
            } catch (CharacterCodingException e) {
                throw new IllegalArgumentException(String.format(
                        "U+%04X at index %d cannot be encoded in Specific Character Set %s",
                        value.codePointAt(index), index, this), e);
            }
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SpecificCharacterSet other && Arrays.equals(terms, other.terms);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(terms);
    }

    /** The values as (0008,0005) holds them, e.g. "\ISO 2022 IR 87"; "(default)" for {@link #DEFAULT}. */
    @Override
    public String toString() {
        return terms.length == 0 ? "(default)" : String.join("\\", terms);
    }
}
