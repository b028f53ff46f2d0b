// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.pacs.auth.pki.CertificateAuthority;
import org.pacs.auth.pki.Fingerprint;
import org.pacs.auth.pki.KeyAlgorithm;
import org.pacs.dicom.net.pdu.AAssociateRJ;

class AccessPolicyTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static final CertificateAuthority CA = CertificateAuthority.create("CA", KeyAlgorithm.EC_P256,
            Clock.fixed(NOW, ZoneOffset.UTC));
    static final CertificateAuthority OTHER_CA = CertificateAuthority.create("Other", KeyAlgorithm.EC_P256,
            Clock.fixed(NOW, ZoneOffset.UTC));
    static final CertificateAuthority OLD_CA = CertificateAuthority.create("Old", KeyAlgorithm.EC_P256,
            Clock.fixed(NOW.minus(Duration.ofDays(1000)), ZoneOffset.UTC));

    static final Map<String, X509Certificate> CERTS = Map.of(
            "ct", CA.issueAe("CT_ROOM1", KeyAlgorithm.EC_P256).certificate(),
            "ws", CA.issueAe("WS1", KeyAlgorithm.EC_P256).certificate(),
            "viewer", CA.issueAe("VIEWER", KeyAlgorithm.EC_P256).certificate(),
            "gone", CA.issueAe("GONE", KeyAlgorithm.EC_P256).certificate(),
            "nohost", CA.issueAe("NOHOST", KeyAlgorithm.EC_P256).certificate(),
            "expired", OLD_CA.issueAe("EXPIRED", KeyAlgorithm.EC_P256).certificate(),
            // Same subject as CT_ROOM1's, from another CA: only the fingerprint tells them apart.
            "impostor", OTHER_CA.issueAe("CT_ROOM1", KeyAlgorithm.EC_P256).certificate());

    static final RegistrySnapshot REGISTRY = registry();
    static final AccessPolicy POLICY = new AccessPolicy(Set.of("PACS"));

    static RegisteredAe tls(String title, String cert, String host, int port, Set<Permission> p, List<String> moveTo) {
        return new RegisteredAe(title, host, port, p, moveTo, false, null, CertificateBinding.of(CERTS.get(cert)),
                NOW, null);
    }

    static RegistrySnapshot registry() {
        RegistrySnapshot s = RegistrySnapshot.EMPTY
                .with(tls("CT_ROOM1", "ct", null, 0, Set.of(Permission.STORE), List.of()))
                .with(tls("WS1", "ws", "ws1.local", 11112, Set.of(Permission.values()), List.of("VIEWER", "OLD_US",
                        "NOHOST", "GONE", "NOBODY")))
                .with(tls("VIEWER", "viewer", "viewer.local", 104, Set.of(Permission.STORE), List.of()))
                .with(tls("GONE", "gone", "gone.local", 104, Set.of(Permission.values()), List.of()))
                .with(tls("NOHOST", "nohost", null, 0, Set.of(Permission.STORE), List.of()))
                .with(tls("EXPIRED", "expired", null, 0, Set.of(Permission.STORE), List.of()))
                .with(new RegisteredAe("OLD_US", null, 0, Set.of(Permission.STORE), List.of(), true, "10.0.0.7", null,
                        NOW, null));
        X509Certificate gone = CERTS.get("gone");
        return s.withRevocation(new Revocation("GONE", Fingerprint.sha256(gone), Fingerprint.serial(gone), NOW,
                "stolen"));
    }

    static AssociationAttempt attempt(String calling, String called, String ip, String cert, Listener listener)
            throws Exception {
        return new AssociationAttempt(calling, called, InetAddress.getByName(ip),
                cert == null ? List.of() : List.of(CERTS.get(cert)), listener);
    }

    static final Integer ACCEPT = null;

    /**
     * Association outcomes; the diagnostics are the Reason/Diag. values for source 1 (DICOM UL
     * service-user) in PS3.8 Table 9-21: 1 no-reason-given, 3 calling-AE-title-not-recognized,
     * 7 called-AE-title-not-recognized.
     */
    static Stream<Arguments> associations() {
        return Stream.of(
                Arguments.of("registered AE with its bound certificate", "CT_ROOM1", "PACS", "192.0.2.1", "ct",
                        Listener.TLS, ACCEPT),
                Arguments.of("AE title padded with spaces (PS3.5: not significant)", "CT_ROOM1  ", " PACS", "192.0.2.1",
                        "ct", Listener.TLS, ACCEPT),
                Arguments.of("called AE title is not the archive's", "CT_ROOM1", "OTHER", "192.0.2.1", "ct",
                        Listener.TLS, AAssociateRJ.USER_CALLED_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("called AE title is checked first", "NOBODY", "OTHER", "192.0.2.1", "ct",
                        Listener.TLS, AAssociateRJ.USER_CALLED_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("unknown calling AE", "NOBODY", "PACS", "192.0.2.1", "ct", Listener.TLS,
                        AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("AE titles are case-sensitive", "ct_room1", "PACS", "192.0.2.1", "ct", Listener.TLS,
                        AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("revoked AE", "GONE", "PACS", "192.0.2.1", "gone", Listener.TLS,
                        AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("certificate of another AE", "CT_ROOM1", "PACS", "192.0.2.1", "ws", Listener.TLS,
                        AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("same subject from another CA", "CT_ROOM1", "PACS", "192.0.2.1", "impostor", Listener.TLS,
                        AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("revoked certificate presented under another title", "WS1", "PACS", "192.0.2.1", "gone",
                        Listener.TLS, AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("expired bound certificate", "EXPIRED", "PACS", "192.0.2.1", "expired", Listener.TLS,
                        AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("no client certificate (clientAuth optional)", "CT_ROOM1", "PACS", "192.0.2.1", null,
                        Listener.TLS, AAssociateRJ.USER_NO_REASON_GIVEN),
                Arguments.of("legacy AE over TLS", "OLD_US", "PACS", "10.0.0.7", "ct", Listener.TLS,
                        AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("legacy AE from its address", "OLD_US", "PACS", "10.0.0.7", null, Listener.LEGACY, ACCEPT),
                Arguments.of("legacy AE from another address", "OLD_US", "PACS", "10.0.0.8", null, Listener.LEGACY,
                        AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("legacy AE from its address as IPv4-mapped IPv6", "OLD_US", "PACS", "::ffff:10.0.0.7", null,
                        Listener.LEGACY, ACCEPT),
                Arguments.of("TLS AE on the legacy listener", "CT_ROOM1", "PACS", "10.0.0.7", null, Listener.LEGACY,
                        AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("unknown AE on the legacy listener", "NOBODY", "PACS", "10.0.0.7", null, Listener.LEGACY,
                        AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED),
                Arguments.of("wrong called AE on the legacy listener", "OLD_US", "ARCHIVE", "10.0.0.7", null,
                        Listener.LEGACY, AAssociateRJ.USER_CALLED_AE_TITLE_NOT_RECOGNIZED));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("associations")
    void decidesAssociationsPerPs38Table921(String description, String calling, String called, String ip, String cert,
            Listener listener, Integer diagnostic) throws Exception {
        AssociationDecision d = POLICY.decide(REGISTRY, attempt(calling, called, ip, cert, listener), NOW);
        assertFalse(d.reason().isBlank());
        if (diagnostic == ACCEPT) {
            AssociationDecision.Accepted a = assertInstanceOf(AssociationDecision.Accepted.class, d, d.reason());
            assertEquals(calling.strip(), a.ae().aeTitle());
            return;
        }
        AssociationDecision.Rejected r = assertInstanceOf(AssociationDecision.Rejected.class, d, d.reason());
        AAssociateRJ pdu = r.toPdu();
        assertEquals(AAssociateRJ.REJECTED_PERMANENT, pdu.result(), d.reason());
        assertEquals(AAssociateRJ.SOURCE_SERVICE_USER, pdu.source(), d.reason());
        assertEquals(diagnostic.intValue(), pdu.reason(), d.reason());
    }

    enum Service { STORE, QUERY, RETRIEVE }

    static Stream<Arguments> services() {
        return Stream.of(
                Arguments.of("CT_ROOM1", Listener.TLS, Service.STORE, true),
                Arguments.of("CT_ROOM1", Listener.TLS, Service.QUERY, false),
                Arguments.of("CT_ROOM1", Listener.TLS, Service.RETRIEVE, false),
                Arguments.of("WS1", Listener.TLS, Service.STORE, true),
                Arguments.of("WS1", Listener.TLS, Service.QUERY, true),
                Arguments.of("WS1", Listener.TLS, Service.RETRIEVE, true),
                Arguments.of("GONE", Listener.TLS, Service.STORE, false),
                Arguments.of("NOBODY", Listener.TLS, Service.STORE, false),
                Arguments.of("OLD_US", Listener.LEGACY, Service.STORE, true),
                Arguments.of("OLD_US", Listener.LEGACY, Service.QUERY, false),
                Arguments.of("OLD_US", Listener.TLS, Service.STORE, false),
                Arguments.of("WS1", Listener.LEGACY, Service.STORE, false),
                Arguments.of("WS1", Listener.LEGACY, Service.QUERY, false));
    }

    @ParameterizedTest(name = "{2} by {0} on {1}: {3}")
    @MethodSource("services")
    void grantsOnlyWhatWasPermitted(String caller, Listener listener, Service service, boolean allowed) {
        ServiceDecision d = switch (service) {
            case STORE -> POLICY.mayStore(REGISTRY, caller, listener);
            case QUERY -> POLICY.mayQuery(REGISTRY, caller, listener);
            case RETRIEVE -> POLICY.mayRetrieve(REGISTRY, caller, listener);
        };
        assertEquals(allowed, d.allowed(), d.reason());
        assertTrue(d.reason().contains("'" + caller + "'"));
    }

    static Stream<Arguments> moves() {
        return Stream.of(
                Arguments.of("WS1", "WS1", true, "its own title"),
                Arguments.of("WS1", "VIEWER", true, "a listed destination"),
                Arguments.of("WS1", "CT_ROOM1", false, "not one of its move destinations"),
                Arguments.of("WS1", "NOBODY", false, "not a registered AE"),
                Arguments.of("WS1", "GONE", false, "revoked"),
                Arguments.of("WS1", "OLD_US", false, "legacy"),
                Arguments.of("WS1", "NOHOST", false, "no registered host"),
                Arguments.of("CT_ROOM1", "CT_ROOM1", false, "not permitted"),
                Arguments.of("GONE", "GONE", false, "revoked"));
    }

    @ParameterizedTest(name = "C-MOVE by {0} to {1}: {2}, {3}")
    @MethodSource("moves")
    void allowsMovesOnlyToPermittedReachableDestinations(String caller, String destination, boolean allowed,
            String why) {
        ServiceDecision d = POLICY.mayMoveTo(REGISTRY, caller, destination, Listener.TLS);
        assertEquals(allowed, d.allowed(), d.reason());
        if (!allowed) {
            assertTrue(d.reason().contains(why), d.reason());
        }
    }

    @Nested
    class Defaults {
        @Test
        void deniesEverythingWithAnEmptyRegistry() throws Exception {
            assertFalse(POLICY.decide(RegistrySnapshot.EMPTY, attempt("CT_ROOM1", "PACS", "192.0.2.1", "ct",
                    Listener.TLS), NOW).accepted());
            assertFalse(POLICY.mayStore(RegistrySnapshot.EMPTY, "CT_ROOM1", Listener.TLS).allowed());
        }

        @Test
        void toleratesMissingFields() {
            AssociationDecision d = POLICY.decide(REGISTRY, new AssociationAttempt(null, null, null, null, Listener.TLS),
                    NOW);
            assertFalse(d.accepted());
            assertFalse(POLICY.mayMoveTo(REGISTRY, "WS1", null, Listener.TLS).allowed());
        }
    }
}
