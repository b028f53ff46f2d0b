// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.tls.TlsContexts;

/** Hardened HTTP: TLS only, security headers, no banners, liveness, rate and size limits, CORS, redirect. */
class HardeningTest {
    @TempDir
    static Path dir;
    static WebFixture web;

    @BeforeAll
    static void start() throws Exception {
        web = new WebFixture(dir).start(DicomWebOptions.loopback());
    }

    @AfterAll
    static void stop() throws Exception {
        web.close();
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return web.client.send(b.timeout(WebFixture.T).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder at(int port, String path) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path));
    }

    @Nested
    class Headers {
        @Test
        void apiResponsesCarryTheSecurityHeadersAndNoBanner() throws Exception {
            for (HttpResponse<String> r : List.of(web.getText("/studies", WebFixture.ADMIN, null),
                    web.getText("/studies", null, null), web.getText("/studies/1.2.3", WebFixture.ADMIN, null))) {
                assertEquals("max-age=31536000; includeSubDomains",
                        r.headers().firstValue("Strict-Transport-Security").orElseThrow(), "HSTS on " + r.statusCode());
                assertEquals("default-src 'none'; frame-ancestors 'none'",
                        r.headers().firstValue("Content-Security-Policy").orElseThrow());
                assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
                assertEquals("no-referrer", r.headers().firstValue("Referrer-Policy").orElseThrow());
                assertEquals("no-store", r.headers().firstValue("Cache-Control").orElseThrow());
                assertFalse(r.headers().firstValue("Server").isPresent());
                assertFalse(r.headers().firstValue("X-Powered-By").isPresent());
            }
        }

        @Test
        void containerErrorPagesNameNoServer() throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(web.base() + "/nothing/here")));
            assertEquals(404, r.statusCode());
            assertEquals("404 Not Found\n", r.body());
            assertFalse(r.body().toLowerCase().contains("jetty"));
            assertFalse(r.headers().firstValue("Server").isPresent());
        }
    }

    @Nested
    class Liveness {
        @Test
        void answersOkWithoutAuthenticationAndNothingElse() throws Exception {
            HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(web.base() + "/health/live")));
            assertEquals(200, r.statusCode());
            assertEquals("ok\n", r.body());
        }
    }

    @Nested
    class Tls {
        @Test
        void plaintextHttpOnTheHttpsPortGetsNoData() throws Exception {
            HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.server.httpsPort()
                    + "/dicomweb/studies")).header("Authorization", "Bearer " + WebFixture.ADMIN)
                    .timeout(WebFixture.T).build();
            try {
                HttpResponse<String> r = plain.send(req, HttpResponse.BodyHandlers.ofString());
                assertEquals(400, r.statusCode(), "Jetty answers plaintext on a TLS port with 400 at most");
                assertFalse(r.body().contains("1.2."));
            } catch (IOException expected) {
                // the connection was closed: also fine
            }
        }

        @Test
        void offersOnlyTls12And13() throws Exception {
            SSLContext ctx = TlsContexts.client(null, List.of(web.ca.certificate()));
            for (String proto : List.of("TLSv1.3", "TLSv1.2")) {
                assertEquals(proto, handshake(ctx, proto));
            }
            assertThrows(IOException.class, () -> handshake(ctx, "TLSv1.1"));
        }

        private String handshake(SSLContext ctx, String protocol) throws IOException {
            try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket()) {
                s.connect(new InetSocketAddress("127.0.0.1", web.server.httpsPort()), 5000);
                s.setSoTimeout(5000);
                SSLParameters p = s.getSSLParameters();
                p.setProtocols(new String[] {protocol});
                s.setSSLParameters(p);
                s.startHandshake();
                return s.getSession().getProtocol();
            } catch (IllegalArgumentException e) {
                throw new IOException(e);
            }
        }
    }

    @Nested
    class RateLimit {
        @Test
        void aClientAboveItsRateGets429() throws Exception {
            try (DicomWebServer limited = web.another(DicomWebOptions.loopback().withRateLimit(3))) {
                int[] statuses = new int[6];
                for (int i = 0; i < statuses.length; i++) {
                    statuses[i] = send(at(limited.httpsPort(), "/health/live")).statusCode();
                }
                assertEquals(200, statuses[0]);
                assertEquals(429, statuses[statuses.length - 1], java.util.Arrays.toString(statuses));
                HttpResponse<String> r = send(at(limited.httpsPort(), "/dicomweb/studies"));
                if (r.statusCode() == 429) {
                    assertEquals("1", r.headers().firstValue("Retry-After").orElseThrow());
                }
            }
        }
    }

    @Nested
    class SizeLimit {
        @Test
        void aDeclaredLengthAboveTheLimitIs413() throws Exception {
            try (DicomWebServer small = web.another(DicomWebOptions.loopback().withMaxRequestBytes(1000))) {
                HttpResponse<String> r = send(at(small.httpsPort(), "/dicomweb/studies")
                        .header("Authorization", "Bearer " + WebFixture.UPLOADER)
                        .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=x")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[2000])));
                assertEquals(413, r.statusCode());
            }
        }

        @Test
        void aChunkedBodyGrowingPastTheLimitIs413() throws Exception {
            try (DicomWebServer small = web.another(DicomWebOptions.loopback().withMaxRequestBytes(100_000))) {
                byte[] file = WebFixture.part10(WebFixture.ct("P5", "BIG^ONE", "X^Y", "1.2.826.0.1.3680043.5.1",
                        "1.2.826.0.1.3680043.5.1.1", "1.2.826.0.1.3680043.5.1.1.1", 1), "1.2.840.10008.1.2.1");
                byte[] head = ("--x\r\nContent-Type: application/dicom\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
                // Unknown length (chunked): 60 copies of the file in one part, ~150 KB.
                HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    int n;
                    final byte[] body = concat(head, file);

                    @Override
                    public int read() {
                        return n < body.length * 60 ? body[n++ % body.length] & 0xFF : -1;
                    }
                });
                HttpResponse<String> r = send(at(small.httpsPort(), "/dicomweb/studies")
                        .header("Authorization", "Bearer " + WebFixture.UPLOADER)
                        .header("Content-Type", "multipart/related; type=\"application/dicom\"; boundary=x")
                        .POST(chunked));
                assertEquals(413, r.statusCode(), r.body());
            } catch (IOException e) {
                // The server may close the connection while the client still sends: acceptable too.
                assertTrue(e.getMessage() == null || !e.getMessage().isEmpty());
            }
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Nested
    class Cors {
        static final String VIEWER = "https://viewer.example:8443";

        @Test
        void onlyConfiguredViewerOriginsAreAdmitted() throws Exception {
            try (DicomWebServer cors = web.another(DicomWebOptions.loopback().withViewerOrigins(List.of(VIEWER)))) {
                HttpResponse<String> pre = send(at(cors.httpsPort(), "/dicomweb/studies")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", VIEWER)
                        .header("Access-Control-Request-Method", "GET")
                        .header("Access-Control-Request-Headers", "authorization"));
                assertEquals(204, pre.statusCode());
                assertEquals(VIEWER, pre.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
                assertTrue(pre.headers().firstValue("Access-Control-Allow-Headers").orElseThrow().contains("Authorization"));
                HttpResponse<String> evil = send(at(cors.httpsPort(), "/dicomweb/studies")
                        .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "https://evil.example")
                        .header("Access-Control-Request-Method", "GET"));
                assertEquals(403, evil.statusCode());
                assertFalse(evil.headers().firstValue("Access-Control-Allow-Origin").isPresent());
                HttpResponse<String> get = send(at(cors.httpsPort(), "/dicomweb/studies").header("Origin", VIEWER)
                        .header("Authorization", "Bearer " + WebFixture.ADMIN));
                assertEquals(200, get.statusCode());
                assertEquals(VIEWER, get.headers().firstValue("Access-Control-Allow-Origin").orElseThrow());
                HttpResponse<String> other = send(at(cors.httpsPort(), "/dicomweb/studies")
                        .header("Origin", "https://evil.example").header("Authorization", "Bearer " + WebFixture.ADMIN));
                assertFalse(other.headers().firstValue("Access-Control-Allow-Origin").isPresent());
            }
        }
    }

    @Nested
    class Redirect {
        @Test
        void theOptionalHttpListenerOnlyRedirects() throws Exception {
            try (DicomWebServer r = web.another(DicomWebOptions.loopback().withHttpRedirect(0))) {
                HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .followRedirects(HttpClient.Redirect.NEVER).build();
                HttpResponse<String> rsp = plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + r.httpRedirectPort() + "/dicomweb/studies?PatientID=1")).header("Authorization",
                        "Bearer " + WebFixture.ADMIN).timeout(WebFixture.T).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(308, rsp.statusCode());
                assertEquals("https://127.0.0.1:" + r.httpsPort() + "/dicomweb/studies?PatientID=1",
                        rsp.headers().firstValue("Location").orElseThrow());
                assertFalse(rsp.body().contains("1.2."));
            }
            assertEquals(-1, web.server.httpRedirectPort(), "off by default");
        }
    }
}
