// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.catalog.TestHeaders;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/**
 * A small archive for query tests: six studies of five patients, named S1 to S6, with an Admitting
 * Diagnoses Description (a study attribute only the header holds) on S1, S2 and S3.
 *
 * <pre>
 * S1 P1 Doe^John      20240110 093000 A-1 CT CHEST           Welby^Marcus  CT     General Hospital  proc CT123
 * S2 P2 Doe^Jane      20240115 143000 A-2 MR BRAIN           Kildare^James MR     City Clinic       proc MR456
 * S3 P3 Müller^Zoë    20240131 235959 a-3 ct abdomen         Welby^Marcus  CT+MR  General Hospital  (ISO_IR 100)
 * S4 P4 Smith^Anna    20231231 000000 A-4 XR HAND            House^Gregory CR
 * S5 P5 Yamada^Tarou=山田^太郎=やまだ^たろう 20240201 120000 A-5  Ikeda^Ken  MR  (ISO_IR 192)
 * S6 P1 Doe^John      20240112 180000 A-6 CT CHEST FOLLOW-UP Kildare^James CT
 * </pre>
 */
final class Archive implements AutoCloseable {
    final Catalog catalog;
    final QueryEngine engine;
    /** Study key ("S1") to Study Instance UID, and back. */
    final Map<String, String> uids = new LinkedHashMap<>();
    final Map<String, String> keys = new LinkedHashMap<>();
    /** Study key to the headers recorded for it. */
    final Map<String, List<Attributes>> headers = new LinkedHashMap<>();

    Archive(Path dir) {
        catalog = TestHeaders.open(dir, TestHeaders.secrets());
        engine = new QueryEngine(catalog);
        add("S1", "P1", "Doe^John", "20240110", "093000", "A-1", "CT CHEST", "Welby^Marcus", "CT", "General Hospital",
                "CT123", null, 19700101);
        add("S2", "P2", "Doe^Jane", "20240115", "143000", "A-2", "MR BRAIN", "Kildare^James", "MR", "City Clinic",
                "MR456", null, 19800505);
        add("S3", "P3", "Müller^Zoë", "20240131", "235959", "a-3", "ct abdomen", "Welby^Marcus", "CT",
                "General Hospital", null, "ISO_IR 100", 19600101);
        addSeries("S3", "MR");
        add("S4", "P4", "Smith^Anna", "20231231", "000000", "A-4", "XR HAND", "House^Gregory", "CR", null, null, null,
                19900101);
        add("S5", "P5", "Yamada^Tarou=山田^太郎=やまだ^たろう", "20240201", "120000", "A-5", "MR KNEE", "Ikeda^Ken", "MR",
                null, null, "ISO_IR 192", 19750101);
        add("S6", "P1", "Doe^John", "20240112", "180000", "A-6", "CT CHEST FOLLOW-UP", "Kildare^James", "CT", null,
                null, null, 19700101);
    }

    private void add(String key, String pid, String name, String date, String time, String accession,
            String description, String referring, String modality, String diagnosis, String code, String charset,
            int birthDate) {
        String studyUid = TestHeaders.uid();
        uids.put(key, studyUid);
        keys.put(studyUid, key);
        Attributes ds = TestHeaders.instance(pid, name, studyUid, TestHeaders.uid());
        if (charset != null) {
            ds.setString(Tags.SpecificCharacterSet, VR.CS, charset);
        }
        ds.setString(Tags.PatientName, VR.PN, name);
        ds.setString(Tags.StudyDate, VR.DA, date);
        ds.setString(Tags.StudyTime, VR.TM, time);
        ds.setString(Tags.AccessionNumber, VR.SH, accession);
        ds.setString(Tags.StudyDescription, VR.LO, description);
        ds.setString(Tags.ReferringPhysicianName, VR.PN, referring);
        ds.setString(Tags.Modality, VR.CS, modality);
        ds.setString(Tags.PatientBirthDate, VR.DA, Integer.toString(birthDate));
        if (diagnosis != null) {
            ds.setString(Tags.AdmittingDiagnosesDescription, VR.LO, diagnosis);
        }
        if (code != null) {
            Sequence seq = ds.newSequence(Tags.ProcedureCodeSequence, 1);
            Attributes item = seq.addItem();
            item.setString(Tags.CodeValue, VR.SH, code);
            item.setString(Tags.CodingSchemeDesignator, VR.SH, "LOCAL");
            item.setString(Tags.CodeMeaning, VR.LO, "Procedure " + code);
        }
        record(key, ds);
    }

    /** A second series of one instance, modality {@code modality}, in study {@code key}. */
    Attributes addSeries(String key, String modality) {
        Attributes first = headers.get(key).get(0);
        Attributes ds = copyOf(first);
        ds.setString(Tags.SOPInstanceUID, VR.UI, TestHeaders.uid());
        ds.setString(Tags.SeriesInstanceUID, VR.UI, TestHeaders.uid());
        ds.setString(Tags.Modality, VR.CS, modality);
        ds.setInt(Tags.SeriesNumber, VR.IS, 2);
        ds.setString(Tags.SOPClassUID, VR.UI, TestHeaders.MR_IMAGE);
        record(key, ds);
        return ds;
    }

    void record(String key, Attributes ds) {
        TestHeaders.record(catalog, ds);
        headers.computeIfAbsent(key, k -> new ArrayList<>()).add(ds);
    }

    static Attributes copyOf(Attributes ds) {
        Attributes copy = new Attributes();
        for (int i = 0; i < ds.size(); i++) {
            if (!(ds.valueAt(i) instanceof Sequence)) {
                copy.setValue(ds.tagAt(i), ds.vrAt(i), ds.valueAt(i));
            }
        }
        return copy;
    }

    QueryResults query(QueryRetrieveLevel level, Attributes keys, AccessScope scope, QueryOptions options) {
        return engine.query(new QueryRequest(level, InformationModel.STUDY_ROOT, keys, scope, options, 0, 0));
    }

    /** The study keys ("S1", ...) a STUDY-level query matches, sorted. */
    Set<String> studies(Attributes keys, QueryOptions options) {
        return studies(keys, AccessScope.all(), options);
    }

    Set<String> studies(Attributes keys, AccessScope scope, QueryOptions options) {
        Attributes withUid = copyOf(keys);
        for (int i = 0; i < keys.size(); i++) {
            if (keys.valueAt(i) instanceof Sequence s) {
                Sequence target = withUid.newSequence(keys.tagAt(i), s.size());
                for (Attributes item : s) {
                    target.add(copyOf(item));
                }
            }
        }
        if (!withUid.contains(Tags.StudyInstanceUID)) {
            withUid.setNull(Tags.StudyInstanceUID, VR.UI);
        }
        Set<String> found = new TreeSet<>();
        try (QueryResults r = query(QueryRetrieveLevel.STUDY, withUid, scope, options)) {
            r.forEachRemaining(a -> found.add(this.keys.get(a.getString(Tags.StudyInstanceUID))));
        }
        return found;
    }

    @Override
    public void close() {
        catalog.close();
    }
}
