// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.CatalogSecrets;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.DataSetWriter;
import org.pacs.dicom.io.Part10Reader;
import org.pacs.dicom.io.ReadOptions;
import org.pacs.dicom.io.TransferSyntax;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KdfParameters;
import org.pacs.storage.crypto.KekSecret;
import org.pacs.storage.crypto.KekSecretSource;
import org.pacs.storage.crypto.KeyRing;

class IngestPipelineTest {
    private static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    private static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";

    @TempDir
    Path dir;
    private KeyRing keyRing;
    private BlobStore blobs;
    private Catalog catalog;
    private final List<IngestOutcome> heard = new ArrayList<>();

    @BeforeEach
    void open() throws IOException {
        KekSecret secret = KekSecret.of("a test secret that is long enough");
        KekSecretSource source = new KekSecretSource() {
            @Override
            public Optional<KekSecret> read(Path dataDirectory) {
                return Optional.of(secret);
            }

            @Override
            public String description() {
                return "test secret";
            }
        };
        keyRing = KeyRing.open(dir, source, new KdfParameters(1024, 1, 1)).keyRing();
        blobs = EncryptedBlobStore.open(dir, keyRing);
        catalog = Catalog.open(CatalogConfig.h2(dir, CatalogSecrets.generate(new SecureRandom())).build());
    }

    @AfterEach
    void close() throws IOException {
        catalog.close();
        blobs.close();
        keyRing.close();
    }

    private IngestPipeline pipeline(DuplicatePolicy policy) {
        return new IngestPipeline(blobs, catalog, policy, (request, outcome, patientId) -> heard.add(outcome));
    }

    static Attributes ct(String iuid, int pixelBytes) {
        Attributes ds = new Attributes();
        ds.setString(Tags.SOPClassUID, VR.UI, CT);
        ds.setString(Tags.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3.100");
        ds.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.3.100.1");
        ds.setString(Tags.PatientID, VR.LO, "PID-0001");
        ds.setString(Tags.PatientName, VR.PN, "Ingest^Test");
        ds.setString(Tags.Modality, VR.CS, "CT");
        ds.setString(Tags.StudyDate, VR.DA, "20240131");
        byte[] pixels = new byte[pixelBytes];
        Arrays.fill(pixels, (byte) 7);
        ds.setBytes(Tag.PIXEL_DATA, VR.OW, pixels);
        return ds;
    }

    static byte[] encode(Attributes ds) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DataSetWriter(out, TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN).write(ds);
        return out.toByteArray();
    }

    private IngestOutcome store(IngestPipeline p, String cuid, String iuid, byte[] dataSet) throws IOException {
        return p.ingest(new IngestRequest(cuid, iuid, EXPLICIT_LE, IngestSource.dicom("CT_ROOM1", "127.0.0.1")),
                new ByteArrayInputStream(dataSet));
    }

