// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * The attribute matching rules of PS3.4 §C.2.2.2, one row each, against the six studies of
 * {@link Archive}: each row runs through the engine (index and headers) and through the in-memory
 * matchers alone, which must agree.
 */
class MatchingTableTest {
    private static final QueryOptions STRICT = QueryOptions.DEFAULT;
    private static final QueryOptions CI = QueryOptions.DEFAULT.withCaseInsensitivePersonNames(true);
    private static final QueryOptions FUZZY = QueryOptions.DEFAULT.withFuzzyPersonNames(true);
    private static final QueryOptions COMBINED = QueryOptions.DEFAULT.withCombinedDateTime(true);

    @TempDir
    static Path dir;
    static Archive archive;

    @BeforeAll
    static void record() {
        archive = new Archive(dir);
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    /** A key: tag, VR, value; the value of an SQ key is a list of tag-VR-value triples for its item. */
    private static Attributes keys(Object... tagVrValue) {
        Attributes ds = new Attributes();
        for (int i = 0; i < tagVrValue.length; i += 3) {
            int tag = (Integer) tagVrValue[i];
            VR vr = (VR) tagVrValue[i + 1];
            if (vr == VR.SQ) {
                Sequence seq = ds.newSequence(tag, 1);
                seq.add(keys(((List<?>) tagVrValue[i + 2]).toArray()));
            } else {
                ds.setString(tag, vr, (String) tagVrValue[i + 2]);
            }
        }
        return ds;
    }

    private static Arguments row(String rule, QueryOptions options, String expected, Object... keys) {
        return Arguments.of(rule, options, expected, keys(keys));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("C.2.2.2.1 single value", STRICT, "S1 S6", Tags.PatientID, VR.LO, "P1"),
                row("C.2.2.2.1 single value is case-sensitive", STRICT, "", Tags.AccessionNumber, VR.SH, "A-3"),
                row("C.2.2.2.1 single value, exact case", STRICT, "S3", Tags.AccessionNumber, VR.SH, "a-3"),
                row("C.2.2.2.1 single value of a date", STRICT, "S2", Tags.StudyDate, VR.DA, "20240115"),
                row("C.2.2.2.1 single value of a time covers its precision", STRICT, "S2", Tags.StudyTime, VR.TM, "14"),
                row("C.2.2.2.1 person name, case-sensitive by default", STRICT, "", Tags.PatientName, VR.PN,
                        "doe^john"),
                row("C.2.2.2.1 person name, case-insensitive option", CI, "S1 S6", Tags.PatientName, VR.PN,
                        "doe^john"),
                row("C.2.2.2.1 person name, insensitive to accents too", CI, "S3", Tags.PatientName, VR.PN,
                        "MULLER^ZOE"),
                row("C.2.2.2.1 person name, one component group", STRICT, "S5", Tags.PatientName, VR.PN, "山田^太郎"),
                row("C.2.2.2.1 person name, trailing empty components", STRICT, "S1 S6", Tags.PatientName, VR.PN,
                        "Doe^John^^^"),
                row("C.2.2.2.1 person name, fuzzy semantic matching", FUZZY, "S1 S6", Tags.PatientName, VR.PN,
                        "Jon Doe"),
                row("C.2.2.2.1 referring physician", STRICT, "S1 S3", Tags.ReferringPhysicianName, VR.PN,
                        "Welby^Marcus"),
                row("C.2.2.2.1 derived Modalities in Study", STRICT, "S2 S3 S5", Tags.ModalitiesInStudy, VR.CS, "MR"),
                row("C.2.2.2.1 derived count, matched on the header side", STRICT, "S3",
                        Tags.NumberOfStudyRelatedSeries, VR.IS, "2"),
                row("C.2.2.2.1 several values: any", STRICT, "S1 S3 S4 S6", Tags.ModalitiesInStudy, VR.CS, "CT\\CR"),
                row("C.2.2.2.2 list of UIDs", STRICT, "S1 S4", Tags.StudyInstanceUID, VR.UI, "@S1\\@S4"),
                row("C.2.2.2.3 universal: zero length", STRICT, "S1 S2 S3 S4 S5 S6", Tags.PatientName, VR.PN, ""),
                row("C.2.2.2.4 wild card *", STRICT, "S1 S2 S6", Tags.PatientName, VR.PN, "Doe^J*"),
                row("C.2.2.2.4 wild card ?", STRICT, "S2", Tags.PatientName, VR.PN, "Doe^J?ne"),
                row("C.2.2.2.4 * alone is universal", STRICT, "S1 S2 S3 S4 S5 S6", Tags.PatientName, VR.PN, "*"),
                row("C.2.2.2.4 wild cards are case-sensitive", STRICT, "", Tags.StudyDescription, VR.LO, "*chest*"),
                row("C.2.2.2.4 wild cards anywhere", STRICT, "S1 S6", Tags.StudyDescription, VR.LO, "*CHEST*"),
                row("C.2.2.2.4 wild card on a person name, case-insensitive", CI, "S3", Tags.PatientName, VR.PN,
                        "müll*"),
                row("C.2.2.2.4 wild card on an attribute only the header holds", STRICT, "S1 S3",
                        Tags.AdmittingDiagnosesDescription, VR.LO, "General*"),
                row("C.2.2.2.5 date range", STRICT, "S1 S2 S3 S6", Tags.StudyDate, VR.DA, "20240110-20240131"),
                row("C.2.2.2.5 dates up to", STRICT, "S1 S4", Tags.StudyDate, VR.DA, "-20240110"),
                row("C.2.2.2.5 dates from", STRICT, "S3 S5", Tags.StudyDate, VR.DA, "20240131-"),
                row("C.2.2.2.5 time range", STRICT, "S2 S3 S6", Tags.StudyTime, VR.TM, "1400-2359"),
                row("C.2.2.2.5 time range ends with its precision", STRICT, "S1 S4", Tags.StudyTime, VR.TM,
                        "0000-0930"),
                row("C.2.2.2.5 date and time ranges matched apart", STRICT, "S1",
                        Tags.StudyDate, VR.DA, "20240110-20240115", Tags.StudyTime, VR.TM, "0900-1200"),
                row("C.2.2.2.5 combined datetime matching", COMBINED, "S1 S6",
                        Tags.StudyDate, VR.DA, "20240110-20240115", Tags.StudyTime, VR.TM, "0900-1200"),
                row("C.2.2.2.5 birth date range", STRICT, "S1 S5 S6", Tags.PatientBirthDate, VR.DA, "19650101-19751231"),
                row("C.2.2.2.6 sequence matching", STRICT, "S1", Tags.ProcedureCodeSequence, VR.SQ,
                        List.of(Tags.CodeValue, VR.SH, "CT123")),
                row("C.2.2.2.6 one item must match every item key", STRICT, "",
                        Tags.ProcedureCodeSequence, VR.SQ,
                        List.of(Tags.CodeValue, VR.SH, "CT123", Tags.CodingSchemeDesignator, VR.SH, "OTHER")),
                row("C.2.2.2.6 wild card in an item key", STRICT, "S1 S2", Tags.ProcedureCodeSequence, VR.SQ,
                        List.of(Tags.CodeMeaning, VR.LO, "Procedure *")),
                row("C.2.2.2.6 an item without keys is universal", STRICT, "S1 S2 S3 S4 S5 S6",
                        Tags.ProcedureCodeSequence, VR.SQ, List.of()),
                row("several keys: all must match", STRICT, "S1 S6",
                        Tags.PatientName, VR.PN, "Doe*", Tags.ModalitiesInStudy, VR.CS, "CT"));
    }

