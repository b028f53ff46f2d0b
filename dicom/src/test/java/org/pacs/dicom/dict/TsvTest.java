// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.dict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TsvTest {
    @Test
    void skipsCommentsAndBlankLinesAndKeepsEmptyFields() {
        List<String[]> rows = Tsv.parse("# header\n\na\t\tc\n\t\t\nx\ty\tz", 3, "t");
        assertEquals(3, rows.size());
        assertArrayEquals(new String[] {"a", "", "c"}, rows.get(0));
        assertArrayEquals(new String[] {"", "", ""}, rows.get(1));
        assertArrayEquals(new String[] {"x", "y", "z"}, rows.get(2));
    }

    @Test
    void rejectsRowsWithTooFewFields() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tsv.parse("a\tb\nc\td\n", 3, "t"));
        assertTrue(e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void rejectsRowsWithTooManyFields() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Tsv.parse("a\tb\n1\t2\t3\n", 2, "t"));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }

    @Test
    void failsClearlyWhenTheResourceIsMissing() {
        assertThrows(IllegalStateException.class, () -> Tsv.read("no-such.tsv", 1));
    }
}
