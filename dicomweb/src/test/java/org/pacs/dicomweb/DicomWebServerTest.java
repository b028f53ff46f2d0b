// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UID;

/** The DICOMweb server end to end over HTTPS: STOW, QIDO and WADO on a real archive. */
class DicomWebServerTest {
    static final String STUDY_A = "1.2.826.0.1.3680043.1.1";
    static final String SERIES_A = STUDY_A + ".1";
    static final String SOP_A1 = SERIES_A + ".1";
    static final String SOP_A2 = SERIES_A + ".2";
    static final String STUDY_B = "1.2.826.0.1.3680043.1.2";
    static final String SERIES_B = STUDY_B + ".1";
    static final String SOP_B1 = SERIES_B + ".1";
    static final String STUDY_C = "1.2.826.0.1.3680043.1.3";
    static final String SERIES_C = STUDY_C + ".1";
    static final String SOP_C1 = SERIES_C + ".1";

    static final String STUDY_D = "1.2.826.0.1.3680043.1.4";
    static final String SERIES_D = STUDY_D + ".1";
    static final String SOP_D1 = SERIES_D + ".1";

    /** The four studies stored at start (other tests store more). */
    static final String FIXED = "StudyInstanceUID=" + STUDY_A + "," + STUDY_B + "," + STUDY_C + "," + STUDY_D;

    @TempDir
    static Path dir;
    static WebFixture web;
    static byte[] a1;
    static byte[] a2;
    static byte[] d1;
    static byte[] jpegFrame;

    @BeforeAll
    static void start() throws Exception {
        web = new WebFixture(dir).start(DicomWebOptions.loopback());
        a1 = WebFixture.part10(WebFixture.ct("P1", "DOE^JANE", "SMITH^ANNA", STUDY_A, SERIES_A, SOP_A1, 1),
                UID.ExplicitVRLittleEndian);
        a2 = WebFixture.part10(WebFixture.ct("P1", "DOE^JANE", "SMITH^ANNA", STUDY_A, SERIES_A, SOP_A2, 2),
                UID.ExplicitVRLittleEndian);
        byte[] b1 = WebFixture.part10(WebFixture.ct("P2", "ROE^JOHN", "JONES^BOB", STUDY_B, SERIES_B, SOP_B1, 1),
                UID.ExplicitVRLittleEndian);
        byte[] c1 = WebFixture.part10(WebFixture.ct("P1", "DOE^JANE", "OTHER^DOC", STUDY_C, SERIES_C, SOP_C1, 1),
                UID.ImplicitVRLittleEndian);
        HttpResponse<String> r = web.stow("/studies", WebFixture.UPLOADER, a1, a2, b1, c1);
        assertEquals(200, r.statusCode(), r.body());
        Attributes d = WebFixture.ct("P3", "POE^JIM", "SMITH^ANNA", STUDY_D, SERIES_D, SOP_D1, 1);
        d.remove(org.pacs.dicom.data.Tag.PIXEL_DATA);
        d.setInt(Tags.BitsAllocated, org.pacs.dicom.data.VR.US, 8);
        d.setInt(Tags.BitsStored, org.pacs.dicom.data.VR.US, 8);
        d.setInt(Tags.HighBit, org.pacs.dicom.data.VR.US, 7);
        org.pacs.dicom.data.Fragments f = d.newFragments(org.pacs.dicom.data.Tag.PIXEL_DATA,
                org.pacs.dicom.data.VR.OB, 2);
        f.add(new byte[0]);
        jpegFrame = new byte[1000];
        java.util.Arrays.fill(jpegFrame, (byte) 0x5A);
        jpegFrame[0] = (byte) 0xFF;
        jpegFrame[1] = (byte) 0xD8;
        f.add(jpegFrame);
        d1 = WebFixture.part10(d, UID.JPEGBaseline8Bit);
        assertEquals(200, web.stow("/studies", WebFixture.ADMIN, d1).statusCode());
    }

