// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.query;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.catalog.TestHeaders;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/** Responses hold the requested keys only (PS3.4 §C.4.1.1.3.2), with values as stored. */
class ReturnKeysTest {
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

    private static Attributes only(QueryRetrieveLevel level, Attributes keys) {
        List<Attributes> all = new ArrayList<>();
        try (QueryResults r = archive.engine.query(QueryRequest.of(level, InformationModel.STUDY_ROOT, keys,
                AccessScope.all()).withOptions(QueryOptions.DEFAULT.withRelational(true)))) {
            r.forEachRemaining(all::add);
        }
        assertEquals(1, all.size());
        return all.get(0);
    }

    private static List<Integer> tags(Attributes ds) {
        List<Integer> tags = new ArrayList<>();
        for (int i = 0; i < ds.size(); i++) {
            tags.add(ds.tagAt(i));
        }
        return tags;
    }

    private static Attributes study(String accession) {
        Attributes keys = new Attributes();
        keys.setString(Tags.AccessionNumber, VR.SH, accession);
        return keys;
    }

    @Test
    void returnsTheRequestedKeysAndTheLevelOnly() {
        Attributes keys = study("A-1");
        keys.setNull(Tags.PatientName, VR.PN);
        keys.setNull(Tags.StudyDate, VR.DA);
        keys.setNull(Tags.ModalitiesInStudy, VR.CS);
        keys.setNull(Tags.NumberOfStudyRelatedInstances, VR.IS);
        keys.setNull(Tags.SeriesDescription, VR.LO); // a series key: below the level, ignored

        Attributes rsp = only(QueryRetrieveLevel.STUDY, keys);

        assertEquals(List.of(Tags.StudyDate, Tags.AccessionNumber, Tags.QueryRetrieveLevel, Tags.ModalitiesInStudy,
                Tags.PatientName, Tags.NumberOfStudyRelatedInstances), tags(rsp));
        assertEquals("STUDY", rsp.getString(Tags.QueryRetrieveLevel));
        assertEquals("Doe^John", rsp.getString(Tags.PatientName));
        assertEquals("20240110", rsp.getString(Tags.StudyDate));
        assertEquals("CT", rsp.getString(Tags.ModalitiesInStudy));
        assertEquals("1", rsp.getString(Tags.NumberOfStudyRelatedInstances));
        assertFalse(rsp.contains(Tags.SpecificCharacterSet), "default repertoire needs no (0008,0005)");
    }

    @Test
    void answersAKeyTheEntityLacksWithZeroLength() {
        Attributes keys = study("A-4");
        keys.setNull(Tags.AdmittingDiagnosesDescription, VR.LO);

        Attributes rsp = only(QueryRetrieveLevel.STUDY, keys);

        assertTrue(rsp.contains(Tags.AdmittingDiagnosesDescription));
        assertNull(rsp.getString(Tags.AdmittingDiagnosesDescription));
    }

    @Nested
    class CharacterSets {
        @Test
        void latin1NameComesBackAsStoredWithItsCharacterSet() {
            Attributes keys = study("a-3");
            keys.setNull(Tags.PatientName, VR.PN);

            Attributes rsp = only(QueryRetrieveLevel.STUDY, keys);

            assertEquals("ISO_IR 100", rsp.getString(Tags.SpecificCharacterSet));
            assertEquals("Müller^Zoë", rsp.getString(Tags.PatientName));
            assertArrayEquals("Müller^Zoë".getBytes(StandardCharsets.ISO_8859_1),
                    trimmed(rsp.getBytes(Tags.PatientName)));
        }

        @Test
        void utf8NameComesBackAsStoredWithItsCharacterSet() {
            Attributes keys = study("A-5");
            keys.setNull(Tags.PatientName, VR.PN);

            Attributes rsp = only(QueryRetrieveLevel.STUDY, keys);

            assertEquals("ISO_IR 192", rsp.getString(Tags.SpecificCharacterSet));
            String name = "Yamada^Tarou=山田^太郎=やまだ^たろう";
            assertEquals(name, rsp.getString(Tags.PatientName));
            assertArrayEquals(name.getBytes(StandardCharsets.UTF_8), trimmed(rsp.getBytes(Tags.PatientName)));
        }

