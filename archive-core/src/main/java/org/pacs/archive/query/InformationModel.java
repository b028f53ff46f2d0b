// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.EnumSet;
import java.util.Set;
import org.pacs.archive.catalog.QueryRetrieveLevel;

/** The Query/Retrieve information models (PS3.4 §C.6): which levels exist and which is on top. */
public enum InformationModel {
    /** Patient, study, series, image (PS3.4 §C.6.1). */
    PATIENT_ROOT(EnumSet.allOf(QueryRetrieveLevel.class)),
    /** Study (carrying the patient's attributes), series, image (PS3.4 §C.6.2). */
    STUDY_ROOT(EnumSet.of(QueryRetrieveLevel.STUDY, QueryRetrieveLevel.SERIES, QueryRetrieveLevel.IMAGE));

    private final Set<QueryRetrieveLevel> levels;

    InformationModel(Set<QueryRetrieveLevel> levels) {
        this.levels = levels;
    }

    public boolean has(QueryRetrieveLevel level) {
        return levels.contains(level);
    }
}
