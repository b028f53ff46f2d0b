// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.EventId;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Sequence;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KeyRing;

class ImportCommandTest {
    @TempDir
    Path tmp;
    TestArchive archive;
    Path in;

    @BeforeEach
    void archive() throws IOException {
        archive = new TestArchive(tmp.resolve("data"));
        in = tmp.resolve("in");
    }

    private Path ct(String name, int seed) throws IOException {
        return TestArchive.write(in.resolve(name), TestArchive.ct("PID" + seed, "Doe^Jane", "1.2.3." + seed,
                "1.2.3." + seed + ".1", "1.2.3." + seed + ".1.1", seed));
    }

    private long instances() throws IOException {
        return archive.withCatalog(c -> c.countInstances());
    }

    @Nested
    class Folders {
        @Test
        void storesEveryDicomFileAndReportsTheOthersByReason() throws IOException {
            ct("a/one.dcm", 1);
            ct("a/b/two.dcm", 2);
            Files.writeString(in.resolve("a/notes.txt"), "not an image");
            byte[] whole = Files.readAllBytes(ct("a/cut.dcm", 3));
            Files.write(in.resolve("a/cut.dcm"), java.util.Arrays.copyOf(whole, 150));

            TestArchive.Run run = archive.run("import", in.toString());

            assertEquals(0, run.status(), run::toString);
            assertTrue(run.out().contains("stored: 2"), run::toString);
            assertTrue(run.out().contains("skipped, not DICOM: 1"), run::toString);
            assertTrue(run.out().contains("skipped, damaged: 1"), run::toString);
            assertTrue(run.out().contains("notes.txt") && run.out().contains("cut.dcm"), run::toString);
            assertEquals(2, instances());
        }

        @Test
        void reportsAFileCutInsideItsPixelDataAsDamagedAndStoresNothing() throws IOException {
            byte[] whole = Files.readAllBytes(ct("cut-pixels.dcm", 9));
            Files.write(in.resolve("cut-pixels.dcm"), java.util.Arrays.copyOf(whole, whole.length - 10));

            TestArchive.Run run = archive.run("import", in.toString());

            assertTrue(run.out().contains("stored: 0") && run.out().contains("skipped, damaged: 1"), run::toString);
            assertEquals(0, instances());
        }

        @Test
        void storesTheBytesAsTheyWereInTheFile() throws IOException {
            Path file = ct("one.dcm", 4);
            archive.run("import", file.toString());

            byte[] stored = storedBytes("1.2.3.4.1.1");
            assertArrayEquals(dataSetOf(Files.readAllBytes(file)), dataSetOf(stored),
                    "the data set is stored byte for byte");
        }

        @Test
        void aRerunSkipsWhatIsAlreadyIn() throws IOException {
            ct("one.dcm", 5);
            ct("two.dcm", 6);
            assertEquals(0, archive.run("import", in.toString()).status());

            TestArchive.Run again = archive.run("import", in.toString());

            assertTrue(again.out().contains("stored: 0"), again::toString);
            assertTrue(again.out().contains("already imported by an earlier run: 2"), again::toString);
            assertEquals(2, instances());
        }

        @Test
        void aCopyOfAFileAlreadyInIsAnsweredByTheDuplicatePolicy() throws IOException {
            Path one = ct("one.dcm", 7);
            archive.run("import", one.toString());
            Path copy = in.resolve("copy/one.dcm");
            Files.createDirectories(copy.getParent());
            Files.copy(one, copy);

            TestArchive.Run run = archive.run("import", copy.toString());

            assertTrue(run.out().contains("duplicate (the archive's copy kept): 1"), run::toString);
            assertEquals(1, instances());
        }