    static Attributes readPart10(byte[] file) throws java.io.IOException {
        try (org.pacs.dicom.io.Part10Reader r = new org.pacs.dicom.io.Part10Reader(
                new java.io.ByteArrayInputStream(file), org.pacs.dicom.io.ReadOptions.defaults())) {
            return r.readDataSet();
        }
    }

    @AfterAll
    static void stop() throws Exception {
        web.close();
    }

    @Nested
    class RoundTrip {
        @Test
        void storedInstancesComeBackByteForByte() throws Exception {
            HttpResponse<byte[]> r = web.get("/studies/" + STUDY_A, WebFixture.RADIOLOGIST,
                    "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
            assertEquals(200, r.statusCode());
            List<Responses.Part> parts = Responses.multipart(r);
            assertEquals(2, parts.size());
            assertEquals("application/dicom; transfer-syntax=" + UID.ExplicitVRLittleEndian, parts.get(0).contentType());
            assertArrayEquals(WebFixture.dataSetOf(a1), WebFixture.dataSetOf(parts.get(0).body()));
            assertArrayEquals(WebFixture.dataSetOf(a2), WebFixture.dataSetOf(parts.get(1).body()));
        }

        @Test
        void qidoFindsWhatStowStored() throws Exception {
            HttpResponse<String> r = web.getText("/studies?PatientID=P1&includefield=StudyDescription",
                    WebFixture.ADMIN, "application/dicom+json");
            assertEquals(200, r.statusCode());
            assertEquals("application/dicom+json", r.headers().firstValue("Content-Type").orElseThrow());
            List<Attributes> studies = Responses.json(r);
            assertEquals(2, studies.size());
            Attributes a = studies.stream().filter(s -> STUDY_A.equals(s.getString(Tags.StudyInstanceUID)))
                    .findFirst().orElseThrow();
            assertEquals("CHEST", a.getString(Tags.StudyDescription));
            assertEquals(2, a.getInt(Tags.NumberOfStudyRelatedInstances, -1));
            assertEquals(web.root() + "/studies/" + STUDY_A, a.getString(Tags.RetrieveURL));
        }
    }

    static List<String> uids(List<Attributes> matches, int tag) {
        return matches.stream().map(a -> a.getString(tag)).sorted().toList();
    }

    @Nested
    class Qido {
        @Test
        void matchesPersonNamesWithWildcardsDatesAndTagNumberKeys() throws Exception {
            assertEquals(List.of(STUDY_A, STUDY_C), uids(Responses.json(web.getText("/studies?PatientName=DOE*",
                    WebFixture.ADMIN, null)), Tags.StudyInstanceUID));
            assertEquals(List.of(STUDY_B), uids(Responses.json(web.getText("/studies?00100020=P2",
                    WebFixture.ADMIN, null)), Tags.StudyInstanceUID));
            assertEquals(4, Responses.json(web.getText("/studies?StudyDate=20240101-20240131&" + FIXED, WebFixture.ADMIN,
                    null)).size());
            assertEquals(0, Responses.json(web.getText("/studies?StudyDate=20250101-", WebFixture.ADMIN,
                    null)).size());
        }

        @Test
        void returnsTheDefaultAttributesAndIncludedFields() throws Exception {
            Attributes a = Responses.json(web.getText("/studies?StudyInstanceUID=" + STUDY_A
                    + "&includefield=00081030,PatientBirthDate&includefield=00201200", WebFixture.ADMIN, null))
                    .getFirst();
            assertEquals("DOE^JANE", a.getString(Tags.PatientName));
            assertEquals("ACC-P1", a.getString(Tags.AccessionNumber));
            assertEquals("CHEST", a.getString(Tags.StudyDescription));
            assertEquals("CT", a.getString(Tags.ModalitiesInStudy));
            assertEquals(2, a.getInt(Tags.NumberOfPatientRelatedStudies, -1));
            assertFalse(a.contains(Tags.QueryRetrieveLevel));
            Attributes all = Responses.json(web.getText("/studies/" + STUDY_A + "/instances?includefield=all",
                    WebFixture.ADMIN, null)).getFirst();
            assertEquals("MONOCHROME2", all.getString(Tags.PhotometricInterpretation));
            assertEquals(64, all.getInt(Tags.Rows, -1));
        }

