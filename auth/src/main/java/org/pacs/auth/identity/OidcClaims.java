// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the archive's {@link Principal} from a verified OIDC access token, Keycloak's claim layout:
 * the name from {@code preferred_username} (else {@code sub}); roles from {@code realm_access.roles}
 * and {@code resource_access.<client>.roles} whose names are archive roles ({@link Role#fromWireName});
 * Referring Physician's Names from {@code physician_names} (a user attribute put in the token by a
 * protocol mapper; an array, or one string). Other roles and malformed names are ignored.
 */
final class OidcClaims {

    static final String PHYSICIAN_NAMES = "physician_names";

    private OidcClaims() {
    }

    static Principal principal(JWTClaimsSet claims, String rolesClient) {
        Object preferred = claims.getClaim("preferred_username");
        String name = preferred instanceof String s && !s.isBlank() ? s : claims.getSubject();
        Set<Role> roles = EnumSet.noneOf(Role.class);
        addRoles(claims.getClaim("realm_access"), roles);
        if (claims.getClaim("resource_access") instanceof Map<?, ?> clients) {
            addRoles(clients.get(rolesClient), roles);
        }
        return new Principal(name, roles, physicianNames(claims.getClaim(PHYSICIAN_NAMES)));
    }

    private static void addRoles(Object access, Set<Role> into) {
        if (access instanceof Map<?, ?> m && m.get("roles") instanceof Collection<?> names) {
            for (Object n : names) {
                if (n instanceof String s) {
                    Role.fromWireName(s).ifPresent(into::add);
                }
            }
        }
    }

    private static Set<String> physicianNames(Object claim) {
        Set<String> out = new LinkedHashSet<>();
        if (claim instanceof String s) {
            add(s, out);
        } else if (claim instanceof Collection<?> values) {
            for (Object v : values) {
                if (v instanceof String s) {
                    add(s, out);
                }
            }
        }
        return out;
    }

    private static void add(String name, Set<String> out) {
        try {
            out.add(LocalUser.requireValidPhysicianName(name));
        } catch (IllegalArgumentException e) {
            // Not a single PN value: it identifies no study.
        }
    }
}
