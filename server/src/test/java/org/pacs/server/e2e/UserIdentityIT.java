// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.pki.IssuedCertificate;
import org.pacs.auth.pki.Pem;
import org.pacs.auth.tls.TlsContexts;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.AssociationRejectedException;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.UserIdentityRQ;
import org.pacs.dicom.net.service.Identifiers;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * DICOM User Identity Negotiation (PS3.7 §D.3.3.7) against the real archive over DICOM-TLS: the same
 * embedded users and role rules as DICOMweb filter C-FIND, a user disabled with {@code ./pacs user
 * disable} is refused on the next C-FIND of an association that is still open, and DCMTK's
 * {@code storescu --user --password} is rejected with a wrong password and accepted with the right one.
 * findscu cannot send a user identity, so queries go through the project's own SCU.
 */
class UserIdentityIT {
    static final String STUDY_ROOT_FIND = "1.2.840.10008.5.1.4.1.2.2.1";
    static final String CT = "1.2.840.10008.5.1.4.1.1.2";
    static final String ELE = "1.2.840.10008.1.2.1";
    static final String WELBY_STUDY = "1.2.826.0.1.3680043.10.1234.1";
    static final String KILDARE_STUDY = "1.2.826.0.1.3680043.10.1234.2";
    static final Duration T = Duration.ofSeconds(20);
    static final Pattern PASSWORD = Pattern.compile("password \\(shown once[^)]*\\): (\\S+)");

    @TempDir
    static Path root;
    static ArchiveProcess archive;
    static AeBundle ws;
    static Connector connector;
    static String welbyPassword;
    static String radPassword;
    static String uploaderPassword;

    @BeforeAll
    static void startArchiveWithTwoStudiesAndThreeUsers() throws IOException {
        archive = ArchiveProcess.create(root.resolve("archive"));
        archive.start();
        ws = archive.registerAe("WS", "--allow", "store,query,retrieve");
        Path welby = write("welby.dcm", WELBY_STUDY, "Welby^Marcus", 1);
        Path kildare = write("kildare.dcm", KILDARE_STUDY, "Kildare^James", 2);
        ToolRun stored = StoreScu.send(ws, archive, "-x=", List.of(welby, kildare));
        assertEquals(0, stored.exitCode(), stored::toString);
        assertEquals(List.of(StoreScu.SUCCESS, StoreScu.SUCCESS),
                List.copyOf(StoreScu.responses(stored.output()).values()), stored::toString);

        welbyPassword = addUser("drwelby", "referring-physician", "--physician", "WELBY^MARCUS");
        radPassword = addUser("rad", "radiologist");
        uploaderPassword = addUser("up", "uploader");
        connector = new Connector(Limits.DEFAULTS, TlsPolicy.bcp195NonDowngrading(TlsContexts.client(
                credentials(ws), Pem.readCertificates(ws.ca())), TlsPolicy.ClientAuth.NONE));
    }

    @AfterAll
    static void stopArchive() {
        if (connector != null) {
            connector.close();
        }
        if (archive != null) {
            archive.close();
        }
    }

    static String addUser(String name, String role, String... options) {
        List<String> args = new ArrayList<>(List.of("user", "add", name, "--role", role));
        args.addAll(List.of(options));
        ToolRun run = archive.cli(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run::toString);
        Matcher m = PASSWORD.matcher(run.output());
        assertTrue(m.find(), run::toString);
        return m.group(1);
    }

    static IssuedCertificate credentials(AeBundle ae) throws IOException {
        List<X509Certificate> chain = Pem.readCertificates(ae.certificate());
        PrivateKey key = Pem.readPrivateKey(ae.key());
        return new IssuedCertificate(chain.getFirst(), key, chain);
    }