        @Test
        void searchesEveryLevelAndNesting() throws Exception {
            assertEquals(List.of(SERIES_A), uids(Responses.json(web.getText("/studies/" + STUDY_A + "/series",
                    WebFixture.ADMIN, null)), Tags.SeriesInstanceUID));
            assertEquals(4, Responses.json(web.getText("/series?" + FIXED, WebFixture.ADMIN, null)).size());
            assertEquals(List.of(SOP_A1, SOP_A2), uids(Responses.json(web.getText("/studies/" + STUDY_A
                    + "/series/" + SERIES_A + "/instances", WebFixture.ADMIN, null)), Tags.SOPInstanceUID));
            assertEquals(List.of(SOP_A1, SOP_A2), uids(Responses.json(web.getText("/studies/" + STUDY_A
                    + "/instances", WebFixture.ADMIN, null)), Tags.SOPInstanceUID));
            List<Attributes> all = Responses.json(web.getText("/instances?PatientID=P1", WebFixture.ADMIN, null));
            assertEquals(List.of(SOP_A1, SOP_A2, SOP_C1), uids(all, Tags.SOPInstanceUID));
            Attributes one = all.stream().filter(x -> SOP_A1.equals(x.getString(Tags.SOPInstanceUID))).findFirst()
                    .orElseThrow();
            assertEquals(web.root() + "/studies/" + STUDY_A + "/series/" + SERIES_A + "/instances/" + SOP_A1,
                    one.getString(Tags.RetrieveURL));
            assertEquals("DOE^JANE", one.getString(Tags.PatientName), "study attributes on /instances");
        }

        @Test
        void pagesWithLimitAndOffset() throws Exception {
            List<String> all = Responses.json(web.getText("/studies?" + FIXED, WebFixture.ADMIN, null)).stream()
                    .map(x -> x.getString(Tags.StudyInstanceUID)).toList();
            assertEquals(4, all.size());
            List<String> page = Responses.json(web.getText("/studies?limit=2&offset=1&" + FIXED, WebFixture.ADMIN, null))
                    .stream().map(x -> x.getString(Tags.StudyInstanceUID)).toList();
            assertEquals(all.subList(1, 3), page);
        }

