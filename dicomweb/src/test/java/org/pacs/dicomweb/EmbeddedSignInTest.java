// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.identity.EmbeddedIdentity;
import org.pacs.auth.identity.PasswordHasher;
import org.pacs.auth.identity.Role;
import org.pacs.auth.identity.SignInAudit;

/**
 * The embedded identity mode end to end over HTTPS: a local user signs in at the token endpoint, uses
 * the access token on DICOMweb, refreshes it, logs out, and the ended session's token is refused.
 */
class EmbeddedSignInTest {
    @TempDir
    static Path dir;
    static WebFixture web;
    static DicomWebServer server;

    @BeforeAll
    static void start() throws Exception {
        web = new WebFixture(dir);
        EmbeddedIdentity identity = EmbeddedIdentity.open(dir, web.keyRing, new EmbeddedIdentity.Options(
                Duration.ofMinutes(5), Duration.ofHours(1), 5, "pacs"), new PasswordHasher(
                new PasswordHasher.Parameters(1024, 1, 1), 2), Clock.systemUTC(), SignInAudit.NONE);
        identity.accounts().add("rad", Set.of(Role.RADIOLOGIST), Set.of(), "correct horse battery".toCharArray());
        server = web.another(DicomWebOptions.loopback(), identity.authenticator(), identity.signIn());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        web.close();
    }

    static HttpResponse<String> post(String path, String form) throws Exception {
        return web.client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpsPort() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").timeout(WebFixture.T)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static int qido(String accessToken) throws Exception {
        return web.client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.httpsPort()
                + "/dicomweb/studies")).header("Authorization", "Bearer " + accessToken).timeout(WebFixture.T).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    @Test
    void signInRefreshAndLogout() throws Exception {
        HttpResponse<String> refused = post("/auth/token", "grant_type=password&username=rad&password=wrong");
        assertEquals(400, refused.statusCode());
        assertTrue(refused.body().contains("\"invalid_grant\""), refused.body());

        HttpResponse<String> login = post("/auth/token",
                "grant_type=password&username=rad&password=correct+horse+battery");
        assertEquals(200, login.statusCode(), login.body());
        assertEquals("no-store", login.headers().firstValue("Cache-Control").orElseThrow());
        String access = field(login.body(), "access_token");
        String refresh = field(login.body(), "refresh_token");
        assertEquals(200, qido(access));

        HttpResponse<String> renewed = post("/auth/token", "grant_type=refresh_token&refresh_token=" + refresh);
        assertEquals(200, renewed.statusCode(), renewed.body());
        String refresh2 = field(renewed.body(), "refresh_token");
        assertNotEquals(refresh, refresh2);
        assertEquals(200, qido(field(renewed.body(), "access_token")));

        assertEquals(204, post("/auth/logout", "refresh_token=" + refresh2).statusCode());
        assertEquals(401, qido(access), "the session ended with the logout");
    }

    @Test
    void refusesOtherGrantsAndBodies() throws Exception {
        assertEquals(400, post("/auth/token", "grant_type=client_credentials").statusCode());
        HttpResponse<String> json = web.client.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:"
                + server.httpsPort() + "/auth/token")).header("Content-Type", "application/json")
                .timeout(WebFixture.T).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, json.statusCode());
    }
}
