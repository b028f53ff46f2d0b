// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediaTypeTest {
    @Test
    void readsParametersQuotedOrNotAndIgnoresCase() {
        MediaType m = MediaType.parse("Multipart/Related; TYPE=\"application/dicom\"; transfer-syntax=*");
        assertTrue(m.is(MediaType.MULTIPART_RELATED));
        assertEquals("application/dicom", m.param("type"));
        assertEquals("*", m.param("transfer-syntax"));
        assertEquals("multipart/related; type=\"application/dicom\"; transfer-syntax=*", m.toString());
    }

    @Test
    void ordersAcceptRangesByQualityAndDropsZero() {
        List<MediaType> ranges = MediaType.parseAccept(
                "text/html;q=0.2, multipart/related; type=\"application/dicom+xml\", application/json;q=0, */*;q=0.1");
        assertEquals(List.of("multipart/related", "text/html", "*/*"),
                ranges.stream().map(r -> r.type() + "/" + r.subtype()).toList());
    }

    @Test
    void splitsOnlyOutsideQuotes() {
        List<MediaType> ranges = MediaType.parseAccept("multipart/related; type=\"a/b, c\", application/dicom+json");
        assertEquals(2, ranges.size());
        assertEquals("a/b, c", ranges.getFirst().param("type"));
    }

    @Test
    void absentAcceptMeansAnything() {
        assertTrue(MediaType.parseAccept(null).getFirst().covers("application", "dicom"));
    }

    @Test
    void rejectsMalformedTypes() {
        assertEquals(400, assertThrows(HttpProblem.class, () -> MediaType.parse("dicom")).status());
        assertEquals(400, assertThrows(HttpProblem.class, () -> MediaType.parse("a/b; q=2")).status());
        assertEquals(400, assertThrows(HttpProblem.class, () -> MediaType.parse("a/b; novalue")).status());
    }
}
