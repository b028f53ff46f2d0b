// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.util.List;
import java.util.Objects;

/**
 * The studies of one patient an event touched. PS3.15 §A.5.3.7 allows one patient per message, so events
 * about several patients are several messages.
 *
 * @param patientId Patient ID (0010,0020), or null when the objects carried none
 */
public record PatientStudies(String patientId, List<String> studyInstanceUids) {

    public PatientStudies {
        studyInstanceUids = List.copyOf(Objects.requireNonNull(studyInstanceUids, "studyInstanceUids"));
        if (studyInstanceUids.isEmpty()) {
            throw new IllegalArgumentException("at least one Study Instance UID");
        }
    }

    public static PatientStudies of(String patientId, String... studyInstanceUids) {
        return new PatientStudies(patientId, List.of(studyInstanceUids));
    }
}
