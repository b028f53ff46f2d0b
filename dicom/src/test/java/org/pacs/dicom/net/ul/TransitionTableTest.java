// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.ul;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every non-empty cell of PS3.8 Table 9-10, transcribed cell by cell from the standard. */
class TransitionTableTest {

    @ParameterizedTest(name = "{1} + {0} → {2}")
    @CsvSource({
        "Evt1, Sta1, AE-1",
        "Evt2, Sta4, AE-2",
        "Evt3, Sta2, AA-1",
        "Evt3, Sta3, AA-8",
        "Evt3, Sta5, AE-3",
        "Evt3, Sta6, AA-8",
        "Evt3, Sta7, AA-8",
        "Evt3, Sta8, AA-8",
        "Evt3, Sta9, AA-8",
        "Evt3, Sta10, AA-8",
        "Evt3, Sta11, AA-8",
        "Evt3, Sta12, AA-8",
        "Evt3, Sta13, AA-6",
        "Evt4, Sta2, AA-1",
        "Evt4, Sta3, AA-8",
        "Evt4, Sta5, AE-4",
        "Evt4, Sta6, AA-8",
        "Evt4, Sta7, AA-8",
        "Evt4, Sta8, AA-8",
        "Evt4, Sta9, AA-8",
        "Evt4, Sta10, AA-8",
        "Evt4, Sta11, AA-8",
        "Evt4, Sta12, AA-8",
        "Evt4, Sta13, AA-6",
        "Evt5, Sta1, AE-5",
        "Evt6, Sta2, AE-6",
        "Evt6, Sta3, AA-8",
        "Evt6, Sta5, AA-8",
        "Evt6, Sta6, AA-8",
        "Evt6, Sta7, AA-8",
        "Evt6, Sta8, AA-8",
        "Evt6, Sta9, AA-8",
        "Evt6, Sta10, AA-8",
        "Evt6, Sta11, AA-8",
        "Evt6, Sta12, AA-8",
        "Evt6, Sta13, AA-7",
        "Evt7, Sta3, AE-7",
        "Evt8, Sta3, AE-8",
        "Evt9, Sta6, DT-1",
        "Evt9, Sta8, AR-7",
        "Evt10, Sta2, AA-1",
        "Evt10, Sta3, AA-8",
        "Evt10, Sta5, AA-8",
        "Evt10, Sta6, DT-2",
        "Evt10, Sta7, AR-6",
        "Evt10, Sta8, AA-8",
        "Evt10, Sta9, AA-8",
        "Evt10, Sta10, AA-8",
        "Evt10, Sta11, AA-8",
        "Evt10, Sta12, AA-8",
        "Evt10, Sta13, AA-6",
        "Evt11, Sta6, AR-1",
        "Evt12, Sta2, AA-1",
        "Evt12, Sta3, AA-8",
        "Evt12, Sta5, AA-8",
        "Evt12, Sta6, AR-2",
        "Evt12, Sta7, AR-8",
        "Evt12, Sta8, AA-8",
        "Evt12, Sta9, AA-8",
        "Evt12, Sta10, AA-8",
        "Evt12, Sta11, AA-8",
        "Evt12, Sta12, AA-8",
        "Evt12, Sta13, AA-6",
        "Evt13, Sta2, AA-1",
        "Evt13, Sta3, AA-8",
        "Evt13, Sta5, AA-8",
        "Evt13, Sta6, AA-8",
        "Evt13, Sta7, AR-3",
        "Evt13, Sta8, AA-8",
        "Evt13, Sta9, AA-8",
        "Evt13, Sta10, AR-10",
        "Evt13, Sta11, AR-3",
        "Evt13, Sta12, AA-8",
        "Evt13, Sta13, AA-6",
        "Evt14, Sta8, AR-4",
        "Evt14, Sta9, AR-9",
        "Evt14, Sta12, AR-4",
        "Evt15, Sta3, AA-1",
        "Evt15, Sta4, AA-2",
        "Evt15, Sta5, AA-1",
        "Evt15, Sta6, AA-1",
        "Evt15, Sta7, AA-1",
        "Evt15, Sta8, AA-1",
        "Evt15, Sta9, AA-1",
        "Evt15, Sta10, AA-1",
        "Evt15, Sta11, AA-1",
        "Evt15, Sta12, AA-1",
        "Evt16, Sta2, AA-2",
        "Evt16, Sta3, AA-3",
        "Evt16, Sta5, AA-3",
        "Evt16, Sta6, AA-3",
        "Evt16, Sta7, AA-3",
        "Evt16, Sta8, AA-3",
        "Evt16, Sta9, AA-3",
        "Evt16, Sta10, AA-3",
        "Evt16, Sta11, AA-3",
        "Evt16, Sta12, AA-3",
        "Evt16, Sta13, AA-2",
        "Evt17, Sta2, AA-5",
        "Evt17, Sta3, AA-4",
        "Evt17, Sta4, AA-4",
        "Evt17, Sta5, AA-4",
        "Evt17, Sta6, AA-4",
        "Evt17, Sta7, AA-4",
        "Evt17, Sta8, AA-4",
        "Evt17, Sta9, AA-4",
        "Evt17, Sta10, AA-4",
        "Evt17, Sta11, AA-4",
        "Evt17, Sta12, AA-4",
        "Evt17, Sta13, AR-5",
        "Evt18, Sta2, AA-2",
        "Evt18, Sta13, AA-2",
        "Evt19, Sta2, AA-1",
        "Evt19, Sta3, AA-8",
        "Evt19, Sta5, AA-8",
        "Evt19, Sta6, AA-8",
        "Evt19, Sta7, AA-8",
        "Evt19, Sta8, AA-8",
        "Evt19, Sta9, AA-8",
        "Evt19, Sta10, AA-8",
        "Evt19, Sta11, AA-8",
        "Evt19, Sta12, AA-8",
        "Evt19, Sta13, AA-7",    })
    void cellOfTable910(String event, String state, String action) {
        assertEquals(Action.of(action), TransitionTable.action(State.of(state), Event.of(event)).orElse(null));
    }

    @Test
    void everyOtherCellIsEmpty() {
        int nonEmpty = 0;
        for (Event e : Event.values()) {
            for (State s : State.values()) {
                if (TransitionTable.action(s, e).isPresent()) {
                    nonEmpty++;
                }
            }
        }
        assertEquals(123, nonEmpty, "Table 9-10 has 123 non-empty cells");
    }

    @Test
    void namesPrintAsTheStandardSpellsThem() {
        assertEquals("Sta13", State.STA13.toString());
        assertEquals("Evt19", Event.EVT19.toString());
        assertEquals("AR-10", Action.AR_10.toString());
        assertTrue(Action.AE_6.definition().startsWith("Stop ARTIM timer"));
    }

    @Test
    void rejectsATableWithAMissingColumn() {
        String broken = TransitionTable.TABLE_9_10.replaceFirst("Sta13", "");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> TransitionTable.parse(broken));
    }
}