        @Test
        void answersXmlWhenAsked() throws Exception {
            HttpResponse<byte[]> r = web.get("/studies?PatientID=P2", WebFixture.ADMIN,
                    "multipart/related; type=\"application/dicom+xml\"");
            assertEquals(200, r.statusCode());
            List<Responses.Part> parts = Responses.multipart(r);
            assertEquals(1, parts.size());
            String xml = new String(parts.getFirst().body(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(xml.contains("NativeDicomModel") && xml.contains(STUDY_B), xml);
        }

        @Test
        void refusesUnknownAttributesAndBadNumbers() throws Exception {
            assertEquals(400, web.getText("/studies?NoSuchKeyword=1", WebFixture.ADMIN, null).statusCode());
            assertEquals(400, web.getText("/studies?limit=-1", WebFixture.ADMIN, null).statusCode());
            assertEquals(400, web.getText("/studies?fuzzymatching=maybe", WebFixture.ADMIN, null).statusCode());
            assertEquals(200, web.getText("/studies?fuzzymatching=true&PatientName=DOE", WebFixture.ADMIN, null)
                    .statusCode());
        }

        @Test
        void auditsEachQueryWithItsKeys() throws Exception {
            web.audit.clear();
            web.getText("/studies?PatientID=P2", WebFixture.RADIOLOGIST, null);
            List<WebFixture.RecordingAudit.Entry> q = web.audit.of("query");
            assertEquals(1, q.size());
            assertEquals("rita", q.getFirst().user());
            assertTrue(q.getFirst().detail().contains("\"PatientID\":[\"P2\"]"), q.getFirst().detail());
        }
    }

    @Nested
    class Wado {
        @Test
        void transcodesImplicitToExplicitLittleEndianByDefault() throws Exception {
            HttpResponse<byte[]> r = web.get("/studies/" + STUDY_C + "/series/" + SERIES_C + "/instances/" + SOP_C1,
                    WebFixture.ADMIN, "multipart/related; type=\"application/dicom\"");
            assertEquals(200, r.statusCode());
            Responses.Part p = Responses.multipart(r).getFirst();
            assertEquals("application/dicom; transfer-syntax=" + UID.ExplicitVRLittleEndian, p.contentType());
            Attributes ds = readPart10(p.body());
            assertEquals(SOP_C1, ds.getString(Tags.SOPInstanceUID));
            assertArrayEquals(WebFixture.ct("P1", "DOE^JANE", "OTHER^DOC", STUDY_C, SERIES_C, SOP_C1, 1)
                    .getBytes(org.pacs.dicom.data.Tag.PIXEL_DATA), ds.getBytes(org.pacs.dicom.data.Tag.PIXEL_DATA));
        }

        @Test
        void keepsTheStoredSyntaxWhenAskedOrAnyIsAccepted() throws Exception {
            HttpResponse<byte[]> r = web.get("/studies/" + STUDY_C, WebFixture.ADMIN,
                    "multipart/related; type=\"application/dicom\"; transfer-syntax=" + UID.ImplicitVRLittleEndian);
            assertEquals("application/dicom; transfer-syntax=" + UID.ImplicitVRLittleEndian,
                    Responses.multipart(r).getFirst().contentType());
        }

        @Test
        void compressedInstancesAreNeverDecompressed() throws Exception {
            String path = "/studies/" + STUDY_D;
            assertEquals(406, web.get(path, WebFixture.ADMIN, "multipart/related; type=\"application/dicom\"")
                    .statusCode());
            HttpResponse<byte[]> any = web.get(path, WebFixture.ADMIN,
                    "multipart/related; type=\"application/dicom\"; transfer-syntax=*");
            assertEquals(200, any.statusCode());
            assertArrayEquals(WebFixture.dataSetOf(d1), WebFixture.dataSetOf(Responses.multipart(any).getFirst()
                    .body()));
            assertEquals(200, web.get(path, WebFixture.ADMIN, "multipart/related; type=\"application/dicom\";"
                    + " transfer-syntax=" + UID.JPEGBaseline8Bit).statusCode());
        }

        @Test
        void answersOneInstanceAsBareApplicationDicom() throws Exception {
            HttpResponse<byte[]> r = web.get("/studies/" + STUDY_A + "/series/" + SERIES_A + "/instances/" + SOP_A1,
                    WebFixture.ADMIN, "application/dicom; transfer-syntax=*");
            assertEquals(200, r.statusCode());
            assertArrayEquals(WebFixture.dataSetOf(a1), WebFixture.dataSetOf(r.body()));
        }

        @Test
        void metadataHasEveryAttributeAndBulkDataUris() throws Exception {
            HttpResponse<String> r = web.getText("/studies/" + STUDY_A + "/series/" + SERIES_A + "/metadata",
                    WebFixture.ADMIN, "application/dicom+json");
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("\"BulkDataURI\""), r.body());
            List<Attributes> md = Responses.json(r);
            assertEquals(2, md.size());
            assertEquals("DOE^JANE", md.getFirst().getString(Tags.PatientName));
            assertEquals(12, md.getFirst().getInt(Tags.BitsStored, -1));
            String uri = web.root() + "/studies/" + STUDY_A + "/series/" + SERIES_A + "/instances/" + SOP_A1
                    + "/bulkdata/7FE00010";
            assertTrue(r.body().contains(uri), r.body());
            HttpResponse<byte[]> bulk = web.client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(uri))
                    .header("Authorization", "Bearer " + WebFixture.ADMIN).timeout(WebFixture.T).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, bulk.statusCode());
            assertArrayEquals(WebFixture.ct("P1", "DOE^JANE", "SMITH^ANNA", STUDY_A, SERIES_A, SOP_A1, 1)
                    .getBytes(org.pacs.dicom.data.Tag.PIXEL_DATA), Responses.multipart(bulk).getFirst().body());
        }

