// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.EventId;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.DicomFile;
import org.pacs.dicom.io.Part10Reader;

class ExportCommandTest {
    static final String STUDY = "1.2.826.0.1.3680043.99.1";
    static final String SERIES = STUDY + ".1";

    @TempDir
    Path tmp;
    TestArchive archive;
    List<Path> sources;

    /** One study of two instances, the second referencing the first; a private tag; then imported. */
    @BeforeEach
    void storeAStudy() throws IOException {
        archive = new TestArchive(tmp.resolve("data"));
        Attributes first = TestArchive.ct("PID-4711", "Doe^Jane", STUDY, SERIES, SERIES + ".1", 1);
        Attributes second = TestArchive.ct("PID-4711", "Doe^Jane", STUDY, SERIES, SERIES + ".2", 2);
        Sequence refs = second.newSequence(Tags.ReferencedImageSequence, 1);
        Attributes ref = refs.addItem();
        ref.setString(Tags.ReferencedSOPClassUID, VR.UI, TestArchive.CT);
        ref.setString(Tags.ReferencedSOPInstanceUID, VR.UI, SERIES + ".1");
        second.setString(0x00090010, VR.LO, "ACME 1.0");
        second.setString(0x00091001, VR.LO, "Jane's private note");
        second.setString(Tags.InstitutionName, VR.LO, "St. Example Hospital");
        sources = List.of(TestArchive.write(tmp.resolve("in/1.dcm"), first),
                TestArchive.write(tmp.resolve("in/2.dcm"), second));
        TestArchive.Run imported = archive.run("import", tmp.resolve("in").toString());
        assertEquals(0, imported.status(), imported::toString);
    }

    private List<DicomFile> exported(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> sorted = files.filter(Files::isRegularFile).sorted().toList();
            List<DicomFile> read = new java.util.ArrayList<>();
            for (Path f : sorted) {
                read.add(Part10Reader.read(f));
            }
            return read;
        }
    }

    @Test
    void writesTheStoredFilesAndWarnsThatTheyArePlaintext() throws IOException {
        Path out = tmp.resolve("out");

        TestArchive.Run run = archive.run("export", "--study", STUDY, "--out", out.toString());

        assertEquals(0, run.status(), run::toString);
        assertTrue(run.out().contains("PLAINTEXT"), run::toString);
        assertArrayEquals(ImportCommandTest.dataSetOf(Files.readAllBytes(sources.get(0))),
                ImportCommandTest.dataSetOf(Files.readAllBytes(out.resolve("S001/I00001.dcm"))));
        List<AuditEvent> exports = archive.auditEvents().stream().filter(e -> e.is(EventId.EXPORT)).toList();
        assertEquals(1, exports.size());
        assertTrue(exports.get(0).participantObjects().stream().anyMatch(o -> o.id().equals(STUDY)));
    }

    @Nested
    class Deidentified {
        Path out;
        List<DicomFile> files;

        @BeforeEach
        void export() throws IOException {
            out = tmp.resolve("deid");
            TestArchive.Run run = archive.run("export", "--study", STUDY, "--out", out.toString(), "--deidentify");
            assertEquals(0, run.status(), run::toString);
            assertFalse(run.out().contains("PLAINTEXT"), run::toString);
            files = exported(out);
            assertEquals(2, files.size());
        }

        @Test
        void leavesNoIdentifyingValueOfTheSource() throws IOException {
            for (Path f : Files.walk(out).filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String identifying : List.of("Doe", "PID-4711", STUDY, "ACC1", "Referrer", "19700101",
                        "20240102", "Example Hospital", "ACME", "private note")) {
                    assertFalse(bytes.contains(identifying), f + " still holds " + identifying);
                }
            }
            Attributes ds = files.get(1).dataSet();
            assertEquals("", ds.getString(Tags.PatientName, ""));
            assertEquals("", ds.getString(Tags.PatientID, ""));
            assertNull(ds.getValue(0x00091001), "private attributes removed");
            assertEquals("YES", ds.getString(Tags.PatientIdentityRemoved));
            Attributes code = ds.getSequence(Tags.DeidentificationMethodCodeSequence).get(0);
            assertEquals("113100", code.getString(Tags.CodeValue));
            assertEquals("DCM", code.getString(Tags.CodingSchemeDesignator));
            assertTrue(ds.getString(Tags.DeidentificationMethod).contains("E.1"));
        }

        @Test
        void remapsUidsConsistentlyAcrossTheInstances() {
            Attributes a = files.get(0).dataSet();
            Attributes b = files.get(1).dataSet();
            assertTrue(a.getString(Tags.StudyInstanceUID).startsWith("2.25."));
            assertEquals(a.getString(Tags.StudyInstanceUID), b.getString(Tags.StudyInstanceUID));
            assertEquals(a.getString(Tags.SeriesInstanceUID), b.getString(Tags.SeriesInstanceUID));
            assertEquals(a.getString(Tags.FrameOfReferenceUID), b.getString(Tags.FrameOfReferenceUID));
            assertNotEquals(a.getString(Tags.SOPInstanceUID), b.getString(Tags.SOPInstanceUID));
            assertEquals(a.getString(Tags.SOPInstanceUID),
                    b.getSequence(Tags.ReferencedImageSequence).get(0).getString(Tags.ReferencedSOPInstanceUID),
                    "the reference follows the referenced instance");
            assertEquals(TestArchive.CT, a.getString(Tags.SOPClassUID), "SOP Class UID is not an identifier");
            assertEquals(a.getString(Tags.SOPInstanceUID),
                    files.get(0).fileMetaInformation().getString(Tags.MediaStorageSOPInstanceUID));
        }

        @Test
        void leavesThePixelDataUntouched() throws IOException {
            for (int i = 0; i < 2; i++) {
                byte[] original = Part10Reader.read(sources.get(i)).dataSet().getBytes(Tags.PixelData);
                assertArrayEquals(original, files.get(i).dataSet().getBytes(Tags.PixelData));
            }
        }

        @Test
        void aSecondExportCannotBeLinkedToTheFirst() throws IOException {
            Path again = tmp.resolve("again");
            archive.run("export", "--study", STUDY, "--out", again.toString(), "--deidentify");
            Set<String> first = new HashSet<>();
            files.forEach(f -> first.add(f.dataSet().getString(Tags.StudyInstanceUID)));
            assertFalse(first.contains(exported(again).get(0).dataSet().getString(Tags.StudyInstanceUID)));
        }
    }

    @Test
    void refusesAFolderThatIsNotEmpty() throws IOException {
        Path out = tmp.resolve("full");
        Files.createDirectories(out);
        Files.writeString(out.resolve("other.txt"), "x");

        TestArchive.Run run = archive.run("export", "--study", STUDY, "--out", out.toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("not empty"), run::toString);
    }

    @Test
    void saysSoWhenTheStudyIsUnknown() {
        TestArchive.Run run = archive.run("export", "--study", "1.2.3.404", "--out", tmp.resolve("x").toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("no study"), run::toString);
    }
}
