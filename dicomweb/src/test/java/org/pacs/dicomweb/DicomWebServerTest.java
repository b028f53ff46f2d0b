// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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

    @TempDir
    static Path dir;
    static WebFixture web;
    static byte[] a1;
    static byte[] a2;

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
}