    static Path write(String name, String studyUid, String referring, int seed) throws IOException {
        Attributes ds = new Attributes();
        ds.setString(Tags.SpecificCharacterSet, VR.CS, "ISO_IR 100");
        ds.setString(Tags.SOPClassUID, VR.UI, CT);
        ds.setString(Tags.SOPInstanceUID, VR.UI, studyUid + ".1.1");
        ds.setString(Tags.StudyDate, VR.DA, "20240102");
        ds.setString(Tags.AccessionNumber, VR.SH, "ACC" + seed);
        ds.setString(Tags.Modality, VR.CS, "CT");
        ds.setString(Tags.ReferringPhysicianName, VR.PN, referring);
        ds.setString(Tags.PatientName, VR.PN, "Test^Patient" + seed);
        ds.setString(Tags.PatientID, VR.LO, "PID" + seed);
        ds.setString(Tags.StudyInstanceUID, VR.UI, studyUid);
        ds.setString(Tags.SeriesInstanceUID, VR.UI, studyUid + ".1");
        ds.setString(Tags.SeriesNumber, VR.IS, "1");
        ds.setString(Tags.InstanceNumber, VR.IS, "1");
        ds.setString(Tags.PhotometricInterpretation, VR.CS, "MONOCHROME2");
        ds.setInt(Tags.SamplesPerPixel, VR.US, 1);
        ds.setInt(Tags.Rows, VR.US, 4);
        ds.setInt(Tags.Columns, VR.US, 4);
        ds.setInt(Tags.BitsAllocated, VR.US, 16);
        ds.setInt(Tags.BitsStored, VR.US, 12);
        ds.setInt(Tags.HighBit, VR.US, 11);
        ds.setInt(Tags.PixelRepresentation, VR.US, 0);
        ds.setBytes(Tags.PixelData, VR.OW, new byte[32]);
        Path file = root.resolve("files").resolve(name);
        Files.createDirectories(file.getParent());
        Part10Writer.write(file, Part10Writer.fileMetaInformation(ds, ELE), ds);
        return file;
    }

    static Association connect(UserIdentityRQ identity) throws IOException {
        AAssociateRQ rq = Connector.request(ArchiveProcess.AE_TITLE, ws.aeTitle(),
                List.of(new PresentationContextRQ(1, STUDY_ROOT_FIND, ELE)), Limits.DEFAULTS);
        rq = new AAssociateRQ(rq.calledAeTitle(), rq.callingAeTitle(), rq.presentationContexts(),
                rq.userInformation().withUserIdentity(identity, null));
        return connector.connect(archive.host(), archive.port(), rq, null);
    }

    static UserIdentityRQ user(String name, String password) {
        return UserIdentityRQ.usernameAndPasscode(name, password.toCharArray(), true);
    }

    record Found(int status, Set<String> studies) {
    }