    private long blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".blob")).count();
        }
    }

    @Test
    void storesAPart10FileWhoseDataSetIsByteForByteWhatWasSent() throws IOException {
        byte[] sent = encode(ct("1.2.3.100.1.1", 512 * 512 * 2));
        IngestOutcome o = store(pipeline(DuplicatePolicy.KEEP_EXISTING), CT, "1.2.3.100.1.1", sent);
        assertEquals(IngestOutcome.SUCCESS, o.status());
        assertEquals("1.2.3.100", o.studyInstanceUid());
        List<InstanceLocation> found = catalog.findInstances(QueryRetrieveLevel.STUDY, "1.2.3.100");
        assertEquals(1, found.size());
        try (InputStream in = blobs.open(found.get(0).blob().toBlobRef())) {
            byte[] file = in.readAllBytes();
            assertArrayEquals(sent, Arrays.copyOfRange(file, file.length - sent.length, file.length));
            try (Part10Reader r = new Part10Reader(new ByteArrayInputStream(file), ReadOptions.defaults())) {
                assertEquals(EXPLICIT_LE, r.fileMetaInformation().getString(Tags.TransferSyntaxUID));
                assertEquals("1.2.3.100.1.1", r.fileMetaInformation().getString(Tags.MediaStorageSOPInstanceUID));
            }
        }
        assertEquals(List.of(o), heard);
    }

    @Test
    void aHeaderLargerThanTheCaptureIsReadBackFromTheStoredBlob() throws IOException {
        Attributes ds = ct("1.2.3.100.1.2", 64);
        ds.setString(Tags.StudyDescription, VR.LO, "x");
        ds.setBytes(0x00091010, VR.OB, new byte[2 << 20]);
        IngestOutcome o = store(pipeline(DuplicatePolicy.KEEP_EXISTING), CT, "1.2.3.100.1.2", encode(ds));
        assertEquals(IngestOutcome.SUCCESS, o.status(), o.errorComment());
    }

    @Test
    void aSecondCopyIsDiscardedWithAWarningAndLeavesOneBlob() throws IOException {
        IngestPipeline p = pipeline(DuplicatePolicy.KEEP_EXISTING);
        byte[] sent = encode(ct("1.2.3.100.1.3", 1024));
        assertEquals(IngestOutcome.SUCCESS, store(p, CT, "1.2.3.100.1.3", sent).status());
        IngestOutcome second = store(p, CT, "1.2.3.100.1.3", sent);
        assertEquals(IngestOutcome.ELEMENTS_DISCARDED, second.status());
        assertTrue(second.stored());
        assertEquals(1, blobFiles());
    }

    @Test
    void replacingKeepsOnlyTheNewBlob() throws IOException {
        IngestPipeline p = pipeline(DuplicatePolicy.REPLACE);
        assertEquals(IngestOutcome.SUCCESS, store(p, CT, "1.2.3.100.1.4", encode(ct("1.2.3.100.1.4", 1024))).status());
        assertEquals(IngestOutcome.SUCCESS, store(p, CT, "1.2.3.100.1.4", encode(ct("1.2.3.100.1.4", 2048))).status());
        assertEquals(1, blobFiles());
        InstanceLocation loc = catalog.findInstances(QueryRetrieveLevel.STUDY, "1.2.3.100").get(0);
        assertTrue(loc.blob().size() > 2048);
    }

    @Test
    void aDataSetOfAnotherSopClassFailsWithA900AndStoresNothing() throws IOException {
        IngestOutcome o = store(pipeline(DuplicatePolicy.KEEP_EXISTING), "1.2.840.10008.5.1.4.1.1.4",
                "1.2.3.100.1.5", encode(ct("1.2.3.100.1.5", 16)));
        assertEquals(IngestOutcome.DATA_SET_DOES_NOT_MATCH_SOP_CLASS, o.status());
        assertFalse(o.stored());
        assertEquals(0, blobFiles());
        assertEquals(0, catalog.countInstances());
    }

    @Test
    void garbageFailsWithCannotUnderstandAndAShortComment() throws IOException {
        byte[] garbage = new byte[100];
        new SecureRandom().nextBytes(garbage);
        garbage[0] = 0x08;
        garbage[1] = 0;
        IngestOutcome o = store(pipeline(DuplicatePolicy.KEEP_EXISTING), CT, "1.2.3.9", garbage);
        assertEquals(IngestOutcome.CANNOT_UNDERSTAND, (o.status() & 0xF000) == 0xC000 ? o.status() : -1,
                o.errorComment());
        assertTrue(o.errorComment().length() <= 64);
        assertEquals(0, blobFiles());
    }

    @Test
    void aMissingStudyUidIsRefused() throws IOException {
        Attributes ds = ct("1.2.3.100.1.6", 16);
        ds.remove(Tags.StudyInstanceUID);
        IngestOutcome o = store(pipeline(DuplicatePolicy.KEEP_EXISTING), CT, "1.2.3.100.1.6", encode(ds));
        assertEquals(IngestOutcome.CANNOT_UNDERSTAND, o.status());
        assertNull(o.studyInstanceUid());
    }

    @Test
    void aBrokenStreamStoresNothingAndPropagates() throws IOException {
        byte[] sent = encode(ct("1.2.3.100.1.7", 100_000));
        InputStream failing = new InputStream() {
            private int left = 50_000;
            private final InputStream in = new ByteArrayInputStream(sent);

            @Override
            public int read() throws IOException {
                if (left-- <= 0) {
                    throw new IOException("peer aborted");
                }
                return in.read();
            }
        };
        assertThrows(IOException.class, () -> pipeline(DuplicatePolicy.KEEP_EXISTING).ingest(
                new IngestRequest(CT, "1.2.3.100.1.7", EXPLICIT_LE, IngestSource.dicom("X", "127.0.0.1")), failing));
        assertEquals(0, blobFiles());
        assertEquals(0, catalog.countInstances());
    }
}
