// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.index;

import java.time.LocalDate;
import java.time.LocalTime;

/**
 * What the index reads from a study; implemented by the catalog's study entity. The property names
 * are those {@link StudyBinder} declares as dependencies, so a change to any of them reindexes.
 */
public interface StudyDocument {
    Long getId();

    String getStudyInstanceUid();

    LocalDate getStudyDate();

    LocalTime getStudyTime();

    String getAccessionNumber();

    String getStudyId();

    String getStudyDescription();

    String getReferringPhysicianName();

    /** Modalities in Study (0008,0061), backslash-separated. */
    String getModalitiesInStudy();

    /** SOP Classes in Study (0008,0062), backslash-separated. */
    String getSopClassesInStudy();

    PatientDocument getPatient();
}
