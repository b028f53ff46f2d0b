// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Writes a {@code multipart/related} body (RFC 2387) part by part to the response as the parts are
 * produced: WADO-RS streams each instance straight from the blob store into its part.
 *
 * <pre>{@code
 * MultipartWriter mp = new MultipartWriter(response.getOutputStream());
 * response.setContentType(MediaType.MULTIPART_RELATED.withParam("type", "application/dicom")
 *         .withParam("boundary", mp.boundary()).toString());
 * mp.part("application/dicom", null).write(bytes);
 * mp.finish();
 * }</pre>
 */
public final class MultipartWriter {
    private final OutputStream out;
    private final String boundary = UUID.randomUUID().toString();
    private boolean first = true;

    public MultipartWriter(OutputStream out) {
        this.out = out;
    }

    public String boundary() {
        return boundary;
    }

    /**
     * Starts a part; write its body to the returned stream (not to be closed) before the next call.
     *
     * @param contentLocation the part's Content-Location, or null
     */
    public OutputStream part(String contentType, String contentLocation) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append(first ? "" : "\r\n").append("--").append(boundary).append("\r\n");
        h.append("Content-Type: ").append(contentType).append("\r\n");
        if (contentLocation != null) {
            h.append("Content-Location: ").append(contentLocation).append("\r\n");
        }
        h.append("\r\n");
        first = false;
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() {
                // the response stays open for the next part
            }
        };
    }

    /** Writes the closing delimiter and flushes. */
    public void finish() throws IOException {
        if (first) {
            // RFC 2046 needs at least one part; an empty body part keeps the message well formed.
            out.write(("--" + boundary + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            first = false;
        }
        out.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