        @Test
        void aTamperedBlobAbortsTheRetrieveButMetadataStopsBeforeThePixels() throws Exception {
            String study = "1.2.826.0.1.3680043.6.1";
            Attributes big = WebFixture.ct("P6", "BIG^ONE", "SMITH^ANNA", study, study + ".1", study + ".1.1", 1);
            big.setInt(Tags.Rows, org.pacs.dicom.data.VR.US, 1024);
            big.setInt(Tags.Columns, org.pacs.dicom.data.VR.US, 1024);
            big.setBytes(org.pacs.dicom.data.Tag.PIXEL_DATA, org.pacs.dicom.data.VR.OW, new byte[2 << 20]);
            assertEquals(200, web.stow("/studies", WebFixture.ADMIN, WebFixture.part10(big, UID.ExplicitVRLittleEndian))
                    .statusCode());
            String blobId = web.catalog.findInstances(org.pacs.archive.catalog.QueryRetrieveLevel.IMAGE,
                    study + ".1.1").getFirst().blob().blobId();
            Path file;
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(dir)) {
                file = files.filter(f -> f.getFileName().toString().equals(blobId + ".blob")).findFirst().orElseThrow();
            }
            byte[] bytes = java.nio.file.Files.readAllBytes(file);
            bytes[bytes.length - 40] ^= 0x01;
            java.nio.file.Files.write(file, bytes);

            HttpResponse<String> md = web.getText("/studies/" + study + "/metadata", WebFixture.ADMIN, null);
            assertEquals(200, md.statusCode(), "the damaged last segment lies beyond the pixel data's start");
            assertEquals("BIG^ONE", Responses.json(md).getFirst().getString(Tags.PatientName));
            assertThrowsOrBroken(() -> web.get("/studies/" + study, WebFixture.ADMIN,
                    "multipart/related; type=\"application/dicom\"; transfer-syntax=*"));
        }

        /** The client must not receive a complete-looking answer: an I/O error, or a multipart without its end. */
        void assertThrowsOrBroken(java.util.concurrent.Callable<HttpResponse<byte[]>> call) throws Exception {
            HttpResponse<byte[]> r;
            try {
                r = call.call();
            } catch (java.io.IOException expected) {
                return;
            }
            assertThrows(java.io.IOException.class, () -> Responses.multipart(r), "status " + r.statusCode());
        }

        @Test
        void unknownStudiesAre404() throws Exception {
            assertEquals(404, web.get("/studies/1.2.3.999", WebFixture.ADMIN, null).statusCode());
            assertEquals(404, web.get("/studies/1.2.3.999/metadata", WebFixture.ADMIN, null).statusCode());
            assertEquals(404, web.get("/studies/" + STUDY_A + "/series/1.2.3/instances/" + SOP_A1, WebFixture.ADMIN,
                    null).statusCode());
            assertEquals(400, web.get("/studies/not-a-uid", WebFixture.ADMIN, null).statusCode());
        }

