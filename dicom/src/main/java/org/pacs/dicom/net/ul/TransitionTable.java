// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.ul;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The DICOM Upper Layer Protocol State Transition Table (PS3.8 §9.2.3, Table 9-10), kept as one text
 * block laid out like the standard (a row per event, a column per state, {@code -} for an empty
 * cell) so it can be held against the standard, and parsed once into an {@link EnumMap}.
 */
public final class TransitionTable {

    static final String TABLE_9_10 = """
                   Sta1  Sta2  Sta3  Sta4  Sta5  Sta6  Sta7  Sta8  Sta9  Sta10 Sta11 Sta12 Sta13
            Evt1   AE-1  -     -     -     -     -     -     -     -     -     -     -     -
            Evt2   -     -     -     AE-2  -     -     -     -     -     -     -     -     -
            Evt3   -     AA-1  AA-8  -     AE-3  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6
            Evt4   -     AA-1  AA-8  -     AE-4  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6
            Evt5   AE-5  -     -     -     -     -     -     -     -     -     -     -     -
            Evt6   -     AE-6  AA-8  -     AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-7
            Evt7   -     -     AE-7  -     -     -     -     -     -     -     -     -     -
            Evt8   -     -     AE-8  -     -     -     -     -     -     -     -     -     -
            Evt9   -     -     -     -     -     DT-1  -     AR-7  -     -     -     -     -
            Evt10  -     AA-1  AA-8  -     AA-8  DT-2  AR-6  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6
            Evt11  -     -     -     -     -     AR-1  -     -     -     -     -     -     -
            Evt12  -     AA-1  AA-8  -     AA-8  AR-2  AR-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-6
            Evt13  -     AA-1  AA-8  -     AA-8  AA-8  AR-3  AA-8  AA-8  AR-10 AR-3  AA-8  AA-6
            Evt14  -     -     -     -     -     -     -     AR-4  AR-9  -     -     AR-4  -
            Evt15  -     -     AA-1  AA-2  AA-1  AA-1  AA-1  AA-1  AA-1  AA-1  AA-1  AA-1  -
            Evt16  -     AA-2  AA-3  -     AA-3  AA-3  AA-3  AA-3  AA-3  AA-3  AA-3  AA-3  AA-2
            Evt17  -     AA-5  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AA-4  AR-5
            Evt18  -     AA-2  -     -     -     -     -     -     -     -     -     -     AA-2
            Evt19  -     AA-1  AA-8  -     AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-8  AA-7
            """;

    private static final Map<Event, Map<State, Action>> TABLE = parse(TABLE_9_10);

    private TransitionTable() {
    }

    /** The action for an event in a state; empty for a cell the standard leaves blank. */
    public static Optional<Action> action(State state, Event event) {
        return Optional.ofNullable(TABLE.get(event).get(state));
    }

    static Map<Event, Map<State, Action>> parse(String text) {
        String[] lines = text.strip().split("\n");
        String[] header = lines[0].trim().split("\\s+");
        State[] columns = new State[header.length];
        for (int i = 0; i < header.length; i++) {
            columns[i] = State.of(header[i]);
        }
        if (columns.length != State.values().length) {
            throw new IllegalStateException("Table 9-10 must have a column per state");
        }
        Map<Event, Map<State, Action>> table = new EnumMap<>(Event.class);
        for (int row = 1; row < lines.length; row++) {
            String[] cells = lines[row].trim().split("\\s+");
            if (cells.length != columns.length + 1) {
                throw new IllegalStateException("Table 9-10 row " + row + " has " + cells.length + " cells");
            }
            Event event = Event.of(cells[0]);
            Map<State, Action> cellsByState = new EnumMap<>(State.class);
            for (int c = 0; c < columns.length; c++) {
                if (!cells[c + 1].equals("-")) {
                    cellsByState.put(columns[c], Action.of(cells[c + 1]));
                }
            }
            if (table.put(event, cellsByState) != null) {
                throw new IllegalStateException("Table 9-10 lists " + event + " twice");
            }
        }
        if (table.size() != Event.values().length) {
            throw new IllegalStateException("Table 9-10 must have a row per event");
        }
        return table;
    }
}
