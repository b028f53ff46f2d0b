// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The final C-MOVE/C-GET status from the sub-operation counts (PS3.4 §C.4.2.1.5, §C.4.2.2.1, §C.4.3.1.4). */
class RetrieveOutcomeTest {

    @ParameterizedTest(name = "completed {0}, failed {1}, warning {2}, cancelled {3} -> {4}")
    @CsvSource({
        "3, 0, 0, false, 0x0000",
        "0, 0, 0, false, 0x0000",
        "2, 1, 0, false, 0xB000",
        "2, 0, 1, false, 0xB000",
        "0, 0, 2, false, 0xB000",
        "0, 3, 0, false, 0xA702",
        "0, 2, 1, false, 0xB000",
        "1, 0, 0, true, 0xFE00",
    })
    void finalStatus(int completed, int failed, int warning, boolean cancelled, String status) {
        RetrieveOutcome o = new RetrieveOutcome(completed, failed, warning, 0, cancelled, List.of());
        assertEquals((int) Integer.decode(status), o.status());
    }
}
