// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * An identifier read against the information model: the matchers of each level up to the query level,
 * and the keys to return. Keys of levels below the query level are ignored (PS3.4 §C.4.1.2.1).
 */
final class ParsedQuery {
    /** Date and time keys that combined datetime matching pairs up (PS3.4 §C.2.2.2.5). */
    private static final int[][] DATE_TIME_PAIRS = {
        {Tags.StudyDate, Tags.StudyTime}, {Tags.SeriesDate, Tags.SeriesTime},
        {Tags.PerformedProcedureStepStartDate, Tags.PerformedProcedureStepStartTime},
        {Tags.AcquisitionDate, Tags.AcquisitionTime}, {Tags.ContentDate, Tags.ContentTime},
        {Tags.PatientBirthDate, Tags.PatientBirthTime},
    };

    final QueryRequest request;
    final QueryRetrieveLevel level;
    final Map<QueryRetrieveLevel, List<KeyMatcher>> matchers = new EnumMap<>(QueryRetrieveLevel.class);
    final List<ReturnKey> returnKeys = new ArrayList<>();

    private ParsedQuery(QueryRequest request) {
        this.request = request;
        this.level = request.level();
        for (QueryRetrieveLevel l : QueryRetrieveLevel.values()) {
            matchers.put(l, new ArrayList<>());
        }
    }

    static ParsedQuery parse(QueryRequest request) {
        if (!request.model().has(request.level())) {
            throw new InvalidQueryException(Tags.QueryRetrieveLevel, "Query/Retrieve Level " + request.level()
                    + " is not a level of the " + request.model() + " information model (PS3.4 C.6)");
        }
        ParsedQuery q = new ParsedQuery(request);
        if (!request.options().relational()) {
            q.checkHigherUniqueKeys();
        }
        Attributes id = request.identifier();
        Map<Integer, KeyMatcher> byTag = new LinkedHashMap<>();
        for (int i = 0; i < id.size(); i++) {
            int tag = id.tagAt(i);
            if (AttributeLevels.isControl(tag)) {
                continue;
            }
            boolean queryLevel = AttributeLevels.isQueryLevel(tag);
            QueryRetrieveLevel keyLevel = queryLevel ? q.level : AttributeLevels.levelOf(tag);
            if (keyLevel.compareTo(q.level) > 0) {
                continue;
            }
            KeyMatcher m = queryLevel ? null : KeyMatchers.of(id, i, request.options());
            if (m != null) {
                byTag.put(tag, m);
            }
            VR vr = KeyValues.vrOf(id, i);
            Attributes template = null;
            if (vr == VR.SQ) {
                Sequence seq = id.getSequence(tag);
                template = seq == null || seq.isEmpty() ? null : seq.get(0);
            }
            q.returnKeys.add(new ReturnKey(tag, vr, keyLevel, template,
                    m instanceof SequenceMatcher s ? s : null));
        }
        if (request.options().combinedDateTime()) {
            for (int[] pair : DATE_TIME_PAIRS) {
                CombinedDateTimeMatcher c = KeyMatchers.combine(byTag.get(pair[0]), byTag.get(pair[1]));
                if (c != null) {
                    byTag.remove(pair[1]);
                    byTag.put(pair[0], c);
                }
            }
        }
        for (KeyMatcher m : byTag.values()) {
            q.matchers.get(AttributeLevels.levelOf(m.tag())).add(m);
        }
        return q;
    }

    /** PS3.4 §C.4.1.2.1: a hierarchical query names one entity of each level above its own. */
    private void checkHigherUniqueKeys() {
        Attributes id = request.identifier();
        boolean patientRoot = request.model() == InformationModel.PATIENT_ROOT;
        if (patientRoot && level.compareTo(QueryRetrieveLevel.STUDY) >= 0) {
            requireSingle(id, Tags.PatientID, "Patient ID");
        }
        if (level.compareTo(QueryRetrieveLevel.SERIES) >= 0) {
            requireSingle(id, Tags.StudyInstanceUID, "Study Instance UID");
        }
        if (level == QueryRetrieveLevel.IMAGE) {
            requireSingle(id, Tags.SeriesInstanceUID, "Series Instance UID");
        }
    }

    private static void requireSingle(Attributes id, int tag, String name) {
        String[] values = id.getStrings(tag);
        if (values == null || values.length != 1 || values[0].isEmpty() || Glob.hasWildcard(values[0])) {
            throw new InvalidQueryException(tag, "A hierarchical query at this level needs a single " + name
                    + " " + Tag.toString(tag) + " (PS3.4 C.4.1.2.1)");
        }
    }

    List<KeyMatcher> matchersAt(QueryRetrieveLevel l) {
        return matchers.get(l);
    }
}
