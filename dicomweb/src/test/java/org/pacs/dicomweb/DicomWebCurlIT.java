// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.pki.Pem;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.json.JsonReader;
import org.pacs.dicomweb.http.MediaType;
import org.pacs.dicomweb.http.MultipartReader;

/**
 * DICOMweb with a real client: curl over HTTPS (verifying the archive's certificate against the test
 * CA) stores with STOW-RS, finds with QIDO-RS and fetches with WADO-RS, byte for byte; and cannot
 * connect with TLS 1.1.
 */
class DicomWebCurlIT {
    static final String STUDY = "1.2.826.0.1.3680043.7.1";
    static final String SERIES = STUDY + ".1";
    static final String SOP = SERIES + ".1";

    @TempDir
    static Path dir;
    static WebFixture web;
    static Path caFile;

    @BeforeAll
    static void start() throws Exception {
        web = new WebFixture(dir.resolve("archive")).start(DicomWebOptions.loopback());
        caFile = dir.resolve("ca.pem");
        Files.writeString(caFile, Pem.certificates(List.of(web.ca.certificate())));
    }

    @AfterAll
    static void stop() throws Exception {
        web.close();
    }

    /** Runs curl, returns stdout; the last line written by -w is the HTTP status. */
    static Result curl(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "20",
                "--cacert", caFile.toString(), "--output", dir.resolve("body").toString(), "--write-out",
                "%{http_code}"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("curl did not finish");
        }
        byte[] body = Files.exists(dir.resolve("body")) ? Files.readAllBytes(dir.resolve("body")) : new byte[0];
        Files.deleteIfExists(dir.resolve("body"));
        return new Result(p.exitValue(), new String(out, StandardCharsets.US_ASCII), body, err);
    }

    record Result(int exit, String status, byte[] body, String stderr) {
    }

    @Test
    void storesFindsAndRetrievesWithCurl() throws Exception {
        byte[] file = WebFixture.part10(WebFixture.ct("C1", "CURL^TEST", "SMITH^ANNA", STUDY, SERIES, SOP, 1),
                UID.ExplicitVRLittleEndian);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("--XyZ\r\nContent-Type: application/dicom\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(file);
        body.writeBytes("\r\n--XyZ--\r\n".getBytes(StandardCharsets.US_ASCII));
        Path request = dir.resolve("stow.bin");
        Files.write(request, body.toByteArray());
        String root = web.root();

        Result stow = curl("-X", "POST", "-H", "Authorization: Bearer " + WebFixture.UPLOADER, "-H",
                "Content-Type: multipart/related; type=\"application/dicom\"; boundary=XyZ", "-H",
                "Accept: application/dicom+json", "--data-binary", "@" + request, root + "/studies");
        assertEquals(0, stow.exit(), stow.stderr());
        assertEquals("200", stow.status(), new String(stow.body(), StandardCharsets.UTF_8));
        Attributes stored = JsonReader.create().read(new ByteArrayInputStream(stow.body()));
        assertEquals(SOP, stored.getSequence(Tags.ReferencedSOPSequence).get(0).getString(Tags.ReferencedSOPInstanceUID));

        Result qido = curl("-H", "Authorization: Bearer " + WebFixture.RADIOLOGIST, "-H",
                "Accept: application/dicom+json", root + "/studies?PatientName=CURL*&includefield=StudyDescription");
        assertEquals("200", qido.status(), qido.stderr());
        List<Attributes> studies = JsonReader.create().readAll(new ByteArrayInputStream(qido.body()));
        assertEquals(1, studies.size());
        assertEquals(STUDY, studies.getFirst().getString(Tags.StudyInstanceUID));
        assertEquals("CHEST", studies.getFirst().getString(Tags.StudyDescription));

        Path headers = dir.resolve("headers.txt");
        Result wado = curl("-D", headers.toString(), "-H", "Authorization: Bearer " + WebFixture.RADIOLOGIST, "-H",
                "Accept: multipart/related; type=\"application/dicom\"; transfer-syntax=*", root + "/studies/" + STUDY);
        assertEquals("200", wado.status(), wado.stderr());
        String contentType = Files.readAllLines(headers).stream()
                .filter(l -> l.toLowerCase().startsWith("content-type:")).findFirst().orElseThrow()
                .substring("content-type:".length()).strip();
        MultipartReader parts = new MultipartReader(new ByteArrayInputStream(wado.body()),
                MediaType.parse(contentType).param("boundary"));
        MultipartReader.Part part = parts.next();
        assertArrayEquals(WebFixture.dataSetOf(file), WebFixture.dataSetOf(part.body().readAllBytes()));
        assertEquals(null, parts.next());

        Result denied = curl("-H", "Authorization: Bearer " + WebFixture.DOCTOR_B, root + "/studies/" + STUDY
                + "/metadata");
        assertEquals("404", denied.status());
        Result anonymous = curl(root + "/studies");
        assertEquals("401", anonymous.status());
    }

    @Test
    void tlsBelow12IsRefused() throws Exception {
        Result old = curl("--tlsv1.1", "--tls-max", "1.1", web.base() + "/health/live");
        assertNotEquals(0, old.exit(), "TLS 1.1 must not connect");
        Result ok = curl("--tlsv1.2", "--tls-max", "1.2", web.base() + "/health/live");
        assertEquals("200", ok.status(), ok.stderr());
        assertTrue(new String(ok.body(), StandardCharsets.UTF_8).startsWith("ok"));
    }
}
