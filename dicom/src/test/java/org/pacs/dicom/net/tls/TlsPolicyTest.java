// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.net.Acceptor;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.Implementation;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.dimse.Status;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.service.ServiceRegistry;

/** The BCP 195 non-downgrading profile as the acceptor enforces it (PS3.15 §B.9). */
class TlsPolicyTest {

    static final String ILE = "1.2.840.10008.1.2";
    private Path dir;
    private TestPki pki;
    private TestPki.Entity server;
    private TestPki.Entity client;
    private Acceptor acceptor;
    private final List<Integer> certificatesSeen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void pki() throws IOException {
        dir = Files.createTempDirectory("tls-policy");
        pki = TestPki.create(dir);
        server = pki.issue("server", "scp");
        client = pki.issue("client", "scu");
    }

    @AfterEach
    void stop() throws IOException {
        if (acceptor != null) {
            acceptor.close();
        }
        try (var all = Files.walk(dir)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private void start(TlsPolicy.ClientAuth auth) throws IOException {
        AcceptorSettings settings = new AcceptorSettings(List.of(TransferCapability.scp(Scu.VERIFICATION, ILE)),
                TransferSyntaxPreference.ACCEPTOR, 65536, Implementation.CLASS_UID, Implementation.VERSION_NAME, null,
                null, false, null);
        ServiceRegistry echo = ServiceRegistry.builder().echo(as -> {
            certificatesSeen.add(as.peerCertificates().size());
            return Status.SUCCESS;
        }).build();
        acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings, echo, Limits.DEFAULTS,
                TlsPolicy.bcp195NonDowngrading(pki.context(server), auth));
    }

    private int echo(TlsPolicy clientPolicy) throws IOException {
        try (Connector connector = new Connector(Limits.DEFAULTS, clientPolicy);
                Association as = connector.connect("127.0.0.1", acceptor.port(), Connector.request("ANY", "TLSSCU",
                        List.of(new PresentationContextRQ(1, Scu.VERIFICATION, ILE)), Limits.DEFAULTS), null)) {
            return Scu.echo(as, Duration.ofSeconds(5));
        }
    }

    @Test
    void tls12WithAnAeadEcdheSuiteIsAccepted() throws IOException {
        start(TlsPolicy.ClientAuth.REQUIRED);
        assertEquals(Status.SUCCESS, echo(new TlsPolicy(pki.context(client), TlsPolicy.ClientAuth.REQUIRED,
                List.of("TLSv1.2"), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"))));
    }

    @Test
    void tls12WithACbcSuiteOutsideTheProfileIsRefused() throws IOException {
        start(TlsPolicy.ClientAuth.REQUIRED);
        assertThrows(IOException.class, () -> echo(new TlsPolicy(pki.context(client), TlsPolicy.ClientAuth.REQUIRED,
                List.of("TLSv1.2"), List.of("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))));
    }

    @Test
    void tls11IsNotAllowedByThePolicy() {
        assertThrows(IllegalArgumentException.class, () -> new TlsPolicy(null, TlsPolicy.ClientAuth.NONE,
                List.of("TLSv1.1"), TlsPolicy.BCP195_NON_DOWNGRADING_SUITES));
    }

    @Test
    void requiredClientAuthenticationRefusesAClientWithoutCertificate() throws IOException {
        start(TlsPolicy.ClientAuth.REQUIRED);
        assertThrows(IOException.class, () -> echo(TlsPolicy.bcp195NonDowngrading(pki.context(null),
                TlsPolicy.ClientAuth.REQUIRED)));
    }

    @Test
    void optionalClientAuthenticationAcceptsBothAndServicesSeeWhichWasSent() throws IOException {
        start(TlsPolicy.ClientAuth.OPTIONAL);
        assertEquals(Status.SUCCESS, echo(TlsPolicy.bcp195NonDowngrading(pki.context(null),
                TlsPolicy.ClientAuth.OPTIONAL)));
        assertEquals(Status.SUCCESS, echo(TlsPolicy.bcp195NonDowngrading(pki.context(client),
                TlsPolicy.ClientAuth.OPTIONAL)));
        assertEquals(List.of(0, 2), certificatesSeen);
    }

    @Test
    void negotiatesTls13ByDefault() throws IOException {
        start(TlsPolicy.ClientAuth.REQUIRED);
        SSLSocket s = (SSLSocket) pki.context(client).getSocketFactory().createSocket("127.0.0.1", acceptor.port());
        try (s) {
            TlsPolicy.bcp195NonDowngrading(pki.context(client), TlsPolicy.ClientAuth.REQUIRED).configure(s, true);
            s.startHandshake();
            assertEquals("TLSv1.3", s.getSession().getProtocol());
            assertTrue(TlsPolicy.BCP195_NON_DOWNGRADING_SUITES.contains(s.getSession().getCipherSuite()));
        }
    }
}
