// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.dicom.io.DicomException;
import org.pacs.dicom.json.JsonValue.JsonArray;
import org.pacs.dicom.json.JsonValue.JsonNumber;
import org.pacs.dicom.json.JsonValue.JsonObject;
import org.pacs.dicom.json.JsonValue.JsonString;

class JsonParserTest {

    @Nested
    class Accepts {
        @Test
        void parsesNestedDocumentWithOffsets() throws Exception {
            JsonValue v = JsonParser.parse("{\"a\": [1, -2.5e3, \"x\", true, false, null], \"b\": {}}");
            JsonObject o = assertInstanceOf(JsonObject.class, v);
            JsonArray a = assertInstanceOf(JsonArray.class, o.get("a"));
            assertEquals(6, a.size());
            assertEquals("-2.5e3", ((JsonNumber) a.get(1)).text());
            assertEquals(6, a.offset());
            assertEquals(10, a.get(1).offset());
        }

        @Test
        void decodesEscapesAndSurrogatePairs() throws Exception {
            JsonValue v = JsonParser.parse("\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\"");
            assertEquals("a\"b\\c/d\né\uD83D\uDE00", ((JsonString) v).value());
        }

        @Test
        void keepsNumberTextExactly() throws Exception {
            JsonNumber n = (JsonNumber) JsonParser.parse("0.1000000000000000055511151231257827");
            assertEquals("0.1000000000000000055511151231257827", n.text());
        }

        @Test
        void skipsByteOrderMark() throws Exception {
            assertEquals(new JsonValue.JsonBoolean(true, 0), JsonParser.parse("\uFEFF true"));
        }

        @Test
        void acceptsDocumentOfExactlyTheCharacterLimit() throws Exception {
            String doc = "[" + "1,".repeat(5000) + "1]";
            JsonValue v = JsonParser.parse(new StringReader(doc), JsonLimits.defaults().withMaxChars(doc.length()));
            assertEquals(5001, ((JsonArray) v).size());
        }
    }

    @Nested
    class RejectsWithOffset {
        @ParameterizedTest(name = "{0} → offset {1}")
        @CsvSource(delimiter = '|', value = {
            "'{\"a\": \"abc'            | 6  | unterminated string",
            "'[1, 2,]'                  | 6  | unexpected character ']'",
            "'{\"a\":1,}'               | 7  | expected a string key",
            "'[01]'                     | 1  | leading zero",
            "'[1.]'                     | 1  | digit after the decimal point",
            "'[1e]'                     | 1  | digit in the exponent",
            "'[+1]'                     | 1  | unexpected character '+'",
            "'{\"a\":1 \"b\":2}'        | 7  | expected ',' or '}'",
            "'[1] 2'                    | 4  | unexpected content after",
            "'{\"a\":1,\"a\":2}'        | 7  | duplicate key",
            "'\"\\x\"'                  | 1  | bad escape",
            "'\"\\u12G4\"'              | 1  | bad \\u escape",
            "'[tru]'                    | 1  | expected true",
            "''                         | 0  | unexpected end of input",
            "'[1, 2'                    | 5  | unterminated array",
            "'{\"a\" 1}'                | 5  | expected ':'",
        })
        void malformedInput(String json, long offset, String reason) {
            DicomException e = assertThrows(DicomException.class, () -> JsonParser.parse(json));
            assertEquals(offset, e.offset(), e.getMessage());
            assertTrue(e.reason().contains(reason), e.getMessage());
        }

        @Test
        void unescapedControlCharacterInString() {
            DicomException e = assertThrows(DicomException.class, () -> JsonParser.parse("[\"a\tb\"]"));
            assertEquals(3, e.offset());
        }

        @Test
        void depthBombBeforeExhaustingTheStack() {
            String bomb = "[".repeat(1_000_000);
            DicomException e = assertThrows(DicomException.class,
                    () -> JsonParser.parse(new StringReader(bomb), JsonLimits.defaults()));
            assertEquals(JsonLimits.DEFAULT_MAX_DEPTH, e.offset());
            assertTrue(e.reason().contains("nesting deeper than"));
        }

        @Test
        void hugeNumberLiteral() {
            String huge = "[" + "9".repeat(1_000_000) + "]";
            DicomException e = assertThrows(DicomException.class, () -> JsonParser.parse(huge));
            assertEquals(1, e.offset());
            assertTrue(e.reason().contains("number longer than"));
        }

        @Test
        void stringLongerThanItsLimit() {
            Reader in = new StringReader("[\"" + "a".repeat(100) + "\"]");
            DicomException e = assertThrows(DicomException.class,
                    () -> JsonParser.parse(in, JsonLimits.defaults().withMaxStringChars(99)));
            assertEquals(1, e.offset());
        }

        @Test
        void documentLongerThanItsLimit() {
            String doc = "[" + "1,".repeat(10_000) + "1]";
            DicomException e = assertThrows(DicomException.class,
                    () -> JsonParser.parse(new StringReader(doc), JsonLimits.defaults().withMaxChars(doc.length() - 1)));
            assertTrue(e.reason().contains("document longer than"));
        }

        @Test
        void manySmallValuesWithinTheCharacterLimit() {
            String many = "[" + "1,".repeat(1000) + "1]";
            DicomException e = assertThrows(DicomException.class,
                    () -> JsonParser.parse(new StringReader(many), JsonLimits.defaults().withMaxValues(1000)));
            assertTrue(e.reason().contains("more than 1000 values"), e.getMessage());
            assertEquals(1 + 2 * 999, e.offset());
        }

        @Test
        void malformedUtf8() {
            byte[] bad = {'[', '"', (byte) 0xC3, '"', ']'};
            DicomException e = assertThrows(DicomException.class,
                    () -> JsonParser.parse(new ByteArrayInputStream(bad), JsonLimits.defaults()));
            assertTrue(e.reason().contains("malformed UTF-8"));
        }
    }

    @Test
    void equalityIgnoresOffsets() throws Exception {
        assertEquals(JsonParser.parse("{\"a\":[1,\"x\"]}"), JsonParser.parse("  { \"a\" : [ 1 , \"x\" ] }"));
    }
}