    /** A Study Root C-FIND at STUDY level for every study, on the open association. */
    static Found findStudies(Association as) throws IOException {
        Attributes keys = new Attributes();
        keys.setString(Tags.QueryRetrieveLevel, VR.CS, "STUDY");
        keys.setNull(Tags.StudyInstanceUID, VR.UI);
        Set<String> studies = new TreeSet<>();
        int status = Scu.find(as, as.context(STUDY_ROOT_FIND).orElseThrow(), Identifiers.encode(keys, ELE), m -> {
            try {
                studies.add(Identifiers.decode(m, ELE).getString(Tags.StudyInstanceUID));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, T);
        return new Found(status, studies);
    }

    @Nested
    class CFindByOurScu {
        @Test
        void aRadiologistFindsEveryStudy() throws IOException {
            try (Association as = connect(user("rad", radPassword))) {
                Found found = findStudies(as);
                assertEquals(Status.SUCCESS, found.status());
                assertTrue(found.studies().containsAll(Set.of(WELBY_STUDY, KILDARE_STUDY)), found::toString);
            }
            // The query record names the workstation and the person who asked.
            Pattern userName = Pattern.compile("\"UserName\"\\s*:\\s*\"rad\"");
            assertTrue(archive.auditRecords().stream().anyMatch(r -> r.event().equals("Query") && r.requestedBy("WS")
                    && userName.matcher(r.json()).find()), "no Query record of WS naming user rad");
        }

        @Test
        void aReferringPhysicianFindsOnlyTheirStudyAndIsRefusedOnceDisabled() throws IOException {
            String password = addUser("drwelby2", "referring-physician", "--physician", "Welby^Marcus");
            try (Association as = connect(user("drwelby2", password))) {
                Found found = findStudies(as);
                assertEquals(Status.SUCCESS, found.status());
                assertEquals(Set.of(WELBY_STUDY), found.studies());

                ToolRun disabled = archive.cli("user", "disable", "drwelby2");
                assertEquals(0, disabled.exitCode(), disabled::toString);
                Found next = findStudies(as);
                assertEquals(Status.NOT_AUTHORIZED, next.status());
                assertEquals(Set.of(), next.studies());
            }
            assertTrue(archive.awaitLog("user 'drwelby2' is disabled", T), archive::log);
        }

        @Test
        void aReferringPhysicianSeesOnlyTheirStudy() throws IOException {
            try (Association as = connect(user("drwelby", welbyPassword))) {
                Found found = findStudies(as);
                assertEquals(Status.SUCCESS, found.status());
                assertEquals(Set.of(WELBY_STUDY), found.studies());
            }
        }

        @Test
        void anUploaderIsRefusedNotAuthorized() throws IOException {
            try (Association as = connect(user("up", uploaderPassword))) {
                Found found = findStudies(as);
                assertEquals(Status.NOT_AUTHORIZED, found.status());
                assertEquals(Set.of(), found.studies());
            }
            assertTrue(archive.auditRecords().stream().anyMatch(r -> r.requestedBy("WS")
                    && r.describes("user 'up' has no role that reads studies")), "no refusal record for user up");
        }

        @Test
        void aWrongPasswordRejectsTheAssociation() {
            assertThrows(AssociationRejectedException.class, () -> connect(user("rad", radPassword + "x")));
        }
    }

    @Nested
    class CFindWithAJsonWebToken {
        /** POSTs a form to the archive's HTTPS token endpoint; returns the status and body. */
        HttpResponse<String> post(String path, String form) throws IOException, InterruptedException {
            Matcher port = Pattern.compile("DICOMweb:\\s+https://[^:]+:(\\d+)").matcher(archive.output());
            assertTrue(port.find(), archive::output);
            HttpClient http = HttpClient.newBuilder().sslContext(TlsContexts.client(null,
                    Pem.readCertificates(ws.ca()))).connectTimeout(T).build();
            try (http) {
                return http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port.group(1) + path))
                        .timeout(T).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            }
        }

        static String field(String json, String name) {
            Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
            assertTrue(m.find(), json);
            return m.group(1);
        }

        @Test
        void aTokenFromTheLoginEndpointFindsTheUsersStudiesUntilLogoutEndsItsSession() throws Exception {
            String password = addUser("drwelby3", "referring-physician", "--physician", "Welby^Marcus");
            HttpResponse<String> login = post("/auth/token", "grant_type=password&username=drwelby3&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8));
            assertEquals(200, login.statusCode(), login::body);
            String access = field(login.body(), "access_token");
            String refresh = field(login.body(), "refresh_token");
            UserIdentityRQ jwt = new UserIdentityRQ(UserIdentityRQ.JWT, false,
                    access.getBytes(StandardCharsets.US_ASCII), null);
            try (Association as = connect(jwt)) {
                Found found = findStudies(as);
                assertEquals(Status.SUCCESS, found.status());
                assertEquals(Set.of(WELBY_STUDY), found.studies());

                HttpResponse<String> logout = post("/auth/logout", "refresh_token="
                        + URLEncoder.encode(refresh, StandardCharsets.UTF_8));
                assertEquals(204, logout.statusCode(), logout::body);
                Found next = findStudies(as);
                assertEquals(Status.NOT_AUTHORIZED, next.status());
                assertEquals(Set.of(), next.studies());
            }
            // And a new association with the ended session's token is rejected.
            assertThrows(AssociationRejectedException.class, () -> connect(jwt));
        }
    }

    @Nested
    class StoreScuWithUserAndPassword {
        ToolRun store(String user, String password, String file, int seed) throws IOException {
            // Another doctor's study: the C-FIND tests' expectations hold in any order.
            Path f = write(file, "1.2.826.0.1.3680043.10.1234." + (10 + seed), "Other^Doctor", seed);
            List<String> command = new ArrayList<>(StoreScu.command(ws, ArchiveProcess.AE_TITLE, archive.host(),
                    archive.port(), "-x=", List.of(f)));
            command.addAll(1, List.of("--user", user, "--password", password));
            return Tools.run(Tools.DEFAULT_TIMEOUT, command);
        }

        @Test
        void rejectsTheAssociationWithAWrongPassword() throws IOException {
            ToolRun run = store("rad", radPassword + "-wrong", "wrong.dcm", 3);
            assertTrue(run.output().contains("Association Rejected"), run::toString);
            assertFalse(run.output().contains("Association Accepted"), run::toString);
            assertTrue(StoreScu.responses(run.output()).isEmpty(), run::toString);
        }

        @Test
        void acceptsTheAssociationWithTheRightPassword() throws IOException {
            ToolRun run = store("rad", radPassword, "right.dcm", 4);
            assertEquals(0, run.exitCode(), run::toString);
            assertTrue(run.output().contains("Association Accepted"), run::toString);
            assertEquals(List.of(StoreScu.SUCCESS), List.copyOf(StoreScu.responses(run.output()).values()),
                    run::toString);
        }
    }
}
