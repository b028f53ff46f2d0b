// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OidcSettingsTest {

    static OidcSettings settings(String issuer, String jwks, boolean allowPlaintext) {
        return new OidcSettings(issuer, "pacs", URI.create(jwks), "", null, allowPlaintext);
    }

    @Test
    void refusesPlainHttpBeyondLoopback() {
        assertThrows(IllegalArgumentException.class, () -> settings("http://kc.example/realms/pacs",
                "http://kc.example/realms/pacs/protocol/openid-connect/certs", false));
        assertThrows(IllegalArgumentException.class, () -> settings("https://kc.example/realms/pacs",
                "http://kc.example/realms/pacs/protocol/openid-connect/certs", false));
    }

    @Test
    void allowsPlainHttpOnLoopbackOrWhenAllowed() {
        settings("http://127.0.0.1:8080/realms/pacs", "http://localhost:8080/certs", false);
        settings("http://kc.example/realms/pacs", "http://kc.example/certs", true);
    }

    @Test
    void refusesOtherSchemes() {
        assertThrows(IllegalArgumentException.class, () -> settings("https://kc/realms/pacs", "file:///etc/keys", true));
    }

    @Test
    void defaultsTheJwksUrlToKeycloaksAndRolesClientToTheAudience() {
        assertEquals(URI.create("https://kc.example/realms/pacs/protocol/openid-connect/certs"),
                OidcSettings.defaultJwksUrl("https://kc.example/realms/pacs/"));
        assertEquals("pacs", settings("https://kc/realms/pacs", "https://kc/certs", false).rolesClient());
    }
}