    private static Attributes resolveUids(Attributes keys) {
        String uids = keys.getString(Tags.StudyInstanceUID);
        if (uids != null && uids.startsWith("@")) {
            List<String> resolved = Stream.of(keys.getStrings(Tags.StudyInstanceUID))
                    .map(k -> archive.uids.get(k.substring(1))).toList();
            keys.setString(Tags.StudyInstanceUID, VR.UI, resolved.toArray(String[]::new));
        }
        return keys;
    }

    private static Set<String> expected(String keys) {
        return keys.isEmpty() ? Set.of() : new TreeSet<>(List.of(keys.split(" ")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void engineMatches(String rule, QueryOptions options, String expected, Attributes keys) {
        assertEquals(expected(expected), archive.studies(resolveUids(keys), options), rule);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void inMemoryMatchersAgree(String rule, QueryOptions options, String expected, Attributes keys) {
        ParsedQuery q = ParsedQuery.parse(new QueryRequest(QueryRetrieveLevel.STUDY, InformationModel.STUDY_ROOT,
                resolveUids(keys), AccessScope.all(), options, 0, 0));
        Set<String> found = new TreeSet<>();
        for (var e : archive.headers.entrySet()) {
            Attributes record = Archive.copyOf(e.getValue().get(e.getValue().size() - 1));
            Attributes first = e.getValue().get(0);
            if (first.contains(Tags.ProcedureCodeSequence)) {
                record.setValue(Tags.ProcedureCodeSequence, VR.SQ, first.getSequence(Tags.ProcedureCodeSequence));
            }
            record.setString(Tags.ModalitiesInStudy, VR.CS, e.getValue().stream()
                    .map(h -> h.getString(Tags.Modality)).distinct().toArray(String[]::new));
            record.setInt(Tags.NumberOfStudyRelatedSeries, VR.IS, e.getValue().size());
            boolean all = true;
            for (QueryRetrieveLevel l : List.of(QueryRetrieveLevel.PATIENT, QueryRetrieveLevel.STUDY)) {
                for (KeyMatcher m : q.matchersAt(l)) {
                    all &= m.matches(record);
                }
            }
            if (all) {
                found.add(e.getKey());
            }
        }
        assertEquals(expected(expected), found, rule);
    }
}
