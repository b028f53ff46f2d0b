// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.pacs.archive.catalog.AccessScope;
import org.pacs.archive.dimse.PeerAccess;
import org.pacs.auth.access.AccessPolicy;
import org.pacs.auth.access.AeRegistry;
import org.pacs.auth.access.Listener;
import org.pacs.auth.access.RegisteredAe;
import org.pacs.auth.access.RegistrySnapshot;
import org.pacs.auth.access.ServiceDecision;
import org.pacs.dicom.net.Association;

/**
 * {@link PeerAccess} answered from the AE registry as it is on disk now (re-read when changed, so
 * {@code ./pacs ae} changes apply to the next request) and the access policy. A registry that cannot
 * be read denies everything.
 */
final class RegistryPeerAccess implements PeerAccess {
    private static final Logger LOG = Logger.getLogger(RegistryPeerAccess.class.getName());

    private final AccessPolicy policy;
    private final AeRegistry registry;
    private final Listener listener;

    RegistryPeerAccess(AccessPolicy policy, AeRegistry registry, Listener listener) {
        this.policy = policy;
        this.registry = registry;
        this.listener = listener;
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
        return ask(association, (s, caller) -> policy.mayStore(s, caller, listener));
    }

    @Override
    public Decision mayQuery(Association association) {
        return ask(association, (s, caller) -> policy.mayQuery(s, caller, listener));
    }

    @Override
    public Decision mayRetrieve(Association association) {
        return ask(association, (s, caller) -> policy.mayRetrieve(s, caller, listener));
    }

    /** A registered AE sees every study; per-user scopes come with user identity (DICOMweb issue). */
    @Override
    public AccessScope scope(Association association) {
        return mayQuery(association).allowed() || mayRetrieve(association).allowed() ? AccessScope.all()
                : AccessScope.none();
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
