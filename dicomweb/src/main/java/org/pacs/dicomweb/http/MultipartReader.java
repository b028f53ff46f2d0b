// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a multipart body (RFC 2046 §5.1, as {@code multipart/related}, RFC 2387, carries STOW-RS
 * requests) part by part while it streams in: each part's body is a stream that ends at the next
 * delimiter, so no part is ever held whole. Header blocks are bounded; a body that ends without the
 * closing delimiter fails with an {@link IOException}.
 *
 * <pre>{@code
 * MultipartReader parts = new MultipartReader(request.getInputStream(), boundary);
 * for (MultipartReader.Part p; (p = parts.next()) != null; ) {
 *     store(p.headers().get("content-type"), p.body());
 * }
 * }</pre>
 */
public final class MultipartReader {
    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int MAX_PARTS = 100_000;

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean closed;
    private boolean started;
    private int parts;
    private PartBody current;

    /** One part: header names in lower case, and the body up to the next delimiter. */
    public record Part(Map<String, String> headers, InputStream body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > 70) {
            throw HttpProblem.badRequest("multipart boundary missing or longer than 70 characters (RFC 2046 5.1.1)");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[Math.max(64 * 1024, delimiter.length * 4)];
        // The first delimiter may open the body without a preceding line break: supply one.
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
    }

    /** The next part, or null after the closing delimiter. Skips what is left of the previous part. */
    public Part next() throws IOException {
        if (!started) {
            started = true;
            // The preamble is ignored (RFC 2046 5.1.1).
            new PartBody().transferTo(java.io.OutputStream.nullOutputStream());
        } else if (current != null) {
            current.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (closed) {
            return null;
        }
        if (++parts > MAX_PARTS) {
            throw new IOException("more than " + MAX_PARTS + " parts");
        }
        Map<String, String> headers = readHeaders();
        current = new PartBody();
        return new Part(headers, current);
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new IOException("part headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed part header");
            }
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos == limit && !fill()) {
                throw new IOException("multipart body ends inside part headers");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                return sb.toString();
            }
            if (sb.length() > MAX_HEADER_BYTES) {
                throw new IOException("part header line too long");
            }
            sb.append((char) (b & 0xFF));
        }
    }

    /** Reads more input after what is buffered; false at end of input. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }

    private int indexOfDelimiter() {
        int last = limit - delimiter.length;
        outer:
        for (int i = pos; i <= last; i++) {
            if (buf[i] != delimiter[0]) {
                continue;
            }
            for (int k = 1; k < delimiter.length; k++) {
                if (buf[i + k] != delimiter[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** After a delimiter: "--" closes the body; else optional white space and a line break. */
    private void afterDelimiter() throws IOException {
        while (limit - pos < 2 && fill()) {
            // need two bytes to tell
        }
        if (limit - pos >= 2 && buf[pos] == '-' && buf[pos + 1] == '-') {
            pos += 2;
            closed = true;
            return;
        }
        while (true) {
            if (pos == limit && !fill()) {
                throw new IOException("multipart body ends after a delimiter");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                return;
            }
            if (b != '\r' && b != ' ' && b != '\t') {
                throw new IOException("malformed multipart delimiter line");
            }
        }
    }

    /** A part's body: the bytes up to the next delimiter. */
    private final class PartBody extends InputStream {
        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = indexOfDelimiter();
                if (at == pos) {
                    pos += delimiter.length;
                    done = true;
                    afterDelimiter();
                    return -1;
                }
                int safe = at >= 0 ? at - pos : limit - pos - (delimiter.length - 1);
                if (safe > 0) {
                    int n = Math.min(safe, len);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (!fill()) {
                    throw new IOException("multipart body ends without its closing delimiter");
                }
            }
        }
    }
}