        @Test
        void keepsNoFilePathInTheProgressRecord() throws IOException {
            ct("Doe_Jane/one.dcm", 8);
            archive.run("import", in.toString());

            for (Path f : Files.list(archive.data.resolve("import")).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains("Doe_Jane") || text.contains("one.dcm"), f.toString());
            }
        }
    }

    @Test
    void importsTheEntriesOfAZipFileWithoutExtractingThem() throws IOException {
        Path a = ct("z/a.dcm", 10);
        Path b = ct("z/b.dcm", 11);
        Path zip = tmp.resolve("cd.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (Path f : List.of(a, b)) {
                z.putNextEntry(new ZipEntry("DICOM/" + f.getFileName()));
                Files.copy(f, z);
                z.closeEntry();
            }
            z.putNextEntry(new ZipEntry("README.TXT"));
            z.write("hello".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }

        TestArchive.Run run = archive.run("import", zip.toString());

        assertTrue(run.out().contains("stored: 2"), run::toString);
        assertTrue(run.out().contains("skipped, not DICOM: 1"), run::toString);
        assertEquals(2, instances());
        TestArchive.Run again = archive.run("import", zip.toString());
        assertTrue(again.out().contains("already imported by an earlier run: 2"), again::toString);
    }

    @Test
    void importsTheFilesADicomdirReferences() throws IOException {
        ct("IMAGES/IM1", 20);
        ct("IMAGES/IM2", 21);
        ct("IMAGES/NOT_LISTED", 22);
        Attributes dir = new Attributes();
        dir.setString(Tags.FileSetID, VR.CS, "TEST");
        Sequence records = dir.newSequence(Tags.DirectoryRecordSequence, 3);
        records.addItem().setString(Tags.DirectoryRecordType, VR.CS, "PATIENT");
        for (String name : List.of("IM1", "IM2")) {
            Attributes r = records.addItem();
            r.setString(Tags.DirectoryRecordType, VR.CS, "IMAGE");
            r.setString(Tags.ReferencedFileID, VR.CS, "IMAGES", name);
        }
        Part10Writer.write(in.resolve("DICOMDIR"), Part10Writer.fileMetaInformation("1.2.840.10008.1.3.10",
                "1.2.3.99", TestArchive.EXPLICIT_LE), dir);

        TestArchive.Run run = archive.run("import", in.resolve("DICOMDIR").toString());

        assertTrue(run.out().contains("stored: 2"), run::toString);
        assertEquals(2, instances());
    }

    @Test
    void recordsOneImportAuditEventPerPatient() throws IOException {
        ct("one.dcm", 30);
        ct("two.dcm", 31);

        archive.run("import", in.toString());

        List<AuditEvent> imports = archive.auditEvents().stream().filter(e -> e.is(EventId.IMPORT)).toList();
        assertEquals(2, imports.size(), imports::toString);
        assertTrue(imports.stream().anyMatch(e -> e.participantObjects().stream().anyMatch(o -> o.id().equals("1.2.3.30"))));
    }

    @Test
    void refusesADirectoryThatHoldsNoArchiveYet() throws IOException {
        ct("one.dcm", 41);
        TestArchive fresh = new TestArchive(tmp.resolve("fresh"), false);

        TestArchive.Run run = fresh.run("import", in.toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("./pacs start"), run::toString);
        assertFalse(Files.exists(fresh.data.resolve("keys/kek.keystore")), "no key store made behind the operator's back");
    }

    @Test
    void refusesWhileTheArchiveRunsAndSaysWhatToUseInstead() throws IOException {
        ct("one.dcm", 40);
        Properties status = new Properties();
        status.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        new ServerStatusFile(archive.data).write(status);

        TestArchive.Run run = archive.run("import", in.toString());

        assertEquals(1, run.status());
        assertTrue(run.err().contains("the archive is running") && run.err().contains("storescu +tls"), run::toString);
    }

    private byte[] storedBytes(String sopInstanceUid) throws IOException {
        List<InstanceLocation> found = archive.withCatalog(c -> c.findInstances(QueryRetrieveLevel.IMAGE, sopInstanceUid));
        assertEquals(1, found.size());
        try (KeyRing keys = ArchiveKeyRing.open(archive.config()).keyRing();
             BlobStore blobs = EncryptedBlobStore.open(archive.data, keys);
             InputStream s = blobs.open(found.get(0).blob().toBlobRef())) {
            return s.readAllBytes();
        }
    }

    /** The bytes after the File Meta Information (whose implementation fields differ by writer). */
    static byte[] dataSetOf(byte[] part10) {
        int groupLength = (part10[140] & 0xFF) | (part10[141] & 0xFF) << 8 | (part10[142] & 0xFF) << 16
                | (part10[143] & 0xFF) << 24;
        return java.util.Arrays.copyOfRange(part10, 144 + groupLength, part10.length);
    }

}
