// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Frame media types per transfer syntax, transcribed from PS3.18 Tables 8.7.3-2 to 8.7.3-4. */
class FrameMediaTypeTest {
    @ParameterizedTest
    @CsvSource({
        "1.2.840.10008.1.2,        application/octet-stream, 1.2.840.10008.1.2.1",
        "1.2.840.10008.1.2.1,      application/octet-stream, 1.2.840.10008.1.2.1",
        "1.2.840.10008.1.2.2,      application/octet-stream, 1.2.840.10008.1.2.1",
        "1.2.840.10008.1.2.1.99,   application/octet-stream, 1.2.840.10008.1.2.1",
        "1.2.840.10008.1.2.4.50,   image/jpeg,      1.2.840.10008.1.2.4.50",
        "1.2.840.10008.1.2.4.51,   image/jpeg,      1.2.840.10008.1.2.4.51",
        "1.2.840.10008.1.2.4.57,   image/jpeg,      1.2.840.10008.1.2.4.57",
        "1.2.840.10008.1.2.4.70,   image/jpeg,      1.2.840.10008.1.2.4.70",
        "1.2.840.10008.1.2.4.80,   image/jls,       1.2.840.10008.1.2.4.80",
        "1.2.840.10008.1.2.4.81,   image/jls,       1.2.840.10008.1.2.4.81",
        "1.2.840.10008.1.2.4.90,   image/jp2,       1.2.840.10008.1.2.4.90",
        "1.2.840.10008.1.2.4.91,   image/jp2,       1.2.840.10008.1.2.4.91",
        "1.2.840.10008.1.2.4.92,   image/jpx,       1.2.840.10008.1.2.4.92",
        "1.2.840.10008.1.2.4.93,   image/jpx,       1.2.840.10008.1.2.4.93",
        "1.2.840.10008.1.2.4.201,  image/jphc,      1.2.840.10008.1.2.4.201",
        "1.2.840.10008.1.2.4.110,  image/jxl,       1.2.840.10008.1.2.4.110",
        "1.2.840.10008.1.2.5,      image/dicom-rle, 1.2.840.10008.1.2.5",
        "1.2.840.10008.1.2.1.98,   application/octet-stream, 1.2.840.10008.1.2.1.98",
    })
    void namesTheMediaTypeAndTransferSyntaxOfFrames(String ts, String type, String param) throws Exception {
        FrameMediaType t = FrameMediaType.forTransferSyntax(ts);
        assertEquals(type, t.type());
        assertEquals(type + "; transfer-syntax=" + param, t.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.2.840.10008.1.2.4.100", "1.2.840.10008.1.2.4.100.1", "1.2.840.10008.1.2.4.102",
        "1.2.840.10008.1.2.4.107", "1.2.840.10008.1.2.4.108", "1.2.840.10008.1.2.4.94"})
    void refusesVideoAndReferencedPixelData(String ts) {
        assertThrows(UnsupportedPixelDataException.class, () -> FrameMediaType.forTransferSyntax(ts));
    }
}
