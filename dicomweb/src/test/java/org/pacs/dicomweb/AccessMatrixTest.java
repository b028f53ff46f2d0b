// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.dict.UID;

/**
 * Every role against every endpoint (issue 7): admin and radiologist see all; a referring physician
 * sees only the studies naming them, and another doctor's study answers 404 everywhere, by UID too,
 * while QIDO's matches, counts, limits and offsets never show it; an uploader only stores; an auditor
 * has no DICOMweb access at all.
 */
class AccessMatrixTest {
    static final String A = "1.2.826.0.1.3680043.2.1";
    static final String SA = A + ".1";
    static final String IA = SA + ".1";
    static final String B = "1.2.826.0.1.3680043.2.2";
    static final String SB = B + ".1";
    static final String IB = SB + ".1";
    static final String C = "1.2.826.0.1.3680043.2.3";
    static final String SC = C + ".1";
    static final String IC = SC + ".1";
    static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir
    static Path dir;
    static WebFixture web;

    @BeforeAll
    static void start() throws Exception {
        web = new WebFixture(dir).start(DicomWebOptions.loopback());
        assertEquals(200, web.stow("/studies", WebFixture.UPLOADER,
                WebFixture.part10(WebFixture.ct("P1", "DOE^JANE", "SMITH^ANNA", A, SA, IA, 1), UID.ExplicitVRLittleEndian),
                WebFixture.part10(WebFixture.ct("P2", "ROE^JOHN", "JONES^BOB", B, SB, IB, 1), UID.ExplicitVRLittleEndian),
                WebFixture.part10(WebFixture.ct("P1", "DOE^JANE", "OTHER^DOC", C, SC, IC, 1), UID.ExplicitVRLittleEndian))
                .statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        web.close();
    }

    /** The read endpoints of study B (doctor B's), with "{B}" etc. filled in; "/wado?.." is WADO-URI. */
    static final List<String> B_ENDPOINTS = List.of(
            "/studies/" + B,
            "/studies/" + B + "/metadata",
            "/studies/" + B + "/series",
            "/studies/" + B + "/instances",
            "/studies/" + B + "/thumbnail",
            "/studies/" + B + "/series/" + SB,
            "/studies/" + B + "/series/" + SB + "/metadata",
            "/studies/" + B + "/series/" + SB + "/instances",
            "/studies/" + B + "/series/" + SB + "/thumbnail",
            "/studies/" + B + "/series/" + SB + "/instances/" + IB,
            "/studies/" + B + "/series/" + SB + "/instances/" + IB + "/metadata",
            "/studies/" + B + "/series/" + SB + "/instances/" + IB + "/frames/1",
            "/studies/" + B + "/series/" + SB + "/instances/" + IB + "/frames/1/rendered",
            "/studies/" + B + "/series/" + SB + "/instances/" + IB + "/rendered",
            "/studies/" + B + "/series/" + SB + "/instances/" + IB + "/thumbnail",
            "/studies/" + B + "/series/" + SB + "/instances/" + IB + "/bulkdata/7FE00010",
            "/wado?requestType=WADO&studyUID=" + B + "&seriesUID=" + SB + "&objectUID=" + IB
                    + "&contentType=application/dicom");

    /** Expected status of each role on study B's read endpoints. */
    static final Map<String, Integer> B_STATUS = Map.of(WebFixture.ADMIN, 200, WebFixture.RADIOLOGIST, 200,
            WebFixture.DOCTOR_B, 200, WebFixture.DOCTOR_A, 404, WebFixture.UPLOADER, 403, WebFixture.AUDITOR, 403);

    static Stream<Arguments> readMatrix() {
        List<Arguments> out = new ArrayList<>();
        for (String endpoint : B_ENDPOINTS) {
            for (Map.Entry<String, Integer> e : B_STATUS.entrySet()) {
                out.add(Arguments.of(e.getKey(), endpoint, e.getValue()));
            }
        }
        return out.stream();
    }

    static HttpResponse<byte[]> get(String endpoint, String token) throws Exception {
        String url = endpoint.startsWith("/wado") ? web.base() + endpoint : web.root() + endpoint;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(WebFixture.T).header("Accept", "*/*");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return web.client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @ParameterizedTest(name = "{0} GET {1} -> {2}")
    @MethodSource("readMatrix")
    void readsAnswerByRoleAndScope(String token, String endpoint, int expected) throws Exception {
        assertEquals(expected, get(endpoint, token).statusCode());
    }

    @ParameterizedTest(name = "no token GET {0} -> 401")
    @MethodSource("endpoints")
    void withoutATokenEverythingIs401(String endpoint) throws Exception {
        HttpResponse<byte[]> r = get(endpoint, null);
        assertEquals(401, r.statusCode());
        assertEquals("Bearer realm=\"pacs\"", r.headers().firstValue("WWW-Authenticate").orElseThrow());
    }

    static Stream<String> endpoints() {
        return Stream.concat(Stream.of("", "/studies", "/series", "/instances"), B_ENDPOINTS.stream());
    }

    static Stream<Arguments> storeMatrix() {
        return Stream.of(Arguments.of(WebFixture.ADMIN, 200), Arguments.of(WebFixture.RADIOLOGIST, 200),
                Arguments.of(WebFixture.UPLOADER, 200), Arguments.of(WebFixture.DOCTOR_A, 403),
                Arguments.of(WebFixture.DOCTOR_B, 403), Arguments.of(WebFixture.AUDITOR, 403));
    }

    @ParameterizedTest(name = "{0} POST /studies -> {1}")
    @MethodSource("storeMatrix")
    void storesAnswerByRole(String token, int expected) throws Exception {
        String study = "1.2.826.0.1.3680043.2.9." + NEXT.incrementAndGet();
        byte[] file = WebFixture.part10(WebFixture.ct("P7", "NEW^ONE", "NOBODY^X", study, study + ".1",
                study + ".1.1", 1), UID.ExplicitVRLittleEndian);
        assertEquals(expected, web.stow("/studies", token, file).statusCode());
        // Again to the study's own URL: now a duplicate, stored copy kept, hence 202 with a warning.
        assertEquals(expected == 200 ? 202 : expected, web.stow("/studies/" + study, token, file).statusCode());
    }

    @Nested
    class QidoRevealsNothing {
        List<String> studies(String query, String token) throws Exception {
            HttpResponse<String> r = web.getText(query, token, null);
            assertEquals(200, r.statusCode());
            return Responses.json(r).stream().map(a -> a.getString(Tags.StudyInstanceUID)).sorted().toList();
        }

        @Test
        void aReferringPhysicianListsOnlyTheirStudies() throws Exception {
            assertEquals(List.of(A), studies("/studies?ReferringPhysicianName=*", WebFixture.DOCTOR_A));
            assertEquals(List.of(A), studies("/studies?PatientID=P1", WebFixture.DOCTOR_A),
                    "the same patient's other study stays hidden");
            assertEquals(List.of(), studies("/studies?StudyInstanceUID=" + B, WebFixture.DOCTOR_A));
            assertEquals(List.of(), studies("/studies?00100020=P2", WebFixture.DOCTOR_A));
            assertEquals(List.of(B), studies("/studies?StudyInstanceUID=" + B, WebFixture.DOCTOR_B));
        }

        @Test
        void limitsOffsetsAndCountsCountOnlyVisibleStudies() throws Exception {
            assertEquals(List.of(A), studies("/studies?limit=1", WebFixture.DOCTOR_A));
            assertEquals(List.of(), studies("/studies?limit=5&offset=1", WebFixture.DOCTOR_A));
            HttpResponse<String> r = web.getText("/studies?includefield=NumberOfPatientRelatedStudies",
                    WebFixture.DOCTOR_A, null);
            assertEquals(1, Responses.json(r).getFirst().getInt(Tags.NumberOfPatientRelatedStudies, -1));
            r = web.getText("/studies?PatientID=P1&includefield=NumberOfPatientRelatedStudies", WebFixture.ADMIN, null);
            assertEquals(2, Responses.json(r).getFirst().getInt(Tags.NumberOfPatientRelatedStudies, -1));
        }

        @Test
        void seriesAndInstancesAcrossStudiesStayInScope() throws Exception {
            HttpResponse<String> series = web.getText("/series", WebFixture.DOCTOR_A, null);
            assertEquals(List.of(SA), Responses.json(series).stream().map(a -> a.getString(Tags.SeriesInstanceUID))
                    .toList());
            HttpResponse<String> instances = web.getText("/instances?StudyInstanceUID=" + B, WebFixture.DOCTOR_A, null);
            assertEquals(0, Responses.json(instances).size());
        }

        @Test
        void anotherDoctorsStudyByUidIsAuditedAsDenied() throws Exception {
            web.audit.clear();
            assertEquals(404, get("/studies/" + B + "/metadata", WebFixture.DOCTOR_A).statusCode());
            List<WebFixture.RecordingAudit.Entry> denied = web.audit.of("denied");
            assertEquals(1, denied.size());
            assertEquals("anna", denied.getFirst().user());
            assertTrue(web.audit.of("retrieved").isEmpty());
            web.audit.clear();
            assertEquals(404, get("/studies/1.2.3.4.5/metadata", WebFixture.DOCTOR_A).statusCode());
            assertTrue(web.audit.of("denied").isEmpty(), "an unknown study is no denial");
        }

        @Test
        void anAuditorIsRefusedAndAudited() throws Exception {
            web.audit.clear();
            assertEquals(403, get("/studies", WebFixture.AUDITOR).statusCode());
            assertEquals(1, web.audit.of("denied").size());
            assertTrue(web.audit.of("query").isEmpty());
        }

        @Test
        void aRefusedTokenIsAudited() throws Exception {
            web.audit.clear();
            HttpResponse<byte[]> r = get("/studies", "forged");
            assertEquals(401, r.statusCode());
            assertEquals("Bearer realm=\"pacs\", error=\"invalid_token\"",
                    r.headers().firstValue("WWW-Authenticate").orElseThrow());
            assertEquals(1, web.audit.of("authFailed").size());
        }
    }
}
