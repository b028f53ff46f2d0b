// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The realm file that {@code docker/compose.yaml} imports into a real Keycloak: the archive's roles and
 * clients, and nothing a test put there (no users, no known client secret).
 */
class RealmFileTest {

    static final Path REALM = Path.of("../docker/keycloak/pacs-realm.json");

    @SuppressWarnings("unchecked")
    static Map<String, Object> client(Map<String, Object> realm, String id) {
        return ((List<Object>) realm.get("clients")).stream().map(c -> (Map<String, Object>) c)
                .filter(c -> id.equals(c.get("clientId"))).findFirst().orElseThrow();
    }

    @Test
    @SuppressWarnings("unchecked")
    void declaresExactlyTheArchiveRoles() throws Exception {
        Map<String, Object> realm = JSONObjectUtils.parse(Files.readString(REALM));
        Set<String> roles = ((List<Object>) ((Map<String, Object>) realm.get("roles")).get("realm")).stream()
                .map(r -> (String) ((Map<String, Object>) r).get("name")).collect(Collectors.toSet());
        assertEquals(Arrays.stream(Role.values()).map(Role::wireName).collect(Collectors.toSet()), roles);
    }

    @Test
    void holdsNoUsersAndNoClientSecret() throws Exception {
        Map<String, Object> realm = JSONObjectUtils.parse(Files.readString(REALM));
        assertNull(realm.get("users"));
        assertNull(client(realm, "pacs").get("secret"));
        assertFalse(Files.readString(REALM).contains("test-only"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void givesBothClientsTheAudienceAndPhysicianNameMappers() throws Exception {
        Map<String, Object> realm = JSONObjectUtils.parse(Files.readString(REALM));
        for (String id : List.of("pacs", "pacs-viewer")) {
            List<Object> mappers = (List<Object>) client(realm, id).get("protocolMappers");
            Set<String> kinds = mappers.stream().map(m -> (String) ((Map<String, Object>) m).get("protocolMapper"))
                    .collect(Collectors.toSet());
            assertTrue(kinds.containsAll(Set.of("oidc-audience-mapper", "oidc-usermodel-attribute-mapper")), id);
        }
        Map<String, Object> viewer = client(realm, "pacs-viewer");
        assertEquals(Boolean.TRUE, viewer.get("publicClient"));
        assertEquals("S256", ((Map<String, Object>) viewer.get("attributes")).get("pkce.code.challenge.method"));
    }
}