        @Test
        void valuesFromObjectsInDifferentCharacterSetsAreReturnedInUtf8() {
            String study = TestHeaders.uid();
            Attributes latin = TestHeaders.instance("P7", "Öberg^Åsa", study, TestHeaders.uid());
            latin.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
            latin.setString(Tags.PatientName, VR.PN, "Öberg^Åsa");
            latin.setString(Tags.SeriesDescription, VR.LO, "Schädel");
            archive.record("S7", latin);
            Attributes utf8 = TestHeaders.instance("P7", "Öberg^Åsa", study, TestHeaders.uid());
            utf8.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 192");
            utf8.setString(Tags.PatientName, VR.PN, "Öberg^Åsa");
            utf8.setString(Tags.SeriesDescription, VR.LO, "Kopf");
            archive.record("S7", utf8);
            Attributes keys = new Attributes();
            keys.setString(Tags.SeriesInstanceUID, VR.UI, latin.getString(Tags.SeriesInstanceUID));
            keys.setNull(Tags.PatientName, VR.PN);
            keys.setNull(Tags.SeriesDescription, VR.LO);

            // The patient's name comes from the latest (UTF-8) object, the series' from the Latin-1 one.
            Attributes rsp = only(QueryRetrieveLevel.SERIES, keys);

            assertEquals("ISO_IR 192", rsp.getString(Tags.SpecificCharacterSet));
            assertEquals("Öberg^Åsa", rsp.getString(Tags.PatientName));
            assertEquals("Schädel", rsp.getString(Tags.SeriesDescription));
            assertArrayEquals("Schädel".getBytes(StandardCharsets.UTF_8),
                    trimmed(rsp.getBytes(Tags.SeriesDescription)));
        }

        private static byte[] trimmed(byte[] b) {
            int n = b.length;
            while (n > 0 && b[n - 1] == ' ') {
                n--;
            }
            return java.util.Arrays.copyOf(b, n);
        }
    }

    @Nested
    class Sequences {
        @Test
        void returnsOnlyTheRequestedItemAttributes() {
            Attributes keys = study("A-1");
            Attributes item = keys.newSequence(Tags.ProcedureCodeSequence, 1).addItem();
            item.setNull(Tags.CodeValue, VR.SH);
            item.setNull(Tags.CodeMeaning, VR.LO);

            Sequence seq = only(QueryRetrieveLevel.STUDY, keys).getSequence(Tags.ProcedureCodeSequence);

            assertEquals(1, seq.size());
            assertEquals(List.of(Tags.CodeValue, Tags.CodeMeaning), tags(seq.get(0)));
            assertEquals("CT123", seq.get(0).getString(Tags.CodeValue));
        }

        @Test
        void returnsOnlyTheMatchingItems() {
            String study = TestHeaders.uid();
            Attributes ds = TestHeaders.instance("P8", "Two^Codes", study, TestHeaders.uid());
            ds.setString(Tags.AccessionNumber, VR.SH, "A-8");
            Sequence codes = ds.newSequence(Tags.ProcedureCodeSequence, 2);
            for (String code : new String[] {"X1", "X2"}) {
                Attributes it = codes.addItem();
                it.setString(Tags.CodeValue, VR.SH, code);
                it.setString(Tags.CodingSchemeDesignator, VR.SH, "LOCAL");
            }
            archive.record("S8", ds);
            Attributes keys = study("A-8");
            Attributes item = keys.newSequence(Tags.ProcedureCodeSequence, 1).addItem();
            item.setString(Tags.CodeValue, VR.SH, "X2");
            item.setNull(Tags.CodingSchemeDesignator, VR.SH);

            Sequence seq = only(QueryRetrieveLevel.STUDY, keys).getSequence(Tags.ProcedureCodeSequence);

            assertEquals(1, seq.size());
            assertEquals("X2", seq.get(0).getString(Tags.CodeValue));
            assertEquals("LOCAL", seq.get(0).getString(Tags.CodingSchemeDesignator));
        }
    }

    @Test
    void imageLevelAnswersInstanceKeysFromTheInstanceAndDerivedOnes() {
        Attributes first = archive.headers.get("S2").get(0);
        Attributes keys = new Attributes();
        keys.setString(Tags.SOPInstanceUID, VR.UI, first.getString(Tags.SOPInstanceUID));
        keys.setNull(Tags.SOPClassUID, VR.UI);
        keys.setNull(Tags.AvailableTransferSyntaxUID, VR.UI);
        keys.setNull(Tags.InstanceAvailability, VR.CS);
        keys.setNull(Tags.StudyInstanceUID, VR.UI);

        Attributes rsp = only(QueryRetrieveLevel.IMAGE, keys);

        assertEquals(TestHeaders.CT_IMAGE, rsp.getString(Tags.SOPClassUID));
        assertEquals(TestHeaders.EXPLICIT_LE, rsp.getString(Tags.AvailableTransferSyntaxUID));
        assertEquals("ONLINE", rsp.getString(Tags.InstanceAvailability));
        assertEquals(archive.uids.get("S2"), rsp.getString(Tags.StudyInstanceUID));
        assertEquals("IMAGE", rsp.getString(Tags.QueryRetrieveLevel));
    }
}
