// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.retrieve;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.query.InformationModel;
import org.pacs.archive.query.InvalidQueryException;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.dict.Tags;

/**
 * What a C-MOVE or C-GET identifier asks for (PS3.4 §C.4.2.2.1, §C.4.3.2.1): the Query/Retrieve level,
 * the unique key values at that level (one Patient ID, or one or more UIDs at STUDY, SERIES and IMAGE)
 * and the single unique keys of the levels above, which the retrieved instances must also match.
 * Higher keys may be left out (relational retrieve, §C.4.2.3.2): they narrow, never widen.
 *
 * <pre>{@code
 * RetrieveKeys keys = RetrieveKeys.parse(identifier, InformationModel.STUDY_ROOT);
 * }</pre>
 *
 * @param uids the unique key values at {@code level}: Patient IDs at PATIENT level, else UIDs
 * @param patientId Patient ID given with a lower level, or null
 * @param studyInstanceUid Study Instance UID given with SERIES or IMAGE level, or null
 * @param seriesInstanceUid Series Instance UID given with IMAGE level, or null
 */
public record RetrieveKeys(QueryRetrieveLevel level, List<String> uids, String patientId, String studyInstanceUid,
        String seriesInstanceUid) {

    public RetrieveKeys {
        Objects.requireNonNull(level, "level");
        uids = List.copyOf(uids);
        if (uids.isEmpty()) {
            throw new IllegalArgumentException("a retrieve names at least one entity");
        }
    }

    /**
     * Reads the keys of {@code identifier} against {@code model}.
     *
     * @throws InvalidQueryException naming the offending attribute: no or an unknown level, a level the
     *     model lacks, no unique key at the level, or more than one value for a key that allows one
     */
    public static RetrieveKeys parse(Attributes identifier, InformationModel model) {
        String levelName = identifier.getString(Tags.QueryRetrieveLevel);
        QueryRetrieveLevel level = QueryRetrieveLevel.of(levelName);
        if (level == null) {
            throw new InvalidQueryException(Tags.QueryRetrieveLevel, "Query/Retrieve Level (0008,0052) is missing"
                    + " or names no level (PS3.4 C.4.2.2.1)");
        }
        if (!model.has(level)) {
            throw new InvalidQueryException(Tags.QueryRetrieveLevel, "Query/Retrieve Level " + level
                    + " is not a level of the " + model + " information model (PS3.4 C.6)");
        }
        List<String> uids = switch (level) {
            case PATIENT -> List.of(single(identifier, Tags.PatientID, true));
            case STUDY -> list(identifier, Tags.StudyInstanceUID);
            case SERIES -> list(identifier, Tags.SeriesInstanceUID);
            case IMAGE -> list(identifier, Tags.SOPInstanceUID);
        };
        String patientId = level.compareTo(QueryRetrieveLevel.PATIENT) > 0 && model == InformationModel.PATIENT_ROOT
                ? single(identifier, Tags.PatientID, false) : null;
        String study = level.compareTo(QueryRetrieveLevel.STUDY) > 0 ? single(identifier, Tags.StudyInstanceUID, false)
                : null;
        String series = level == QueryRetrieveLevel.IMAGE ? single(identifier, Tags.SeriesInstanceUID, false) : null;
        return new RetrieveKeys(level, uids, patientId, study, series);
    }

    /** One value, or null when absent or empty and not {@code required}. */
    private static String single(Attributes identifier, int tag, boolean required) {
        String[] values = values(identifier, tag);
        if (values.length == 0) {
            if (required) {
                throw new InvalidQueryException(tag, "no " + Tag.toString(tag) + " at the retrieve level"
                        + " (PS3.4 C.4.2.2.1)");
            }
            return null;
        }
        if (values.length > 1) {
            throw new InvalidQueryException(tag, Tag.toString(tag) + " allows a single value here (PS3.4 C.4.2.2.1)");
        }
        return values[0];
    }

    private static List<String> list(Attributes identifier, int tag) {
        String[] values = values(identifier, tag);
        if (values.length == 0) {
            throw new InvalidQueryException(tag, "no " + Tag.toString(tag) + " at the retrieve level"
                    + " (PS3.4 C.4.2.2.1)");
        }
        return List.of(values);
    }

    private static String[] values(Attributes identifier, int tag) {
        String[] values = identifier.getStrings(tag);
        if (values == null) {
            return new String[0];
        }
        return Arrays.stream(values).filter(Objects::nonNull).map(String::strip).filter(s -> !s.isEmpty())
                .distinct().toArray(String[]::new);
    }

    /** Level and counts only: the keys themselves identify patients. */
    @Override
    public String toString() {
        return "RetrieveKeys[" + level + ", " + uids.size() + " keys]";
    }
}
