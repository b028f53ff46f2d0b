// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecificCharacterSetTest {

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static String decode(SpecificCharacterSet cs, String spacedHex, VR vr) {
        byte[] b = hex(spacedHex);
        return cs.decode(b, 0, b.length, vr);
    }

    static String hexOf(byte[] b) {
        return HexFormat.ofDelimiter(" ").formatHex(b);
    }

    @Nested
    class DefinedTerms {
        @ParameterizedTest
        @ValueSource(strings = {"ISO_IR 100", "ISO_IR 101", "ISO_IR 109", "ISO_IR 110", "ISO_IR 144",
            "ISO_IR 127", "ISO_IR 126", "ISO_IR 138", "ISO_IR 148", "ISO_IR 13", "ISO_IR 166", "ISO_IR 192",
            "GB18030", "GBK", "ISO 2022 IR 6", "ISO 2022 IR 100", "ISO 2022 IR 101", "ISO 2022 IR 109",
            "ISO 2022 IR 110", "ISO 2022 IR 144", "ISO 2022 IR 127", "ISO 2022 IR 126", "ISO 2022 IR 138",
            "ISO 2022 IR 148", "ISO 2022 IR 13", "ISO 2022 IR 166", "ISO 2022 IR 87", "ISO 2022 IR 159",
            "ISO 2022 IR 149", "ISO 2022 IR 58"})
        @DisplayName("every Defined Term of PS3.3 Tables C.12-2 to C.12-5 is accepted and kept")
        void acceptsEveryDefinedTerm(String term) {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf(term);
            assertArrayEquals(new String[] {term}, cs.terms());
            assertEquals(term, cs.toString());
            assertEquals("Doe^John", decode(cs, "44 6f 65 5e 4a 6f 68 6e", VR.PN));
        }

        @Test
        void readsNoValueOrAnEmptyValueAsTheDefaultRepertoire() {
            assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.valueOf());
            assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.valueOf(""));
            assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.valueOf((String[]) null));
            assertSame(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.valueOf("ISO_IR 6"));
            assertEquals(0, SpecificCharacterSet.DEFAULT.terms().length);
        }

        @Test
        void ignoresPaddingSpaces() {
            assertEquals(SpecificCharacterSet.valueOf("ISO_IR 100"), SpecificCharacterSet.valueOf("ISO_IR 100 "));
            assertEquals(SpecificCharacterSet.valueOf("", "ISO 2022 IR 87"),
                    SpecificCharacterSet.valueOf(" ", "ISO 2022 IR 87 "));
        }

        @Test
        void keepsAnEmptyValue1OfAMultiValuedSet() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
            assertArrayEquals(new String[] {"", "ISO 2022 IR 87"}, cs.terms());
            assertEquals("\\ISO 2022 IR 87", cs.toString());
        }

        @Test
        void rejectsAnUnknownTermNamingIt() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SpecificCharacterSet.valueOf("ISO_IR 999"));
            assertTrue(e.getMessage().contains("\"ISO_IR 999\""), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> SpecificCharacterSet.valueOf("", "ISO 2022 IR 87", "ISO 2022 IR 88"));
            assertTrue(e.getMessage().contains("\"ISO 2022 IR 88\""), e.getMessage());
        }

        @Test
        void rejectsATermWithoutCodeExtensionsAmongSeveralValues() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SpecificCharacterSet.valueOf("ISO_IR 100", "ISO 2022 IR 87"));
            assertTrue(e.getMessage().contains("\"ISO_IR 100\""), e.getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> SpecificCharacterSet.valueOf("ISO_IR 192", "ISO 2022 IR 87"));
        }

        @Test
        void returnsACopyOfTheTerms() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 100");
            cs.terms()[0] = "changed";
            assertEquals("ISO_IR 100", cs.terms()[0]);
        }

        @Test
        void equalsByTerms() {
            assertEquals(SpecificCharacterSet.UTF_8, SpecificCharacterSet.valueOf("ISO_IR 192"));
            assertEquals(SpecificCharacterSet.UTF_8.hashCode(), SpecificCharacterSet.valueOf("ISO_IR 192").hashCode());
            assertNotEquals(SpecificCharacterSet.valueOf("ISO_IR 100"),
                    SpecificCharacterSet.valueOf("ISO 2022 IR 100"));
            assertNotEquals(SpecificCharacterSet.DEFAULT, SpecificCharacterSet.UTF_8);
            assertEquals("(default)", SpecificCharacterSet.DEFAULT.toString());
        }
    }

    @Nested
    class Lenient {
        private final List<String> reported = new ArrayList<>();

        @Test
        void reportsAnUnknownSingleTermAndUsesTheDefaultRepertoire() {
            SpecificCharacterSet cs = SpecificCharacterSet.lenient(reported::add, "ISO_IR 999 ");
            assertEquals(List.of("ISO_IR 999"), reported);
            assertSame(SpecificCharacterSet.DEFAULT, cs);
        }

        @Test
        void replacesAnUnknownValue1ByTheDefaultAndDropsOtherUnknownValues() {
            SpecificCharacterSet cs = SpecificCharacterSet.lenient(reported::add, "LATIN1", "ISO 2022 IR 87", "X");
            assertEquals(List.of("LATIN1", "X"), reported);
            assertArrayEquals(new String[] {"", "ISO 2022 IR 87"}, cs.terms());
        }

        @Test
        void readsASingleByteTermAmongSeveralValuesAsItsIso2022Form() {
            SpecificCharacterSet cs = SpecificCharacterSet.lenient(reported::add, "ISO_IR 100", "ISO 2022 IR 144");
            assertEquals(List.of(), reported);
            assertArrayEquals(new String[] {"ISO 2022 IR 100", "ISO 2022 IR 144"}, cs.terms());
            assertEquals("é^Л", decode(cs, "e9 5e 1b 2d 4c bb", VR.PN));
        }

        @Test
        void keepsAVariableLengthValue1AloneAndReportsTheRest() {
            SpecificCharacterSet cs = SpecificCharacterSet.lenient(reported::add, "ISO_IR 192", "ISO 2022 IR 87");
            assertEquals(List.of("ISO 2022 IR 87"), reported);
            assertEquals(SpecificCharacterSet.UTF_8, cs);
        }

        @Test
        void dropsAVariableLengthTermThatIsNotValue1() {
            SpecificCharacterSet cs = SpecificCharacterSet.lenient(reported::add, "", "GB18030");
            assertEquals(List.of("GB18030"), reported);
            assertSame(SpecificCharacterSet.DEFAULT, cs);
        }
    }

    @Nested
    @DisplayName("single-byte sets without code extensions (PS3.3 Table C.12-2)")
    class SingleByte {
        @ParameterizedTest(name = "{0}: {1}")
        @CsvSource(delimiter = '|', textBlock = """
            ISO_IR 100 | Buc^Jérôme   | 42 75 63 5e 4a e9 72 f4 6d 65
            ISO_IR 101 | Wałęsa^Lech  | 57 61 b3 ea 73 61 5e 4c 65 63 68
            ISO_IR 109 | Ħaġar^Ġużè   | a1 61 f5 61 72 5e d5 75 bf e8
            ISO_IR 110 | Ķēniņš^Jānis | d3 ba 6e 69 f1 b9 5e 4a e0 6e 69 73
            ISO_IR 144 | Иванов^Иван  | b8 d2 d0 dd de d2 5e b8 d2 d0 dd
            ISO_IR 127 | قباني^لنزار  | e2 c8 c7 e6 ea 5e e4 e6 d2 c7 d1
            ISO_IR 126 | Διονυσιος    | c4 e9 ef ed f5 f3 e9 ef f2
            ISO_IR 138 | שרון^דבורה   | f9 f8 e5 ef 5e e3 e1 e5 f8 e4
            ISO_IR 148 | Çağrı^Şükrü  | c7 61 f0 72 fd 5e de fc 6b 72 fc
            ISO_IR 13  | ﾔﾏﾀﾞ^ﾀﾛｳ     | d4 cf c0 de 5e c0 db b3
            ISO_IR 166 | สมชาย^ใจดี   | ca c1 aa d2 c2 5e e3 a8 b4 d5
            ISO 2022 IR 100 | Buc^Jérôme | 42 75 63 5e 4a e9 72 f4 6d 65
            """)
        void decodesAndEncodesASample(String term, String text, String bytes) {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf(term);
            assertEquals(text, decode(cs, bytes, VR.PN));
            assertEquals(bytes, hexOf(cs.encode(text, VR.PN)));
        }

        @Test
        @DisplayName("ISO-IR 14: YEN SIGN at 05/12, OVERLINE at 07/14; 05/12 still separates values (PS3.5 H.1.1)")
        void readsJisX0201RomajiWithYenSignAndOverline() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 13");
            assertEquals("a\\b‾", decode(cs, "61 5c 62 7e", VR.LO));
            assertEquals("x¥y‾", decode(cs, "78 5c 79 7e", VR.LT));
            assertEquals("78 5c 79", hexOf(cs.encode("x¥y", VR.LT)));
            assertEquals("61 5c 62", hexOf(cs.encode("a\\b", VR.LO)));
            assertThrows(IllegalArgumentException.class, () -> cs.encode("x\\y", VR.LT));
            assertFalse(cs.isAsciiCompatible());
        }

        @Test
        void passesAnEscapeThroughWhereCodeExtensionsAreNotInUse() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 100");
            assertEquals("A\u001b$)CÈ«", decode(cs, "41 1b 24 29 43 c8 ab", VR.PN));
        }
    }

    @Nested
    @DisplayName("the default repertoire")
    class DefaultRepertoire {
        @Test
        void replacesEachUndeclaredByteAbove7FWithReplacementCharacter() {
            assertEquals("Buc^J\uFFFDr\uFFFDme",
                    decode(SpecificCharacterSet.DEFAULT, "42 75 63 5e 4a e9 72 f4 6d 65", VR.PN));
        }

        @Test
        void rejectsEncodingACharacterOutsideAscii() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SpecificCharacterSet.DEFAULT.encode("Jérôme", VR.PN));
            assertInstanceOf(UnmappableCharacterException.class, e.getCause());
            assertTrue(e.getMessage().contains("U+00E9 at index 1"), e.getMessage());
        }

        @Test
        void readsVrsOfKindStringInTheDefaultRepertoireWhateverTheSet() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO_IR 13");
            assertEquals("A\\B", decode(cs, "41 5c 42", VR.CS));
            assertEquals("\uFFFD", decode(SpecificCharacterSet.UTF_8, "c3", VR.CS));
            assertThrows(IllegalArgumentException.class, () -> SpecificCharacterSet.UTF_8.encode("é", VR.AE));
            assertEquals("41 5c 42", hexOf(cs.encode("A\\B", VR.CS)));
        }

        @Test
        void rejectsBinaryVrs() {
            assertThrows(IllegalArgumentException.class,
                    () -> SpecificCharacterSet.DEFAULT.decode(new byte[2], 0, 2, VR.US));
            assertThrows(IllegalArgumentException.class, () -> SpecificCharacterSet.DEFAULT.encode("", VR.SQ));
        }

        @Test
        void decodesOnlyTheGivenRange() {
            byte[] b = hex("58 41 42 58");
            assertEquals("AB", SpecificCharacterSet.DEFAULT.decode(b, 1, 2, VR.LO));
            assertThrows(IndexOutOfBoundsException.class, () -> SpecificCharacterSet.DEFAULT.decode(b, 3, 2, VR.LO));
        }
    }

    @Nested
    @DisplayName("Japanese (PS3.5 Annex H)")
    class Japanese {
        static final String H_3_1 = "59 61 6d 61 64 61 5e 54 61 72 6f 75 3d 1b 24 42 3b 33 45 44 1b 28 42 5e "
                + "1b 24 42 42 40 4f 3a 1b 28 42 3d 1b 24 42 24 64 24 5e 24 40 1b 28 42 5e 1b 24 42 24 3f 24 6d "
                + "24 26 1b 28 42";
        static final String H_3_2 = "d4 cf c0 de 5e c0 db b3 3d 1b 24 42 3b 33 45 44 1b 28 4a 5e 1b 24 42 42 40 "
                + "4f 3a 1b 28 4a 3d 1b 24 42 24 64 24 5e 24 40 1b 28 4a 5e 1b 24 42 24 3f 24 6d 24 26 1b 28 4a";

        @Test
        @DisplayName("Example H.3-1: \\ISO 2022 IR 87, with 2/4 5/14 (ま) inside a kanji pair, not a delimiter")
        void decodesAndEncodesExampleH31() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
            assertEquals("Yamada^Tarou=山田^太郎=やまだ^たろう", decode(cs, H_3_1, VR.PN));
            assertEquals(H_3_1, hexOf(cs.encode("Yamada^Tarou=山田^太郎=やまだ^たろう", VR.PN)));
            assertTrue(cs.isAsciiCompatible());
        }

        @Test
        @DisplayName("Example H.3-2: ISO 2022 IR 13\\ISO 2022 IR 87, returning to ISO-IR 14 with ESC ( J")
        void decodesAndEncodesExampleH32() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 13", "ISO 2022 IR 87");
            assertEquals("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", decode(cs, H_3_2, VR.PN));
            assertEquals(H_3_2, hexOf(cs.encode("ﾔﾏﾀﾞ^ﾀﾛｳ=山田^太郎=やまだ^たろう", VR.PN)));
        }

        @Test
        @DisplayName("ISO 2022 IR 159: JIS X 0212 in G0 by ESC $ ( D, beside JIS X 0208")
        void switchesBetweenJisX0212AndJisX0208() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87", "ISO 2022 IR 159");
            String bytes = "58 79 7a 5e 1b 24 28 44 30 21 1b 24 42 3b 33 1b 28 42";
            assertEquals("Xyz^丂山", decode(cs, bytes, VR.PN));
            assertEquals(bytes, hexOf(cs.encode("Xyz^丂山", VR.PN)));
        }

        @Test
        void readsSpaceInsideAKanjiRunAsSpace() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
            assertEquals("山 田", decode(cs, "1b 24 42 3b 33 20 45 44 1b 28 42", VR.LO));
        }

        @Test
        void replacesATruncatedDoubleByteCharacter() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
            assertEquals("山\uFFFD", decode(cs, "1b 24 42 3b 33 45", VR.LO));
        }
    }

    @Nested
    @DisplayName("Korean (PS3.5 Annex I)")
    class Korean {
        static final String I_2 = "48 6f 6e 67 5e 47 69 6c 64 6f 6e 67 3d 1b 24 29 43 fb f3 5e 1b 24 29 43 d1 ce "
                + "d4 d7 3d 1b 24 29 43 c8 ab 5e 1b 24 29 43 b1 e6 b5 bf";

        @Test
        @DisplayName("Example I.2-1: \\ISO 2022 IR 149, KS X 1001 designated again in every component")
        void decodesAndEncodesExampleI21() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 149");
            assertEquals("Hong^Gildong=洪^吉洞=홍^길동", decode(cs, I_2, VR.PN));
            assertEquals(I_2, hexOf(cs.encode("Hong^Gildong=洪^吉洞=홍^길동", VR.PN)));
        }

        @Test
        @DisplayName("Example I.3-1: LT with the escape sequence at the head of each line")
        void decodesExampleI31() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 149");
            String text = "The first line includes 한글.\r\nThe second line includes 한글, too.\r\nThe third line";
            byte[] b = concat("1b 24 29 43", ascii("The first line includes "), "c7 d1 b1 db", ascii(".\r\n"),
                    "1b 24 29 43", ascii("The second line includes "), "c7 d1 b1 db",
                    ascii(", too.\r\nThe third line"));
            assertEquals(text, cs.decode(b, 0, b.length, VR.LT));
            byte[] encoded = cs.encode(text, VR.LT);
            assertEquals(text, cs.decode(encoded, 0, encoded.length, VR.LT));
        }

        @Test
        @DisplayName("Hangul without its escape sequence is read in the only G1 set declared")
        void readsHangulWhoseEscapeSequenceIsMissing() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 149");
            assertEquals("Hong=홍^길동", decode(cs, "48 6f 6e 67 3d c8 ab 5e b1 e6 b5 bf", VR.PN));
        }

        @Test
        void replacesHighBytesWhenNoG1SetIsDeclared() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 6");
            assertEquals("\uFFFD\uFFFD", decode(cs, "c8 ab", VR.PN));
        }
    }

    @Nested
    @DisplayName("Chinese (PS3.5 Annex J and K)")
    class Chinese {
        @Test
        @DisplayName("Example J.1-1: ISO_IR 192 (UTF-8)")
        void decodesAndEncodesExampleJ11() {
            String bytes = "57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d e7 8e 8b 5e e5 b0 8f e6 9d b1 3d";
            assertEquals("Wang^XiaoDong=王^小東=", decode(SpecificCharacterSet.UTF_8, bytes, VR.PN));
            assertEquals(bytes, hexOf(SpecificCharacterSet.UTF_8.encode("Wang^XiaoDong=王^小東=", VR.PN)));
        }

        @ParameterizedTest
        @ValueSource(strings = {"GB18030", "GBK"})
        @DisplayName("Example J.3-1: GB18030 (and GBK, which codes these characters alike)")
        void decodesAndEncodesExampleJ31(String term) {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf(term);
            String bytes = "57 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d cd f5 5e d0 a1 b6 ab 3d";
            assertEquals("Wang^XiaoDong=王^小东=", decode(cs, bytes, VR.PN));
            assertEquals(bytes, hexOf(cs.encode("Wang^XiaoDong=王^小东=", VR.PN)));
        }

        @Test
        void encodesACharacterOutsideTheBmpInGb18030ButNotInGbk() {
            assertEquals("95 32 82 36", hexOf(SpecificCharacterSet.valueOf("GB18030").encode("𠀀", VR.LO)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SpecificCharacterSet.valueOf("GBK").encode("a𠀀", VR.LO));
            assertInstanceOf(CharacterCodingException.class, e.getCause());
            assertTrue(e.getMessage().contains("U+20000 at index 1"), e.getMessage());
        }

        @Test
        void replacesMalformedUtf8() {
            assertEquals("A\uFFFD\uFFFDB", decode(SpecificCharacterSet.UTF_8, "41 ff c3 42", VR.LO));
        }

        @Test
        @DisplayName("Example K.2-1: \\ISO 2022 IR 58, padded with a space")
        void decodesAndEncodesExampleK21() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 58");
            String bytes = "5a 68 61 6e 67 5e 58 69 61 6f 44 6f 6e 67 3d 1b 24 29 41 d5 c5 5e 1b 24 29 41 d0 a1 b6 ab"
                    + " 3d";
            assertEquals("Zhang^XiaoDong=张^小东= ", decode(cs, bytes + " 20", VR.PN));
            assertEquals(bytes, hexOf(cs.encode("Zhang^XiaoDong=张^小东=", VR.PN)));
        }

        @Test
        @DisplayName("Example K.3-1: LT, each line returning to ASCII before CR LF")
        void decodesExampleK31() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 58");
            String line = "1b 24 29 41 b5 da %s d0 d0 ce c4 d7 d6 a1 a3 1b 28 42 0d 0a";
            String bytes = "31 2e " + line.formatted("d2 bb") + " 32 2e " + line.formatted("b6 fe") + " 33 2e "
                    + line.formatted("c8 fd") + " 20";
            assertEquals("1.第一行文字。\r\n2.第二行文字。\r\n3.第三行文字。\r\n ",
                    decode(cs, bytes, VR.LT));
        }
    }

    @Nested
    @DisplayName("return to the initial designation (PS3.5 §6.1.2.5.3)")
    class Resets {
        // Value 1 designates ISO-IR 100 to G1, so a reset is visible: 0xBB is "»" there and "Л" in ISO-IR 144.
        private final SpecificCharacterSet latinCyrillic =
                SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 144");

        @Test
        void resetsG1AtCaretEqualsAndBackslashInPn() {
            assertEquals("Л^»", decode(latinCyrillic, "1b 2d 4c bb 5e bb", VR.PN));
            assertEquals("Л=»", decode(latinCyrillic, "1b 2d 4c bb 3d bb", VR.PN));
            assertEquals("Л\\»", decode(latinCyrillic, "1b 2d 4c bb 5c bb", VR.PN));
        }

        @Test
        void resetsAtBackslashButNotAtCaretInLo() {
            assertEquals("Л^Л\\»", decode(latinCyrillic, "1b 2d 4c bb 5e bb 5c bb", VR.LO));
        }

        @Test
        void resetsAtControlCharactersButNotAtBackslashInLt() {
            assertEquals("Л\\Л\r\n»\tЛ\f»",
                    decode(latinCyrillic, "1b 2d 4c bb 5c bb 0d 0a bb 09 1b 2d 4c bb 0c bb", VR.LT));
        }

        @Test
        void resetsG0ToIsoIr14ForValue1IsoIr13() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 13", "ISO 2022 IR 87");
            assertEquals("~^‾", decode(cs, "1b 28 42 7e 5e 7e", VR.PN));
            assertEquals("\\\r\n¥", decode(cs, "1b 28 42 5c 0d 0a 5c", VR.LT));
        }

        @Test
        void doesNotResetAtEscape() {
            assertEquals("Л\u001bxЛ", decode(latinCyrillic, "1b 2d 4c bb 1b 78 bb", VR.LO));
        }

        @Test
        void returnsToValue1SetsBeforeEachDelimiterAndAtTheEndWhenEncoding() {
            assertEquals("4a e9 5e 1b 2d 4c bb 1b 2d 41 5e e9 5c 1b 2d 4c bb 1b 2d 41",
                    hexOf(latinCyrillic.encode("Jé^Л^é\\Л", VR.PN)));
            assertEquals("1b 2d 4c bb 5e bb 1b 2d 41", hexOf(latinCyrillic.encode("Л^Л", VR.LO)));
        }
    }

    @Nested
    @DisplayName("single-byte sets with code extensions (PS3.3 Table C.12-3)")
    class SingleByteIso2022 {
        @ParameterizedTest(name = "{0} designates G1 with {1}")
        @CsvSource(delimiter = '|', textBlock = """
            ISO 2022 IR 100 | 1b 2d 41 | é
            ISO 2022 IR 101 | 1b 2d 42 | ł
            ISO 2022 IR 109 | 1b 2d 43 | Ħ
            ISO 2022 IR 110 | 1b 2d 44 | Ķ
            ISO 2022 IR 144 | 1b 2d 4c | Л
            ISO 2022 IR 127 | 1b 2d 47 | ق
            ISO 2022 IR 126 | 1b 2d 46 | Δ
            ISO 2022 IR 138 | 1b 2d 48 | ש
            ISO 2022 IR 148 | 1b 2d 4d | Ş
            ISO 2022 IR 13  | 1b 29 49 | ﾔ
            ISO 2022 IR 166 | 1b 2d 54 | ส
            """)
        void designatesG1WithItsEscapeSequence(String term, String escape, String sample) {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", term);
            byte[] encoded = cs.encode("A^" + sample + "=" + sample, VR.PN);
            String h = hexOf(encoded);
            assertTrue(h.startsWith("41 5e " + escape + " "), h);
            assertEquals(2, h.split(escape, -1).length - 1, h);
            assertEquals("A^" + sample + "=" + sample, cs.decode(encoded, 0, encoded.length, VR.PN));
        }
    }

    @Nested
    class Encoding {
        @Test
        void rejectsACharacterNoDeclaredSetHas() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> cs.encode("山€", VR.LO));
            assertInstanceOf(UnmappableCharacterException.class, e.getCause());
            assertTrue(e.getMessage().contains("U+20AC at index 1"), e.getMessage());
            assertTrue(e.getMessage().contains("\\ISO 2022 IR 87"), e.getMessage());
        }

        @Test
        void rejectsALiteralEscapeWhereCodeExtensionsAreInUse() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("", "ISO 2022 IR 87");
            assertThrows(IllegalArgumentException.class, () -> cs.encode("a\u001b$B", VR.LO));
        }

        @Test
        void prefersTheSetsOfValue1() {
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf("ISO 2022 IR 100", "ISO 2022 IR 148");
            // "é" is in both ISO-IR 100 and ISO-IR 148: no escape sequence is needed.
            assertEquals("e9 1b 2d 4d de 1b 2d 41", hexOf(cs.encode("éŞ", VR.LO)));
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', textBlock = """
            \\ISO 2022 IR 87\\ISO 2022 IR 159 | PN | Yamada^Tarou=山田^太郎=やまだ^たろう丂
            ISO 2022 IR 13\\ISO 2022 IR 87    | LO | ｶﾀｶﾅ 漢字 abc\\ﾃｽﾄ
            \\ISO 2022 IR 149                  | LT | 첫째 줄 Hangul\\r\\n둘째 줄\\끝
            \\ISO 2022 IR 58                   | SH | 张三\\李四
            ISO 2022 IR 6\\ISO 2022 IR 58      | UC | 中文 text
            ISO 2022 IR 100\\ISO 2022 IR 126\\ISO 2022 IR 144 | UT | Ελλάδα, Россия, café
            ISO_IR 192                         | UT | 😀 Ελλάδα\\x
            GB18030                            | ST | 𠀀 中文 ∑
            """)
        void roundTripsText(String terms, VR vr, String text) {
            String value = text.replace("\\r\\n", "\r\n");
            SpecificCharacterSet cs = SpecificCharacterSet.valueOf(terms.split("\\\\", -1));
            byte[] encoded = cs.encode(value, vr);
            assertEquals(value, cs.decode(encoded, 0, encoded.length, vr));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(Object... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof String s ? hex(s) : (byte[]) p);
        }
        return out.toByteArray();
    }
}
