// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.CatalogSecrets;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.archive.ingest.IngestRequest;
import org.pacs.archive.query.QueryEngine;
import org.pacs.archive.query.QueryOptions;
import org.pacs.archive.retrieve.Retriever;
import org.pacs.auth.identity.AuthenticationException;
import org.pacs.auth.identity.Authenticator;
import org.pacs.auth.identity.Principal;
import org.pacs.auth.identity.Role;
import org.pacs.auth.pki.CertificateAuthority;
import org.pacs.auth.pki.IssuedCertificate;
import org.pacs.auth.pki.KeyAlgorithm;
import org.pacs.auth.tls.TlsContexts;
import org.pacs.auth.tls.TlsPolicy;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicomweb.http.Caller;
import org.pacs.dicomweb.http.WebAudit;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KdfParameters;
import org.pacs.storage.crypto.KekSecret;
import org.pacs.storage.crypto.KekSecretSource;
import org.pacs.storage.crypto.KeyRing;

/**
 * A real archive (key ring, encrypted blob store, H2 catalog, ingest pipeline, query engine and
 * retriever in a temporary directory) behind a real {@link DicomWebServer} on 127.0.0.1 over HTTPS with
 * a test CA, fixed bearer tokens for each role, a recording audit, and an HTTP client trusting the CA.
 */
final class WebFixture implements AutoCloseable {
    static final String ADMIN = "t-admin";
    static final String RADIOLOGIST = "t-radiologist";
    static final String DOCTOR_A = "t-doctor-a";
    static final String DOCTOR_B = "t-doctor-b";
    static final String UPLOADER = "t-uploader";
    static final String AUDITOR = "t-auditor";
    static final Duration T = Duration.ofSeconds(20);

    static final Map<String, Principal> PRINCIPALS = Map.of(
            ADMIN, new Principal("alice", Set.of(Role.ADMIN), Set.of()),
            RADIOLOGIST, new Principal("rita", Set.of(Role.RADIOLOGIST), Set.of()),
            DOCTOR_A, new Principal("anna", Set.of(Role.REFERRING_PHYSICIAN), Set.of("SMITH^ANNA")),
            DOCTOR_B, new Principal("bob", Set.of(Role.REFERRING_PHYSICIAN), Set.of("JONES^BOB")),
            UPLOADER, new Principal("ulf", Set.of(Role.UPLOADER), Set.of()),
            AUDITOR, new Principal("otto", Set.of(Role.AUDITOR), Set.of()));

    final Path dir;
    final KeyRing keyRing;
    final BlobStore blobs;
    final Catalog catalog;
    final IngestPipeline ingest;
    final QueryEngine engine;
    final Retriever retriever;
    final RecordingAudit audit = new RecordingAudit();
    final List<IngestOutcome> ingested = Collections.synchronizedList(new ArrayList<>());
    final CertificateAuthority ca;
    final SSLContext serverTls;
    final HttpClient client;
    DicomWebServer server;

