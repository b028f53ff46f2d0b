// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.testing.TestKeys;
import org.pacs.auth.testing.TestPki;
import org.pacs.dicom.net.acse.AssociationPolicy;
import org.pacs.dicom.net.acse.AssociationRequest;
import org.pacs.dicom.net.acse.PeerInfo;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.UserInformation;
import org.pacs.storage.crypto.KeyRing;

class RegistryAssociationPolicyTest {

    @TempDir
    Path dir;
    KeyRing keys;
    AeRegistry registry;
    final List<AssociationDecision> decisions = new ArrayList<>();
    AssociationPolicy hook;
    static final TestPki PKI = TestPki.create("CT_ROOM1");

    @BeforeEach
    void open() throws IOException {
        keys = TestKeys.open(dir);
        registry = AeRegistry.open(dir, keys);
        registry.add(new RegisteredAe("CT_ROOM1", null, 0, Set.of(Permission.STORE), List.of(), false, null,
                CertificateBinding.of(PKI.ae().certificate()), Instant.now(), null));
        hook = new RegistryAssociationPolicy(new AccessPolicy(Set.of("PACS")), registry, Listener.TLS,
                Clock.systemUTC(), decisions::add);
    }

    @AfterEach
    void close() throws IOException {
        keys.close();
    }

    static AssociationRequest request(String calling, X509Certificate cert) {
        AAssociateRQ rq = new AAssociateRQ(1, "PACS", calling, AAssociateRQ.DICOM_APPLICATION_CONTEXT,
                List.of(new PresentationContextRQ(1, "1.2.840.10008.1.1", "1.2.840.10008.1.2")),
                new UserInformation(16384, "1.2.3", "TEST"));
        return new AssociationRequest(rq, new PeerInfo(new InetSocketAddress("127.0.0.1", 40000),
                cert == null ? List.of() : List.of(cert)), null);
    }

    @Test
    void acceptsTheBoundCertificateAndReportsTheDecision() {
        assertInstanceOf(AssociationPolicy.Accept.class, hook.decide(request("CT_ROOM1", PKI.ae().certificate())));
        assertTrue(decisions.getFirst().accepted());
    }

    @Test
    void rejectsWithTheTable921Diagnostic() {
        AssociationPolicy.Decision d = hook.decide(request("NOBODY", PKI.ae().certificate()));
        AssociationPolicy.Reject r = assertInstanceOf(AssociationPolicy.Reject.class, d);
        assertEquals(AAssociateRJ.USER_CALLING_AE_TITLE_NOT_RECOGNIZED, r.reject().reason());
        assertFalse(decisions.getFirst().accepted());
    }

    @Test
    void failsClosedWhenTheRegistryIsUnreadable() throws IOException {
        Path file = dir.resolve("access/ae-registry.sealed");
        Path garbage = dir.resolve("access/garbage");
        Files.writeString(garbage, "not sealed");
        Files.move(garbage, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        AssociationPolicy.Reject r = assertInstanceOf(AssociationPolicy.Reject.class,
                hook.decide(request("CT_ROOM1", PKI.ae().certificate())));
        assertEquals(AAssociateRJ.USER_NO_REASON_GIVEN, r.reject().reason());
        assertTrue(decisions.getFirst().reason().contains("unreadable"));
    }
}
