// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import java.util.Set;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.auth.identity.Principal;
import org.pacs.auth.identity.Role;

/**
 * The scope from roles alone: admin and radiologist see every study, a referring physician the
 * studies whose Referring Physician's Name is one of theirs, everyone else nothing (deny by default).
 * Shares and prior studies need the identity store: a richer resolver replaces this one there.
 */
public final class RoleScopeResolver implements ScopeResolver {
    @Override
    public AccessScope scopeOf(Principal principal) {
        if (principal.seesAllStudies()) {
            return AccessScope.all();
        }
        if (principal.has(Role.REFERRING_PHYSICIAN)) {
            return AccessScope.restricted(principal.physicianNames(), Set.of());
        }
        return AccessScope.none();
    }
}
