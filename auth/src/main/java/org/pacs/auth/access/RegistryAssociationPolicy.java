// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Clock;
import java.util.function.Consumer;
import org.pacs.dicom.net.acse.AssociationPolicy;
import org.pacs.dicom.net.acse.AssociationRequest;
import org.pacs.dicom.net.pdu.AAssociateRJ;

/**
 * The association policy hook of one listener: {@link AccessPolicy} over the registry as it is on disk
 * at each request. Fails closed: an unreadable registry rejects (rejected-permanent, service-user,
 * no-reason-given). Every decision goes to {@code decisions} for the log and the audit trail.
 *
 * <pre>{@code
 * AssociationPolicy tlsHook = new RegistryAssociationPolicy(AccessPolicy.of(config), registry, Listener.TLS,
 *         Clock.systemUTC(), d -> audit.association(d));
 * }</pre>
 */
public final class RegistryAssociationPolicy implements AssociationPolicy {

    private final AccessPolicy policy;
    private final AeRegistry registry;
    private final Listener listener;
    private final Clock clock;
    private final Consumer<AssociationDecision> decisions;

    public RegistryAssociationPolicy(AccessPolicy policy, AeRegistry registry, Listener listener, Clock clock,
            Consumer<AssociationDecision> decisions) {
        this.policy = policy;
        this.registry = registry;
        this.listener = listener;
        this.clock = clock;
        this.decisions = decisions;
    }

    @Override
    public Decision decide(AssociationRequest request) {
        InetAddress address = request.peer().address() == null ? null : request.peer().address().getAddress();
        AssociationAttempt attempt = new AssociationAttempt(request.callingAeTitle(), request.calledAeTitle(), address,
                request.peer().certificates(), listener);
        AssociationDecision decision;
        try {
            decision = policy.decide(registry.current(), attempt, clock.instant());
        } catch (IOException e) {
            decision = new AssociationDecision.Rejected(AAssociateRJ.REJECTED_PERMANENT,
                    AAssociateRJ.SOURCE_SERVICE_USER, AAssociateRJ.USER_NO_REASON_GIVEN,
                    "calling AE '" + attempt.callingAeTitle() + "': AE registry unreadable, refusing all: "
                            + e.getMessage());
        }
        decisions.accept(decision);
        return decision instanceof AssociationDecision.Rejected r ? new Reject(r.toPdu()) : Decision.ACCEPT;
    }
}
