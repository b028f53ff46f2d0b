// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.pacs.dicom.io.DicomException;

class JsonSemanticDiffTest {
    private static List<String> diff(JsonSemanticDiff d, String a, String b) throws DicomException {
        return d.compare(JsonParser.parse(a), JsonParser.parse(b)).stream().map(Object::toString).toList();
    }

    private static List<String> diff(String a, String b) throws DicomException {
        return diff(JsonSemanticDiff.create(), a, b);
    }

    private static String attr(String tag, String vr, String value) {
        return "{\"" + tag + "\":{\"vr\":\"" + vr + "\"" + (value == null ? "" : ",\"Value\":[" + value + "]") + "}}";
    }

    @ParameterizedTest(name = "{1}: [{2}] equals [{3}]")
    @CsvSource(delimiter = '|', value = {
        "00720076 | FL | 0.1                   | 0.100000001",
        "00720074 | FD | 1E300                 | 1.0000000000000007e300",
        "00720074 | FD | -0                    | 0",
        "00281050 | DS | 4.0                   | \"+4.0\"",
        "00281050 | DS | 0.5                   | \".5\"",
        "00200013 | IS | 7                     | \"007\"",
        "00720083 | UV | \"18446744073709551615\" | 18446744073709551615",
        "00100020 | LO | \"A\",null             | \"A\",\"\"",
        "00100010 | PN | {\"Alphabetic\":\"A\"}  | {\"Alphabetic\":\"A\",\"Ideographic\":\"\"}",
        "00720076 | FL | \"NaN\"                | \"NaN\"",
    })
    void equalValuesWrittenDifferently(String tag, String vr, String a, String b) throws DicomException {
        assertEquals(List.of(), diff(attr(tag, vr, a), attr(tag, vr, b)));
    }

    @ParameterizedTest(name = "{1}: [{2}] differs from [{3}]")
    @CsvSource(delimiter = '|', value = {
        "00720076 | FL | 0.1                  | 0.1001",
        "00720074 | FD | 0.1                  | 0.10000000001",
        "00281050 | DS | 1.5                  | 1.5000001",
        "00200013 | IS | 7                    | 8",
        "00100020 | LO | \"A\"                | \"a\"",
        "00100020 | LO | \"A\"                | \"A\",\"B\"",
        "00100010 | PN | {\"Alphabetic\":\"A\"} | {\"Phonetic\":\"A\"}",
        "00080060 | CS | \"OT\"               | null",
    })
    void differentValues(String tag, String vr, String a, String b) throws DicomException {
        assertEquals(1, diff(attr(tag, vr, a), attr(tag, vr, b)).size());
    }

    @Test
    void reportsMissingAttributesVrAndNestedPaths() throws DicomException {
        String a = "{\"00080060\":{\"vr\":\"CS\"},\"00081110\":{\"vr\":\"SQ\",\"Value\":[{\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.2\"]}}]}}";
        String b = "{\"00080061\":{\"vr\":\"CS\"},\"00081110\":{\"vr\":\"SQ\",\"Value\":[{\"00081150\":{\"vr\":\"UI\",\"Value\":[\"1.3\"]}}]}}";
        assertEquals(List.of("00080060: attribute only in the first document",
                "00080061: attribute only in the second document",
                "00081110/0/00081150/0: UI value differs"), diff(a, b));
        assertEquals(List.of("00080060: vr CS vs LO"), diff(attr("00080060", "CS", null), attr("00080060", "LO", null)));
    }

    @Test
    void inlineBinaryComparedByBytesAndBulkDataFormAllowedToDiffer() throws DicomException {
        String inline = "{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQID\"}}";
        String other = "{\"7FE00010\":{\"vr\":\"OB\",\"InlineBinary\":\"AQIE\"}}";
        String uri = "{\"7FE00010\":{\"vr\":\"OB\",\"BulkDataURI\":\"http://x/1\"}}";
        assertEquals(List.of("7FE00010: InlineBinary differs (3 vs 3 bytes)"), diff(inline, other));
        assertEquals(List.of(), diff(inline, uri));
        assertEquals(List.of("7FE00010: BulkDataURI on one side only"),
                diff(JsonSemanticDiff.create().withBulkDataFormMayDiffer(false), inline, uri));
    }

    @Test
    void valuesAppearOnlyWhenAskedFor() throws DicomException {
        String a = attr("00100020", "LO", "\"secret\"");
        String b = attr("00100020", "LO", "\"other\"");
        assertEquals(List.of("00100020/0: LO value differs"), diff(a, b));
        assertEquals(List.of("00100020/0: LO value differs: \"secret\" vs \"other\""),
                diff(JsonSemanticDiff.create().withValuesInReport(true), a, b));
    }
}
