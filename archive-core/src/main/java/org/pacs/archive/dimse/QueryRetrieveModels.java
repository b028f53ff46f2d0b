// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import java.util.Map;
import org.pacs.archive.query.InformationModel;

/**
 * The Query/Retrieve SOP classes this archive serves and the information model each one names (PS3.4
 * §C.6.1.3, §C.6.2.3): Patient Root and Study Root, FIND, MOVE and GET. Others (the retired
 * Patient/Study Only model, Composite Instance Root) are answered "SOP Class not supported".
 */
final class QueryRetrieveModels {
    static final String PATIENT_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.1.1";
    static final String PATIENT_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.1.2";
    static final String PATIENT_ROOT_GET = "1.2.840.10008.5.1.4.1.2.1.3";
    static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String STUDY_ROOT_MOVE = "1.2.840.10008.5.1.4.1.2.2.2";
    static final String STUDY_ROOT_GET = "1.2.840.10008.5.1.4.1.2.2.3";

    private static final Map<String, InformationModel> FIND = Map.of(PATIENT_ROOT_FIND,
            InformationModel.PATIENT_ROOT, STUDY_ROOT_FIND, InformationModel.STUDY_ROOT);
    private static final Map<String, InformationModel> MOVE = Map.of(PATIENT_ROOT_MOVE,
            InformationModel.PATIENT_ROOT, STUDY_ROOT_MOVE, InformationModel.STUDY_ROOT);
    private static final Map<String, InformationModel> GET = Map.of(PATIENT_ROOT_GET,
            InformationModel.PATIENT_ROOT, STUDY_ROOT_GET, InformationModel.STUDY_ROOT);

    private QueryRetrieveModels() {
    }

    /** The model of a FIND SOP class, or null if not served. */
    static InformationModel find(String sopClassUid) {
        return sopClassUid == null ? null : FIND.get(sopClassUid);
    }

    static InformationModel move(String sopClassUid) {
        return sopClassUid == null ? null : MOVE.get(sopClassUid);
    }

    static InformationModel get(String sopClassUid) {
        return sopClassUid == null ? null : GET.get(sopClassUid);
    }
}
