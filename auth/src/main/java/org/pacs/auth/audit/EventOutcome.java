// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

/**
 * EventOutcomeIndicator (PS3.15 §A.5.1): whether the audited event succeeded. PS3.15 §A.5.2 asks for one
 * message per outcome when an event partly succeeded.
 */
public enum EventOutcome {
    SUCCESS(0, "Nominal Success"),
    /** The action was not completed, e.g. a request was refused. */
    MINOR_FAILURE(4, "Minor failure"),
    /** The action was not completed, e.g. it ended in an error. */
    SERIOUS_FAILURE(8, "Serious failure"),
    /** The system failed, e.g. it became unavailable. */
    MAJOR_FAILURE(12, "Major failure");

    private final int indicator;
    private final String meaning;

    EventOutcome(int indicator, String meaning) {
        this.indicator = indicator;
        this.meaning = meaning;
    }

    public int indicator() {
        return indicator;
    }

    public String meaning() {
        return meaning;
    }

    public static EventOutcome ofIndicator(int indicator) {
        for (EventOutcome o : values()) {
            if (o.indicator == indicator) {
                return o;
            }
        }
        throw new IllegalArgumentException("EventOutcomeIndicator must be 0, 4, 8 or 12, was " + indicator);
    }
}
