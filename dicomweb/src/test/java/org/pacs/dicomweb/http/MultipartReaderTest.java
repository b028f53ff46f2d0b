// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MultipartReaderTest {
    @Test
    void readsBackWhatTheWriterWrote() throws IOException {
        Random random = new Random(7);
        byte[] big = new byte[300_000];
        random.nextBytes(big);
        byte[] tricky = "\r\n--almost-the-boundary\r\n--".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MultipartWriter w = new MultipartWriter(out);
        w.part("application/dicom", null).write(big);
        w.part("application/octet-stream", "x").write(tricky);
        w.part("text/plain", null);
        w.finish();
        // One byte at a time exercises every buffer boundary around the delimiter.
        MultipartReader r = new MultipartReader(trickle(out.toByteArray()), w.boundary());
        MultipartReader.Part p1 = r.next();
        assertEquals("application/dicom", p1.header("Content-Type"));
        assertArrayEquals(big, p1.body().readAllBytes());
        MultipartReader.Part p2 = r.next();
        assertEquals("x", p2.header("content-location"));
        assertArrayEquals(tricky, p2.body().readAllBytes());
        assertArrayEquals(new byte[0], r.next().body().readAllBytes());
        assertNull(r.next());
    }

    @Test
    void skipsThePreambleAndUnreadParts() throws IOException {
        String body = "preamble\r\n--b\r\nContent-Type: a/b\r\n\r\nfirst\r\n--b\r\n\r\nsecond\r\n--b--\r\nepilogue";
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)),
                "b");
        r.next();
        assertEquals("second", new String(r.next().body().readAllBytes(), StandardCharsets.US_ASCII));
        assertNull(r.next());
    }

    @Test
    void aBodyWithoutItsClosingDelimiterFails() {
        String body = "--b\r\n\r\ntruncated data";
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)),
                "b");
        assertThrows(IOException.class, () -> r.next().body().readAllBytes());
    }

    @Test
    void refusesOverlongHeaderBlocks() {
        String body = "--b\r\nX: " + "a".repeat(20_000) + "\r\n\r\nx\r\n--b--";
        MultipartReader r = new MultipartReader(new ByteArrayInputStream(body.getBytes(StandardCharsets.US_ASCII)),
                "b");
        assertThrows(IOException.class, r::next);
    }

    @Test
    void refusesAMissingBoundary() {
        assertEquals(400, assertThrows(HttpProblem.class,
                () -> new MultipartReader(InputStream.nullInputStream(), null)).status());
    }

    private static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 1 + (len > 7 ? 6 : 0)));
            }
        };
    }
}
