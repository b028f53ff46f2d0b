// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.pacs.archive.access.PrincipalScopes;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.dimse.PeerAccess;
import org.pacs.auth.access.AccessPolicy;
import org.pacs.auth.access.AeRegistry;
import org.pacs.auth.access.Listener;
import org.pacs.auth.access.RegisteredAe;
import org.pacs.auth.access.RegistrySnapshot;
import org.pacs.auth.access.ServiceDecision;
import org.pacs.auth.identity.Principal;
import org.pacs.auth.identity.Role;
import org.pacs.dicom.net.Association;

/**
 * {@link PeerAccess} answered from the AE registry as it is on disk now (re-read when changed, so
 * {@code ./pacs ae} changes apply to the next request) and the access policy. A registry that cannot
 * be read denies everything.
 *
 * <p>When the association negotiated a user identity (PS3.7 §D.3.3.7), the person is rebuilt for every
 * request ({@link UserIdentityPrincipals}) and the role rules of issue 7 apply on top of what the AE
 * may do: C-FIND, C-MOVE and C-GET need a role that reads studies (admin, radiologist,
 * referring-physician), and see only the studies of {@link PrincipalScopes#scopeOf}; a user who was
 * disabled or removed, or whose token expired or was revoked, is refused from the next request on,
 * C-STORE included.
 */
final class RegistryPeerAccess implements PeerAccess {
    private static final Logger LOG = Logger.getLogger(RegistryPeerAccess.class.getName());

    private final AccessPolicy policy;
    private final AeRegistry registry;
    private final Listener listener;
    private final UserIdentityPrincipals principals;
    private final PrincipalScopes scopes;

    /** AE-level only: user identities are not checked on this listener. */
    RegistryPeerAccess(AccessPolicy policy, AeRegistry registry, Listener listener) {
        this(policy, registry, listener, null, null);
    }

    /**
     * @param principals rebuilds the user of an association with a user identity, or null when the
     *     listener checks no identities
     * @param scopes the studies each user may see (needed with {@code principals})
     */
    RegistryPeerAccess(AccessPolicy policy, AeRegistry registry, Listener listener, UserIdentityPrincipals principals,
            PrincipalScopes scopes) {
        this.policy = policy;
        this.registry = registry;
        this.listener = listener;
        if ((principals == null) != (scopes == null)) {
            throw new IllegalArgumentException("user principals and their scopes go together");
        }
        this.principals = principals;
        this.scopes = scopes;
    }

    private interface Check {
        ServiceDecision decide(RegistrySnapshot snapshot, String caller);
    }

    private Decision ask(Association association, Check check) {
        try {
            ServiceDecision d = check.decide(registry.current(), association.callingAeTitle());
            return new Decision(d.allowed(), d.reason());
        } catch (IOException e) {
            return Decision.deny("AE registry unreadable, refusing: " + e.getMessage());
        }
    }

    @Override
    public Decision mayStore(Association association) {
        Decision ae = ask(association, (s, caller) -> policy.mayStore(s, caller, listener));
        if (!ae.allowed()) {
            return ae;
        }
        // Storing is the AE's permission; the user only has to still be who the association said.
        return switch (user(association)) {
            case UserIdentityPrincipals.Invalid i -> Decision.deny(i.why());
            case UserIdentityPrincipals.Valid v -> Decision.allow(ae.reason() + "; user '" + v.principal().name()
                    + "'");
            case UserIdentityPrincipals.NoIdentity n -> ae;
        };
    }

    @Override
    public Decision mayQuery(Association association) {
        return reading(association, ask(association, (s, caller) -> policy.mayQuery(s, caller, listener)));
    }

    @Override
    public Decision mayRetrieve(Association association) {
        return reading(association, ask(association, (s, caller) -> policy.mayRetrieve(s, caller, listener)));
    }

    /** The AE's decision, narrowed by the association's user (if any) as they are now. */
    private Decision reading(Association association, Decision ae) {
        if (!ae.allowed()) {
            return ae;
        }
        return switch (user(association)) {
            case UserIdentityPrincipals.Invalid i -> Decision.deny(i.why());
            case UserIdentityPrincipals.Valid v -> readsStudies(v.principal())
                    ? Decision.allow(ae.reason() + "; user '" + v.principal().name() + "'")
                    : Decision.deny("user '" + v.principal().name() + "' has no role that reads studies "
                            + v.principal().roles());
            case UserIdentityPrincipals.NoIdentity n -> ae;
        };
    }

    /**
     * A registered AE that may query or retrieve sees every study; with a user identity, the user's
     * studies only (rebuilt now), and nothing if the user is no longer valid.
     */
    @Override
    public AccessScope scope(Association association) {
        boolean aeReads = ask(association, (s, caller) -> policy.mayQuery(s, caller, listener)).allowed()
                || ask(association, (s, caller) -> policy.mayRetrieve(s, caller, listener)).allowed();
        if (!aeReads) {
            return AccessScope.none();
        }
        return switch (user(association)) {
            case UserIdentityPrincipals.Invalid i -> AccessScope.none();
            case UserIdentityPrincipals.Valid v -> userScope(v.principal());
            case UserIdentityPrincipals.NoIdentity n -> AccessScope.all();
        };
    }

    private UserIdentityPrincipals.Result user(Association association) {
        return principals == null ? new UserIdentityPrincipals.NoIdentity() : principals.current(association);
    }

    private AccessScope userScope(Principal principal) {
        try {
            return scopes.scopeOf(principal);
        } catch (java.io.UncheckedIOException e) {
            LOG.warning("study shares unreadable, user '" + principal.name() + "' sees nothing: " + e.getMessage());
            return AccessScope.none();
        }
    }

    private static boolean readsStudies(Principal principal) {
        return principal.seesAllStudies() || principal.has(Role.REFERRING_PHYSICIAN);
    }

    @Override
    public Optional<Destination> moveDestination(Association association, String destinationAeTitle) {
        try {
            RegistrySnapshot snapshot = registry.current();
            ServiceDecision d = policy.mayMoveTo(snapshot, association.callingAeTitle(), destinationAeTitle, listener);
            if (!d.allowed()) {
                LOG.warning(d.reason());
                return Optional.empty();
            }
            RegisteredAe to = snapshot.active(destinationAeTitle.strip()).orElseThrow();
            return Optional.of(new Destination(to.aeTitle(), to.host(), to.port(),
                    chain -> bound(to, chain)));
        } catch (IOException e) {
            LOG.warning("C-MOVE destination check failed, refusing: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The destination's leaf certificate must be the one bound to its AE title, and not revoked. */
    private boolean bound(RegisteredAe to, List<X509Certificate> chain) {
        if (chain == null || chain.isEmpty() || to.certificate() == null) {
            return false;
        }
        try {
            RegistrySnapshot now = registry.current();
            return now.active(to.aeTitle()).isPresent() && to.certificate().matches(chain.get(0));
        } catch (IOException e) {
            return false;
        }
    }
}
