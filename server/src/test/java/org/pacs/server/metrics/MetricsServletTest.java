// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.identity.AuthenticationException;
import org.pacs.auth.identity.Authenticator;
import org.pacs.auth.identity.Principal;
import org.pacs.auth.identity.Role;

/** Who may read {@code /metrics}: the scrape token or an admin, nobody else; the servlet on a loopback Jetty. */
class MetricsServletTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final Authenticator USERS = token -> switch (token) {
        case "admin-jwt" -> new Principal("ada", Set.of(Role.ADMIN), Set.of());
        case "uploader-jwt" -> new Principal("uli", Set.of(Role.UPLOADER), Set.of());
        case "radiologist-jwt" -> new Principal("rad", Set.of(Role.RADIOLOGIST), Set.of());
        default -> throw new AuthenticationException("signature invalid");
    };

    @TempDir
    Path data;
    private Server server;
    private MetricRegistry registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(T).build();

    @BeforeEach
    void start() throws Exception {
        registry = new MetricRegistry();
        registry.counter("pacs_test_total", "a test counter").inc();
        server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        ServletContextHandler context = new ServletContextHandler();
        context.addServlet(new ServletHolder(new MetricsServlet(registry, new ScrapeToken(data), USERS)),
                MetricsServlet.PATH);
        server.setHandler(context);
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.stop();
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + MetricsServlet.PATH)).timeout(T);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Nested
    class WithAScrapeToken {
        String token;

        @BeforeEach
        void create() throws Exception {
            token = ScrapeToken.rotate(data, new SecureRandom());
        }

        @Test
        void servesTheExpositionToTheScrapeToken() throws Exception {
            HttpResponse<String> rsp = get("Bearer " + token);
            assertEquals(200, rsp.statusCode());
            assertEquals("text/plain; version=0.0.4; charset=utf-8",
                    rsp.headers().firstValue("Content-Type").orElseThrow().replace(";charset", "; charset"));
            assertEquals(1, Exposition.parse(rsp.body()).value("pacs_test_total", java.util.Map.of()));
            assertEquals("no-store", rsp.headers().firstValue("Cache-Control").orElseThrow());
        }

        @Test
        void servesAnAdminsAccessToken() throws Exception {
            assertEquals(200, get("Bearer admin-jwt").statusCode());
        }

        @Test
        void refusesWithoutAToken() throws Exception {
            HttpResponse<String> rsp = get(null);
            assertEquals(401, rsp.statusCode());
            assertTrue(rsp.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Bearer"));
            assertFalse(rsp.body().contains("pacs_"));
        }

        @Test
        void refusesAnotherAuthorizationScheme() throws Exception {
            assertEquals(401, get("Basic YWRtaW46YWRtaW4=").statusCode());
        }

        @Test
        void refusesAWrongToken() throws Exception {
            HttpResponse<String> rsp = get("Bearer " + token.substring(0, token.length() - 1) + "x");
            assertEquals(401, rsp.statusCode());
            assertTrue(rsp.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
            assertFalse(rsp.body().contains("pacs_test_total"));
        }

        @Test
        void forbidsUsersWhoAreNotAdmins() throws Exception {
            assertEquals(403, get("Bearer uploader-jwt").statusCode());
            assertEquals(403, get("Bearer radiologist-jwt").statusCode());
        }

        @Test
        void refusesTheOldTokenOnceRotated() throws Exception {
            String next = ScrapeToken.rotate(data, new SecureRandom());
            assertEquals(401, get("Bearer " + token).statusCode());
            assertEquals(200, get("Bearer " + next).statusCode());
        }
    }

    @Nested
    class WithoutAScrapeToken {
        @Test
        void theEndpointDoesNotExistEvenForAnAdmin() throws Exception {
            HttpResponse<String> rsp = get("Bearer admin-jwt");
            assertEquals(404, rsp.statusCode());
            assertFalse(rsp.body().contains("pacs_"));
        }
    }
}
