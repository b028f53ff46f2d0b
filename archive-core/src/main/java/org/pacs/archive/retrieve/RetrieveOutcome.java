// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import java.util.List;
import org.pacs.dicom.net.dimse.Status;

/**
 * How the C-STORE sub-operations of one retrieve ended, and the final status they call for (PS3.4
 * §C.4.2.1.5 and §C.4.3.1.4; the SCU reading of §C.4.2.2.1): Success when all completed, Warning
 * (B000) when some failed or warned, Refused A702 when every one failed, Cancel (FE00) after a
 * C-CANCEL.
 *
 * @param remaining sub-operations never started because of a C-CANCEL
 * @param failures the failed instances and why, in order
 */
public record RetrieveOutcome(int completed, int failed, int warning, int remaining, boolean cancelled,
        List<Failure> failures) {

    /** One failed sub-operation: the instance and a reason for logs and audit (UIDs only, no patient data). */
    public record Failure(String sopInstanceUid, String reason) {
    }

    public RetrieveOutcome {
        failures = List.copyOf(failures);
    }

    /** Nothing matched: nothing to do, which is success. */
    public static final RetrieveOutcome NOTHING = new RetrieveOutcome(0, 0, 0, 0, false, List.of());

    /** The status of the final C-MOVE or C-GET response. */
    public int status() {
        if (cancelled) {
            return Status.CANCEL;
        }
        if (failed == 0 && warning == 0) {
            return Status.SUCCESS;
        }
        if (completed == 0 && warning == 0) {
            return Status.OUT_OF_RESOURCES_SUB_OPERATIONS;
        }
        return Status.SUB_OPERATIONS_COMPLETE_WITH_FAILURES;
    }

    /** Counts only. */
    @Override
    public String toString() {
        return String.format("RetrieveOutcome[status=%04X, completed=%d, failed=%d, warning=%d, remaining=%d]",
                status(), completed, failed, warning, remaining);
    }
}
