// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.dimse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.CatalogSecrets;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.archive.catalog.InstanceLocation;
import org.pacs.archive.catalog.QueryRetrieveLevel;
import org.pacs.archive.ingest.IngestListener;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.archive.ingest.IngestRequest;
import org.pacs.archive.ingest.IngestSource;
import org.pacs.archive.query.QueryEngine;
import org.pacs.archive.query.QueryOptions;
import org.pacs.archive.retrieve.Retriever;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.io.DataSetWriter;
import org.pacs.dicom.io.TransferSyntax;
import org.pacs.dicom.net.Acceptor;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.Implementation;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.ServiceRegistry;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KdfParameters;
import org.pacs.storage.crypto.KekSecret;
import org.pacs.storage.crypto.KekSecretSource;
import org.pacs.storage.crypto.KeyRing;

/**
 * A real archive for the DICOM service tests: key ring, encrypted blob store and H2 catalog in a
 * temporary directory, objects stored through the ingest pipeline, and the services served by our own
 * {@link Acceptor} on 127.0.0.1 as AE "ARCHIVE".
 */
final class TestArchive implements AutoCloseable {
    static final String AE = "ARCHIVE";
    static final Duration T = Duration.ofSeconds(10);
    static final Limits LIMITS = Limits.DEFAULTS.withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(30),
            Duration.ofSeconds(5));

    static final String CT = UID.CTImageStorage;
    static final String MR = UID.MRImageStorage;
    static final String ILE = UID.ImplicitVRLittleEndian;
    static final String ELE = UID.ExplicitVRLittleEndian;
    static final String DEFLATED = UID.DeflatedExplicitVRLittleEndian;
    static final String JPEG_BASELINE = UID.JPEGBaseline8Bit;
    static final String PATIENT_ROOT_FIND = QueryRetrieveModels.PATIENT_ROOT_FIND;
    static final String STUDY_ROOT_FIND = QueryRetrieveModels.STUDY_ROOT_FIND;
    static final String PATIENT_ROOT_MOVE = QueryRetrieveModels.PATIENT_ROOT_MOVE;
    static final String STUDY_ROOT_MOVE = QueryRetrieveModels.STUDY_ROOT_MOVE;
    static final String STUDY_ROOT_GET = QueryRetrieveModels.STUDY_ROOT_GET;
    /** Patient/Study Only FIND (retired): negotiated here only to show the service refuses it. */
    static final String PATIENT_STUDY_ONLY_FIND = "1.2.840.10008.5.1.4.1.2.3.1";

    final Path dir;
    final KeyRing keyRing;
    final BlobStore blobs;
    final Catalog catalog;
    final IngestPipeline ingest;
    final QueryEngine engine;
    final Retriever retriever;
    final TestPeerAccess access = new TestPeerAccess();
    final RecordingAudit audit = new RecordingAudit();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    TestArchive(Path dir) throws IOException {
        this.dir = dir;
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
        catalog = Catalog.open(CatalogConfig.h2(dir, CatalogSecrets.generate(new SecureRandom())).rebuildThreads(1)
                .build());
        ingest = new IngestPipeline(blobs, catalog, DuplicatePolicy.KEEP_EXISTING, IngestListener.none());
        engine = new QueryEngine(catalog);
        retriever = new Retriever(catalog, blobs, engine, T);
    }

    /**
     * Serves FIND, MOVE, GET and Storage Commitment as "ARCHIVE"; sub-associations go through
     * {@code outgoing}.
     */
    Acceptor start(Connector outgoing) throws IOException {
        StorageCommitmentScp commitment = new StorageCommitmentScp(catalog, blobs, access, audit, outgoing, LIMITS,
                T);
        ServiceRegistry services = ServiceRegistry.builder()
                .find(new ArchiveFindScp(engine, access, audit, QueryOptions.DEFAULT))
                .move(new ArchiveMoveScp(retriever, access, audit, outgoing, LIMITS))
                .get(new ArchiveGetScp(retriever, access, audit))
                .action(commitment)
                .build();
        List<TransferCapability> caps = new ArrayList<>();
        for (String sop : List.of(PATIENT_ROOT_FIND, STUDY_ROOT_FIND, PATIENT_ROOT_MOVE, STUDY_ROOT_MOVE,
                STUDY_ROOT_GET, PATIENT_STUDY_ONLY_FIND, UID.StorageCommitmentPushModel)) {
            caps.add(TransferCapability.scp(sop, ELE, ILE));
        }
        for (String sop : List.of(CT, MR)) {
            caps.add(TransferCapability.scu(sop, ELE, ILE, JPEG_BASELINE, DEFLATED));
        }
        AcceptorSettings settings = new AcceptorSettings(caps, TransferSyntaxPreference.ACCEPTOR, 256 * 1024,
                Implementation.CLASS_UID, Implementation.VERSION_NAME, null, null, false, null);
        Acceptor acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings,
                commitment.reportingAfterResponse(services), LIMITS, null);
        closeables.add(acceptor);
        return acceptor;
    }

    /** A CT image of 128 x 128 16-bit pixels (32 KiB) or more; {@code pixelBytes} above 64 KiB spools when transcoded. */
    static Attributes ct(String patientId, String patientName, String referring, String studyUid, String seriesUid,
            String iuid, int pixelBytes) {
        Attributes ds = new Attributes();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.SOPClassUID, VR.UI, CT);
        ds.setString(Tags.SOPInstanceUID, VR.UI, iuid);
        ds.setString(Tags.StudyDate, VR.DA, "20240115");
        ds.setString(Tags.StudyTime, VR.TM, "101500");
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC-" + patientId);
        ds.setString(Tags.Modality, VR.CS, "CT");
        ds.setString(Tags.ReferringPhysicianName, VR.PN, referring);
        ds.setString(Tags.StudyDescription, VR.LO, "CHEST");
        ds.setString(Tags.PatientName, VR.PN, patientName);
        ds.setString(Tags.PatientID, VR.LO, patientId);
        ds.setString(Tags.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tags.StudyInstanceUID, VR.UI, studyUid);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, seriesUid);
        ds.setInt(Tags.SeriesNumber, VR.IS, 1);
        ds.setInt(Tags.InstanceNumber, VR.IS, 1);
        ds.setInt(Tags.Rows, VR.US, 128);
        ds.setInt(Tags.Columns, VR.US, pixelBytes / 256);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        ds.setDouble(Tags.SliceThickness, VR.DS, 1.25);
        byte[] pixels = new byte[pixelBytes];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + 7);
        }
        ds.setBytes(Tag.PIXEL_DATA, VR.OW, pixels);
        return ds;
    }

    /** {@code ds} with its Pixel Data replaced by one JPEG-like fragment (never decoded here). */
    static Attributes encapsulated(Attributes ds) {
        ds.remove(Tag.PIXEL_DATA);
        ds.setInt(Tags.BitsAllocated, VR.US, 8);
        Fragments f = ds.newFragments(Tag.PIXEL_DATA, VR.OB, 2);
        f.add(new byte[0]);
        byte[] frame = new byte[1000];
        Arrays.fill(frame, (byte) 0x5A);
        frame[0] = (byte) 0xFF;
        frame[1] = (byte) 0xD8;
        f.add(frame);
        return ds;
    }

    static byte[] encode(Attributes ds, String transferSyntaxUid) throws IOException {
        if (TransferSyntax.of(transferSyntaxUid).deflated()) {
            return Identifiers.encode(ds, transferSyntaxUid);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new DataSetWriter(out, TransferSyntax.of(transferSyntaxUid)).write(ds);
        return out.toByteArray();
    }

    /** Stores {@code ds} encoded in {@code transferSyntaxUid} through the ingest pipeline; returns what was sent. */
    byte[] store(Attributes ds, String transferSyntaxUid) throws IOException {
        byte[] encoded = encode(ds, transferSyntaxUid);
        IngestOutcome o = ingest.ingest(new IngestRequest(ds.getString(Tags.SOPClassUID),
                ds.getString(Tags.SOPInstanceUID), transferSyntaxUid, IngestSource.dicom("MODALITY", "127.0.0.1")),
                new ByteArrayInputStream(encoded));
        assertEquals(IngestOutcome.SUCCESS, o.status(), o.errorComment());
        return encoded;
    }

    InstanceLocation location(String sopInstanceUid) {
        return catalog.findInstances(QueryRetrieveLevel.IMAGE, sopInstanceUid).getFirst();
    }

    /** The encrypted file holding an instance's blob. */
    Path blobFile(String sopInstanceUid) throws IOException {
        String name = location(sopInstanceUid).blob().blobId() + ".blob";
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
    }

    /** Flips one byte of ciphertext near the end of the blob. */
    void tamper(String sopInstanceUid) throws IOException {
        Path file = blobFile(sopInstanceUid);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 40] ^= 0x01;
        Files.write(file, bytes);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closeables.reversed()) {
            c.close();
        }
        catalog.close();
        blobs.close();
        keyRing.close();
    }
}
