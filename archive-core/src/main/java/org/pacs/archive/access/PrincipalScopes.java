// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.access;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.auth.identity.Principal;
import org.pacs.auth.identity.Role;

/**
 * The studies a signed-in person may see, as the {@link AccessScope} every query and retrieval applies
 * (issue 7's role rules, deny by default):
 * <ul>
 * <li>admin, radiologist: every study;</li>
 * <li>referring-physician: studies whose Referring Physician's Name is one of theirs, studies shared
 *     with them (unexpired), and, with {@code access.priorStudies}, the earlier studies of those
 *     studies' patients ({@link PriorStudies});</li>
 * <li>anyone else (uploader, auditor, no role): no study.</li>
 * </ul>
 * Computed afresh for each request or association from the stores as they are then.
 *
 * <pre>{@code
 * PrincipalScopes scopes = new PrincipalScopes(shareStore::sharedWith, config.bool(Settings.PRIOR_STUDIES)
 *         ? new PriorStudies(catalog, engine) : null);
 * AccessScope scope = scopes.scopeOf(principal);
 * }</pre>
 */
public final class PrincipalScopes {

    private final SharedStudies shares;
    private final PriorStudies priors;

    /**
     * @param priors null when {@code access.priorStudies} is off
     */
    public PrincipalScopes(SharedStudies shares, PriorStudies priors) {
        this.shares = Objects.requireNonNull(shares, "shares");
        this.priors = priors;
    }

    /**
     * @throws UncheckedIOException the share store cannot be read: the caller refuses the request rather
     *     than guess a scope
     */
    public AccessScope scopeOf(Principal principal) {
        if (principal == null) {
            return AccessScope.none();
        }
        if (principal.seesAllStudies()) {
            return AccessScope.all();
        }
        if (!principal.has(Role.REFERRING_PHYSICIAN)) {
            return AccessScope.none();
        }
        Set<String> shared;
        try {
            shared = shares.sharedWith(principal.name());
        } catch (IOException e) {
            throw new UncheckedIOException("study shares unreadable: " + e.getMessage(), e);
        }
        AccessScope direct = AccessScope.restricted(principal.physicianNames(), shared);
        if (priors == null || (principal.physicianNames().isEmpty() && shared.isEmpty())) {
            return direct;
        }
        Set<String> uids = new HashSet<>(shared);
        uids.addAll(priors.of(direct));
        return AccessScope.restricted(principal.physicianNames(), uids);
    }
}