        @Test
        void retrievalsAreAuditedWithPatientAndStudy() throws Exception {
            web.audit.clear();
            web.get("/studies/" + STUDY_B + "/metadata", WebFixture.ADMIN, null);
            List<WebFixture.RecordingAudit.Entry> e = web.audit.of("retrieved");
            assertEquals(1, e.size());
            assertEquals("alice", e.getFirst().user());
            assertTrue(e.getFirst().detail().contains("P2=[" + STUDY_B + "]"), e.getFirst().detail());
        }
    }

    @Nested
    class Pixels {
        String instance(String study, String series, String sop) {
            return "/studies/" + study + "/series/" + series + "/instances/" + sop;
        }

        @Test
        void nativeFramesComeUncompressed() throws Exception {
            HttpResponse<byte[]> r = web.get(instance(STUDY_A, SERIES_A, SOP_A1) + "/frames/1", WebFixture.ADMIN,
                    "multipart/related; type=\"application/octet-stream\"; transfer-syntax=*");
            assertEquals(200, r.statusCode());
            Responses.Part p = Responses.multipart(r).getFirst();
            assertEquals("application/octet-stream; transfer-syntax=" + UID.ExplicitVRLittleEndian, p.contentType());
            assertArrayEquals(WebFixture.ct("P1", "DOE^JANE", "SMITH^ANNA", STUDY_A, SERIES_A, SOP_A1, 1)
                    .getBytes(org.pacs.dicom.data.Tag.PIXEL_DATA), p.body());
            assertEquals(404, web.get(instance(STUDY_A, SERIES_A, SOP_A1) + "/frames/2", WebFixture.ADMIN, null)
                    .statusCode());
        }

        @Test
        void compressedFramesPassThroughInTheirSyntax() throws Exception {
            // What OHIF asks (VIEWER.md): octet-stream with any syntax takes the stored JPEG as it is.
            HttpResponse<byte[]> r = web.get(instance(STUDY_D, SERIES_D, SOP_D1) + "/frames/1", WebFixture.ADMIN,
                    "multipart/related; type=application/octet-stream; transfer-syntax=*");
            assertEquals(200, r.statusCode());
            assertEquals("image/jpeg; transfer-syntax=" + UID.JPEGBaseline8Bit, Responses.multipart(r).getFirst()
                    .contentType());
            assertEquals(406, web.get(instance(STUDY_D, SERIES_D, SOP_D1) + "/frames/1", WebFixture.ADMIN,
                    "multipart/related; type=\"application/octet-stream\"; transfer-syntax="
                            + UID.ExplicitVRLittleEndian).statusCode(), "never decompressed");
            r = web.get(instance(STUDY_D, SERIES_D, SOP_D1) + "/frames/1", WebFixture.ADMIN,
                    "multipart/related; type=\"image/jpeg\"; transfer-syntax=" + UID.JPEGBaseline8Bit);
            assertEquals(200, r.statusCode(), new String(r.body()));
            Responses.Part p = Responses.multipart(r).getFirst();
            assertEquals("image/jpeg; transfer-syntax=" + UID.JPEGBaseline8Bit, p.contentType());
            assertArrayEquals(jpegFrame, p.body());
        }

        @Test
        void rendersJpegAndPngAndThumbnails() throws Exception {
            HttpResponse<byte[]> jpeg = web.get(instance(STUDY_A, SERIES_A, SOP_A1) + "/rendered", WebFixture.ADMIN,
                    "image/jpeg");
            assertEquals(200, jpeg.statusCode());
            assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElseThrow());
            assertEquals((byte) 0xFF, jpeg.body()[0]);
            assertEquals((byte) 0xD8, jpeg.body()[1]);
            HttpResponse<byte[]> png = web.get(instance(STUDY_A, SERIES_A, SOP_A1) + "/frames/1/rendered?window=100,200",
                    WebFixture.ADMIN, "image/png");
            assertEquals(200, png.statusCode());
            assertEquals('P', png.body()[1]);
            assertEquals(200, web.get("/studies/" + STUDY_A + "/thumbnail", WebFixture.ADMIN, null).statusCode());
            assertEquals(406, web.get(instance(STUDY_A, SERIES_A, SOP_A1) + "/rendered", WebFixture.ADMIN,
                    "image/gif").statusCode());
            assertEquals(400, web.get(instance(STUDY_A, SERIES_A, SOP_A1) + "/rendered?quality=0", WebFixture.ADMIN,
                    null).statusCode());
            assertEquals(501, web.get("/studies/" + STUDY_A + "/rendered", WebFixture.ADMIN, null).statusCode());
        }
    }

    @Nested
    class Stow {
        @Test
        void duplicatesAreStoredWithAWarning() throws Exception {
            HttpResponse<String> r = web.stow("/studies", WebFixture.ADMIN, a1);
            assertEquals(202, r.statusCode(), r.body());
            Attributes body = Responses.jsonObject(r);
            Attributes item = body.getSequence(Tags.ReferencedSOPSequence).get(0);
            assertEquals(SOP_A1, item.getString(Tags.ReferencedSOPInstanceUID));
            assertEquals(0xB006, item.getInt(Tags.WarningReason, -1));
        }

        @Test
        void anInstanceOfAnotherStudyFailsWhenStoredToAStudy() throws Exception {
            byte[] other = WebFixture.part10(WebFixture.ct("P9", "X^Y", "SMITH^ANNA", "1.2.826.0.1.3680043.9.1",
                    "1.2.826.0.1.3680043.9.1.1", "1.2.826.0.1.3680043.9.1.1.1", 1), UID.ExplicitVRLittleEndian);
            HttpResponse<String> r = web.stow("/studies/" + STUDY_A, WebFixture.ADMIN, other);
            assertEquals(409, r.statusCode(), r.body());
            Attributes failed = Responses.jsonObject(r).getSequence(Tags.FailedSOPSequence).get(0);
            assertEquals(0xA900, failed.getInt(Tags.FailureReason, -1));
            assertEquals(404, web.get("/studies/1.2.826.0.1.3680043.9.1", WebFixture.ADMIN, null).statusCode());
        }

        @Test
        void storesToItsOwnStudyAndReportsEachInstance() throws Exception {
            String study = "1.2.826.0.1.3680043.8.1";
            byte[] good = WebFixture.part10(WebFixture.ct("P8", "Q^R", "SMITH^ANNA", study, study + ".1",
                    study + ".1.1", 1), UID.ExplicitVRLittleEndian);
            byte[] garbage = "not dicom at all".getBytes();
            HttpResponse<String> r = web.stow("/studies/" + study, WebFixture.UPLOADER, good, garbage);
            assertEquals(202, r.statusCode(), r.body());
            Attributes body = Responses.jsonObject(r);
            assertEquals(web.root() + "/studies/" + study, body.getString(Tags.RetrieveURL));
            assertEquals(1, body.getSequence(Tags.ReferencedSOPSequence).size());
            assertEquals(0xC000, body.getSequence(Tags.FailedSOPSequence).get(0).getInt(Tags.FailureReason, -1));
        }

        HttpResponse<String> stowJson(String path, String json, byte[] pixels, String location) throws Exception {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            body.writeBytes(("--j\r\nContent-Type: application/dicom+json\r\n\r\n" + json
                    + "\r\n--j\r\nContent-Type: application/octet-stream\r\nContent-Location: " + location
                    + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(pixels);
            body.writeBytes("\r\n--j--\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            java.net.http.HttpRequest req = web.request(path, WebFixture.UPLOADER)
                    .header("Content-Type", "multipart/related; type=\"application/dicom+json\"; boundary=j")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
            return web.client.send(req, HttpResponse.BodyHandlers.ofString());
        }

        @Test
        void storesJsonMetadataWithBulkDataParts() throws Exception {
            String study = "1.2.826.0.1.3680043.8.2";
            Attributes ds = WebFixture.ct("P8", "MÜLLER^JÖRG", "SMITH^ANNA", study, study + ".1", study + ".1.1", 3);
            byte[] pixels = ds.getBytes(org.pacs.dicom.data.Tag.PIXEL_DATA);
            java.io.StringWriter json = new java.io.StringWriter();
            org.pacs.dicom.json.JsonWriter.create().withBulkData(1024, v -> "urn:pixels:" + v.path()).write(ds, json);
            HttpResponse<String> r = stowJson("/studies/" + study, "[" + json + "]", pixels, "urn:pixels:7FE00010");
            assertEquals(200, r.statusCode(), r.body());
            HttpResponse<byte[]> back = web.get("/studies/" + study, WebFixture.ADMIN,
                    "multipart/related; type=\"application/dicom\"");
            Attributes stored = readPart10(Responses.multipart(back).getFirst().body());
            assertEquals("MÜLLER^JÖRG", stored.getString(Tags.PatientName));
            assertArrayEquals(pixels, stored.getBytes(org.pacs.dicom.data.Tag.PIXEL_DATA));
        }

        @Test
        void aJsonDataSetWhoseBulkDataIsMissingFails() throws Exception {
            String study = "1.2.826.0.1.3680043.8.3";
            Attributes ds = WebFixture.ct("P8", "X^Y", "SMITH^ANNA", study, study + ".1", study + ".1.1", 1);
            java.io.StringWriter json = new java.io.StringWriter();
            org.pacs.dicom.json.JsonWriter.create().withBulkData(1024, v -> "urn:pixels:" + v.path()).write(ds, json);
            HttpResponse<String> r = stowJson("/studies", json.toString(), new byte[10], "urn:other");
            assertEquals(409, r.statusCode(), r.body());
            assertEquals(0xC000, Responses.jsonObject(r).getSequence(Tags.FailedSOPSequence).get(0)
                    .getInt(Tags.FailureReason, -1));
            assertEquals(404, web.get("/studies/" + study, WebFixture.ADMIN, null).statusCode());
        }

        @Test
        void refusesOtherMediaTypes() throws Exception {
            java.net.http.HttpRequest req = web.request("/studies", WebFixture.ADMIN)
                    .header("Content-Type", "multipart/related; type=\"application/dicom+xml\"; boundary=x")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--x--\r\n")).build();
            assertEquals(415, web.client.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
            req = web.request("/studies", WebFixture.ADMIN).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{}")).build();
            assertEquals(415, web.client.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
            req = web.request("/studies", WebFixture.ADMIN).header("Accept", "text/html")
                    .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=x")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("--x--\r\n")).build();
            assertEquals(406, web.client.send(req, HttpResponse.BodyHandlers.ofString()).statusCode());
        }
    }

    @Nested
    class Negotiation {
        @Test
        void unacceptableTypesAre406() throws Exception {
            assertEquals(406, web.get("/studies", WebFixture.ADMIN, "text/html").statusCode());
            assertEquals(406, web.get("/studies/" + STUDY_A, WebFixture.ADMIN, "application/json").statusCode());
            assertEquals(406, web.get("/studies/" + STUDY_A + "/metadata", WebFixture.ADMIN, "application/dicom")
                    .statusCode());
            assertEquals(200, web.get("/studies", WebFixture.ADMIN, "text/html;q=0.5, application/json").statusCode());
        }

        @Test
        void capabilitiesAreDescribed() throws Exception {
            HttpResponse<String> wadl = web.getText("", WebFixture.ADMIN, null);
            assertEquals(200, wadl.statusCode());
            assertEquals("application/vnd.sun.wadl+xml", wadl.headers().firstValue("Content-Type").orElseThrow());
            assertTrue(wadl.body().contains("studies/{study}/metadata"));
            HttpResponse<String> json = web.client.send(web.request("", WebFixture.UPLOADER)
                    .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, json.statusCode());
            assertTrue(json.body().startsWith("{\"base\""), json.body());
        }
    }

    @Nested
    class WadoUri {
        String uri(String study, String series, String sop, String more) {
            return web.base() + "/wado?requestType=WADO&studyUID=" + study + "&seriesUID=" + series + "&objectUID="
                    + sop + more;
        }

        HttpResponse<byte[]> get(String url, String token) throws Exception {
            return web.client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                    .header("Authorization", "Bearer " + token).timeout(WebFixture.T).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        }

        @Test
        void answersThePart10FileAndRenderedImages() throws Exception {
            HttpResponse<byte[]> r = get(uri(STUDY_A, SERIES_A, SOP_A2, "&contentType=application/dicom"),
                    WebFixture.ADMIN);
            assertEquals(200, r.statusCode());
            assertEquals("application/dicom", r.headers().firstValue("Content-Type").orElseThrow());
            assertArrayEquals(WebFixture.dataSetOf(a2), WebFixture.dataSetOf(r.body()));
            HttpResponse<byte[]> jpeg = get(uri(STUDY_A, SERIES_A, SOP_A2, "&windowCenter=100&windowWidth=200"),
                    WebFixture.ADMIN);
            assertEquals(200, jpeg.statusCode());
            assertEquals("image/jpeg", jpeg.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(400, get(web.base() + "/wado?requestType=WADO&studyUID=" + STUDY_A, WebFixture.ADMIN)
                    .statusCode());
        }
    }
}
