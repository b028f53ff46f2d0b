// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb;

import org.pacs.archive.catalog.AccessScope;
import org.pacs.auth.identity.Principal;

/**
 * The studies a principal may see, as the access scope the query engine and the retrieve path apply
 * inside every query. Asked afresh for each request, so a revoked share or role takes effect at once.
 */
@FunctionalInterface
public interface ScopeResolver {
    AccessScope scopeOf(Principal principal);
}
