// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.ingest;

/**
 * The result of one ingest, already in the terms of a C-STORE response (PS3.4 §B.2.3): a status and an
 * error comment for the sender, plus the study and series for audit.
 *
 * @param status 0000 success, Bxxx warning, A7xx/A9xx/Cxxx failure
 * @param errorComment for warnings and failures: what happened, for the sender's log (no patient data)
 */
public record IngestOutcome(int status, String errorComment, String studyInstanceUid, String seriesInstanceUid) {
    /** PS3.4 Table B.2-1. */
    public static final int SUCCESS = 0x0000;
    public static final int OUT_OF_RESOURCES = 0xA700;
    public static final int DATA_SET_DOES_NOT_MATCH_SOP_CLASS = 0xA900;
    public static final int CANNOT_UNDERSTAND = 0xC000;
    /** Elements Discarded: used for a duplicate whose stored copy was kept and the new one discarded. */
    public static final int ELEMENTS_DISCARDED = 0xB006;

    public boolean stored() {
        return status == SUCCESS || (status & 0xF000) == 0xB000;
    }

    static IngestOutcome failure(int status, String comment) {
        return new IngestOutcome(status, comment, null, null);
    }
}
