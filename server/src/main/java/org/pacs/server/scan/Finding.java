// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.scan;

/**
 * The result of one check: whether the exposure was found, not found, or could not be tested (e.g. no
 * association to test C-FIND on), with what was observed. Details hold AE titles, ports and status
 * codes only, never patient data.
 */
public record Finding(Exposure exposure, Outcome outcome, String detail) {

    /** What the check found. */
    public enum Outcome {
        EXPOSED, NOT_EXPOSED, NOT_TESTED
    }

    static Finding exposed(Exposure e, String detail) {
        return new Finding(e, Outcome.EXPOSED, detail);
    }

    static Finding notExposed(Exposure e, String detail) {
        return new Finding(e, Outcome.NOT_EXPOSED, detail);
    }

    static Finding notTested(Exposure e, String detail) {
        return new Finding(e, Outcome.NOT_TESTED, detail);
    }
}
