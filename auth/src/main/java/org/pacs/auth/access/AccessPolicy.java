// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Set;
import org.bouncycastle.util.IPAddress;
import org.pacs.auth.pki.Fingerprint;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;
import org.pacs.dicom.net.pdu.AAssociateRJ;

/**
 * Who may associate with the archive and what they may do: deny by default, pure functions of a
 * {@link RegistrySnapshot} and the request, so a decision is as testable as a table.
 *
 * <p>Association rules, in order (rejections per PS3.8 §9.3.4, Table 9-21, all rejected-permanent by
 * the DICOM UL service-user; "permanent" because retrying cannot help, PS3.8 §7.1.1.7):
 * <ol>
 * <li>the called AE title must be the archive's, else 7 called-AE-title-not-recognized;</li>
 * <li>the calling AE title must be registered and not revoked, else 3 calling-AE-title-not-recognized;</li>
 * <li>on the TLS listener: the AE must not be a legacy AE, and the peer's certificate must be exactly
 *     the one bound to the calling AE title, not revoked and within its validity, else 3 (the title is
 *     not recognized for this peer); no certificate at all (when client authentication is optional)
 *     gives 1 no-reason-given;</li>
 * <li>on the legacy listener: the AE must be a legacy AE and connect from its registered address,
 *     else 3.</li>
 * </ol>
 * Identity failures give the same diagnostic (3) so that a peer cannot tell an unknown title from a
 * known one presented with the wrong certificate or address; the reason string says which.
 *
 * <pre>{@code
 * AccessPolicy policy = AccessPolicy.of(config);
 * AssociationDecision d = policy.decide(registry.current(), attempt, Instant.now());
 * if (d instanceof AssociationDecision.Rejected r) { send(r.toPdu()); }
 * log(d.reason());
 * }</pre>
 */
public final class AccessPolicy {

    private final Set<String> calledAeTitles;

    /** @param calledAeTitles the archive's own AE titles (called AE title of incoming associations) */
    public AccessPolicy(Set<String> calledAeTitles) {
        this.calledAeTitles = Set.copyOf(calledAeTitles.stream().map(String::strip).toList());
    }

    /** The policy for the archive AE title {@code server.aeTitle}. */
    public static AccessPolicy of(Config config) {
        return new AccessPolicy(Set.of(config.string(Settings.AE_TITLE)));
    }

    /** Accept or reject an A-ASSOCIATE-RQ; {@code now} checks the peer certificate's validity. */
    public AssociationDecision decide(RegistrySnapshot registry, AssociationAttempt attempt, Instant now) {
        String called = attempt.calledAeTitle() == null ? "" : attempt.calledAeTitle().strip();
        String calling = attempt.callingAeTitle() == null ? "" : attempt.callingAeTitle().strip();
        String peer = attempt.peerAddress() == null ? "unknown address" : attempt.peerAddress().getHostAddress();
        String who = "calling AE '" + calling + "' from " + peer + " on the " + attempt.listener() + " listener";
        if (!calledAeTitles.contains(called)) {
            return reject(AAssociateRJ.USER_CALLED_AE_TITLE_NOT_RECOGNIZED,
                    who + ": called AE title '" + called + "' is not this archive's");
        }
        RegisteredAe ae = registry.find(calling).orElse(null);
        if (ae == null) {
            return reject(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED, who + ": not a registered AE");
        }
        if (!ae.active()) {
            return reject(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED,
                    who + ": registration revoked at " + ae.revoked().at());
        }
        return switch (attempt.listener()) {
            case TLS -> decideTls(registry, ae, attempt.peerCertificate(), now, who);
            case LEGACY -> decideLegacy(ae, attempt.peerAddress(), who);
        };
    }

    private static AssociationDecision decideTls(RegistrySnapshot registry, RegisteredAe ae, X509Certificate cert,
            Instant now, String who) {
        if (ae.legacy()) {
            return reject(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED,
                    who + ": registered as a legacy (plaintext) AE, so it has no certificate to present over TLS");
        }
        if (cert == null) {
            return reject(AAssociateRJ.USER_NO_REASON_GIVEN, who + ": no client certificate presented");
        }
        String sha256 = Fingerprint.sha256(cert);
        if (registry.isRevokedCertificate(sha256)) {
            return reject(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED,
                    who + ": certificate " + sha256 + " was revoked");
        }
        if (!ae.certificate().sha256().equals(sha256)) {
            return reject(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED, who + ": certificate " + sha256
                    + " (" + cert.getSubjectX500Principal().getName() + ") is not the one bound to this AE title ("
                    + ae.certificate().sha256() + ")");
        }
        if (now.isAfter(cert.getNotAfter().toInstant()) || now.isBefore(cert.getNotBefore().toInstant())) {
            return reject(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED,
                    who + ": certificate " + sha256 + " is not valid at " + now);
        }
        return new AssociationDecision.Accepted(ae, who + ": accepted, certificate " + sha256 + " bound to the title");
    }