    WebFixture(Path dir) throws IOException {
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
        ingest = new IngestPipeline(blobs, catalog, DuplicatePolicy.KEEP_EXISTING,
                (request, outcome, patientId) -> ingested.add(outcome));
        engine = new QueryEngine(catalog);
        retriever = new Retriever(catalog, blobs, engine, T);
        ca = CertificateAuthority.create("Test CA", KeyAlgorithm.EC_P256, Clock.systemUTC());
        IssuedCertificate cert = ca.issueServer(List.of("localhost", "127.0.0.1"), KeyAlgorithm.EC_P256);
        serverTls = TlsContexts.server(cert, List.of(ca.certificate()));
        client = HttpClient.newBuilder().sslContext(TlsContexts.client(null, List.of(ca.certificate())))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    static Authenticator authenticator() {
        return token -> {
            Principal p = PRINCIPALS.get(token);
            if (p == null) {
                throw new AuthenticationException("unknown test token");
            }
            return p;
        };
    }

    WebFixture start(DicomWebOptions options) throws IOException {
        server = another(options);
        return this;
    }

    /** One more server on the same archive (other limits); the caller closes it. */
    DicomWebServer another(DicomWebOptions options) throws IOException {
        return another(options, authenticator(), null);
    }

    /** A server with another authenticator and, for the embedded mode, its token endpoint. */
    DicomWebServer another(DicomWebOptions options, Authenticator authenticator,
            org.pacs.auth.identity.EmbeddedSignIn signIn) throws IOException {
        ArchiveServices archive = new ArchiveServices(catalog, blobs, engine, retriever, ingest, QueryOptions.DEFAULT);
        return DicomWebServer.start(options, serverTls, new TlsPolicy(List.of("TLSv1.3", "TLSv1.2"),
                TlsPolicy.ClientAuth.NONE), archive, authenticator, signIn, new RoleScopeResolver(), audit);
    }

    String base() {
        return "https://127.0.0.1:" + server.httpsPort();
    }

    String root() {
        return base() + DicomWebServer.SERVICE_ROOT;
    }

    HttpRequest.Builder request(String pathAndQuery, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(root() + pathAndQuery)).timeout(T);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    HttpResponse<byte[]> get(String pathAndQuery, String token, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder b = request(pathAndQuery, token).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<String> getText(String pathAndQuery, String token, String accept)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(pathAndQuery, token).GET();
        if (accept != null) {
            b.header("Accept", accept);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** STOW-RS of Part 10 files to {@code path} ("/studies" or "/studies/{uid}"). */
    HttpResponse<String> stow(String path, String token, byte[]... files) throws IOException, InterruptedException {
        String boundary = "b-" + Long.toHexString(new SecureRandom().nextLong());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] f : files) {
            body.writeBytes(("--" + boundary + "\r\nContent-Type: application/dicom\r\n\r\n").getBytes());
            body.writeBytes(f);
            body.writeBytes("\r\n".getBytes());
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes());
        HttpRequest r = request(path, token)
                .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=" + boundary)
                .header("Accept", "application/dicom+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return client.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** A small CT image: {@code rows} x 16 pixels of 16 bits. */
    static Attributes ct(String patientId, String patientName, String referring, String study, String series,
            String sop, int instanceNumber) {
        Attributes ds = new Attributes();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.SOPClassUID, VR.UI, UID.CTImageStorage);
        ds.setString(Tags.SOPInstanceUID, VR.UI, sop);
        ds.setString(Tags.StudyDate, VR.DA, "20240115");
        ds.setString(Tags.StudyTime, VR.TM, "101500");
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC-" + patientId);
        ds.setString(Tags.Modality, VR.CS, "CT");
        ds.setString(Tags.ReferringPhysicianName, VR.PN, referring);
        ds.setString(Tags.StudyDescription, VR.LO, "CHEST");
        ds.setString(Tags.PatientName, VR.PN, patientName);
        ds.setString(Tags.PatientID, VR.LO, patientId);
        ds.setString(Tags.PatientBirthDate, VR.DA, "19700101");
        ds.setString(Tags.PatientSex, VR.CS, "F");
        ds.setString(Tags.StudyInstanceUID, VR.UI, study);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, series);
        ds.setString(Tags.StudyID, VR.SH, "1");
        ds.setInt(Tags.SeriesNumber, VR.IS, 1);
        ds.setInt(Tags.InstanceNumber, VR.IS, instanceNumber);
        ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
        ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tags.Rows, VR.US, 64);
        ds.setInt(Tags.Columns, VR.US, 16);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        ds.setInt(Tags.BitsStored, VR.US, 12);
        ds.setInt(Tags.HighBit, VR.US, 11);
        ds.setInt(Tags.PixelRepresentation, VR.US, 0);
        byte[] pixels = new byte[64 * 16 * 2];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 31 + instanceNumber);
        }
        ds.setBytes(Tag.PIXEL_DATA, VR.OW, pixels);
        return ds;
    }

    static byte[] part10(Attributes ds, String transferSyntax) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Part10Writer.write(out, Part10Writer.fileMetaInformation(ds, transferSyntax), ds);
        return out.toByteArray();
    }

    /** The data set of a Part 10 file: what follows the preamble, prefix and File Meta Information. */
    static byte[] dataSetOf(byte[] part10) {
        int p = 132;
        long groupLength = (part10[p + 8] & 0xFFL) | (part10[p + 9] & 0xFFL) << 8 | (part10[p + 10] & 0xFFL) << 16
                | (part10[p + 11] & 0xFFL) << 24;
        int start = (int) (p + 12 + groupLength);
        return java.util.Arrays.copyOfRange(part10, start, part10.length);
    }

    @Override
    public void close() throws Exception {
        if (server != null) {
            server.close();
        }
        client.close();
        catalog.close();
        blobs.close();
        keyRing.close();
    }

    /** Every audit call, in order. */
    static final class RecordingAudit implements WebAudit {
        record Entry(String kind, String user, String detail) {
        }

        final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void query(Caller caller, URI resource, String keysJson) {
            entries.add(new Entry("query", caller.name(), resource + " " + keysJson));
        }

        @Override
        public void retrieved(Caller caller, Map<String, Set<String>> studiesByPatient, String what) {
            entries.add(new Entry("retrieved", caller.name(), what + " " + studiesByPatient));
        }

        @Override
        public void denied(Caller caller, String what, String reason) {
            entries.add(new Entry("denied", caller.name(), what + ": " + reason));
        }

        @Override
        public void authenticationFailed(String address, String reason) {
            entries.add(new Entry("authFailed", address, reason));
        }

        List<Entry> of(String kind) {
            synchronized (entries) {
                return entries.stream().filter(e -> e.kind().equals(kind)).toList();
            }
        }

        void clear() {
            entries.clear();
        }
    }
}