    private static AssociationDecision decideLegacy(RegisteredAe ae, InetAddress peer, String who) {
        if (!ae.legacy()) {
            return reject(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED,
                    who + ": a TLS AE may not use the plaintext legacy listener");
        }
        if (peer == null || !peer.equals(address(ae.legacyAddress()))) {
            return reject(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED,
                    who + ": legacy AE registered for address " + ae.legacyAddress());
        }
        return new AssociationDecision.Accepted(ae, who + ": accepted, legacy AE from its registered address");
    }

    /** May {@code caller} send C-STORE requests? */
    public ServiceDecision mayStore(RegistrySnapshot registry, String caller, Listener listener) {
        return may(registry, caller, listener, Permission.STORE);
    }

    /** May {@code caller} send C-FIND requests? Never on the legacy listener. */
    public ServiceDecision mayQuery(RegistrySnapshot registry, String caller, Listener listener) {
        return may(registry, caller, listener, Permission.QUERY);
    }

    /** May {@code caller} send C-MOVE or C-GET requests? Never on the legacy listener. */
    public ServiceDecision mayRetrieve(RegistrySnapshot registry, String caller, Listener listener) {
        return may(registry, caller, listener, Permission.RETRIEVE);
    }

    /**
     * May {@code caller} ask for a C-MOVE to {@code destination}? The caller needs retrieve; the
     * destination must be the caller itself or one of its move destinations, registered, active,
     * reachable (host and port known) and not a legacy AE (the archive sends only over TLS).
     */
    public ServiceDecision mayMoveTo(RegistrySnapshot registry, String caller, String destination, Listener listener) {
        ServiceDecision retrieve = mayRetrieve(registry, caller, listener);
        if (!retrieve.allowed()) {
            return retrieve;
        }
        RegisteredAe from = registry.active(caller).orElseThrow();
        String dest = destination == null ? "" : destination.strip();
        String what = "C-MOVE by '" + from.aeTitle() + "' to '" + dest + "'";
        if (!dest.equals(from.aeTitle()) && !from.moveDestinations().contains(dest)) {
            return ServiceDecision.deny(what + ": not one of its move destinations");
        }
        RegisteredAe to = registry.find(dest).orElse(null);
        if (to == null) {
            return ServiceDecision.deny(what + ": destination is not a registered AE");
        }
        if (!to.active()) {
            return ServiceDecision.deny(what + ": destination's registration is revoked");
        }
        if (to.legacy()) {
            return ServiceDecision.deny(what + ": destination is a legacy (plaintext) AE; the archive sends only over TLS");
        }
        if (to.host() == null || to.host().isBlank() || to.port() == 0) {
            return ServiceDecision.deny(what + ": destination has no registered host and port");
        }
        return ServiceDecision.allow(what + ": allowed");
    }

    private ServiceDecision may(RegistrySnapshot registry, String caller, Listener listener, Permission p) {
        String title = caller == null ? "" : caller.strip();
        String what = p.option() + " by '" + title + "' on the " + listener + " listener";
        RegisteredAe ae = registry.find(title).orElse(null);
        if (ae == null) {
            return ServiceDecision.deny(what + ": not a registered AE");
        }
        if (!ae.active()) {
            return ServiceDecision.deny(what + ": registration revoked at " + ae.revoked().at());
        }
        if ((listener == Listener.LEGACY) != ae.legacy()) {
            return ServiceDecision.deny(what + ": " + (ae.legacy() ? "a legacy AE may only use the legacy listener"
                    : "a TLS AE may not use the legacy listener"));
        }
        if (listener == Listener.LEGACY && p != Permission.STORE) {
            return ServiceDecision.deny(what + ": the legacy listener offers storage only");
        }
        if (!ae.may(p)) {
            return ServiceDecision.deny(what + ": not permitted (has " + ae.permissions().stream().sorted()
                    .map(Permission::option).toList() + ")");
        }
        return ServiceDecision.allow(what + ": permitted");
    }

    private static AssociationDecision.Rejected reject(int diagnostic, String reason) {
        return new AssociationDecision.Rejected(AAssociateRJ.REJECTED_PERMANENT, AAssociateRJ.SOURCE_SERVICE_USER,
                diagnostic, reason);
    }

    /** A literal address (validated when registered), parsed without any DNS lookup. */
    private static InetAddress address(String literal) {
        if (!IPAddress.isValid(literal)) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
