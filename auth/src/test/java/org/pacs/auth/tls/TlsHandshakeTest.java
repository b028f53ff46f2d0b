// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.pacs.auth.pki.CertificateAuthority;
import org.pacs.auth.pki.IssuedCertificate;
import org.pacs.auth.pki.KeyAlgorithm;
import org.pacs.auth.testing.TestPki;

/** Real handshakes on 127.0.0.1 between contexts built by {@link TlsContexts} under {@link TlsPolicy}. */
class TlsHandshakeTest {

    static final int TIMEOUT_MS = 10_000;
    static TestPki pki;
    static TestPki stranger;

    ExecutorService executor;

    @BeforeAll
    static void issue() {
        pki = TestPki.create("CT_ROOM1");
        stranger = TestPki.create("CT_ROOM1");
    }

    @BeforeEach
    void start() {
        executor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stop() throws InterruptedException {
        executor.shutdownNow();
        assertTrue(executor.awaitTermination(TIMEOUT_MS, TimeUnit.MILLISECONDS));
    }

    /** What the server saw of one connection. */
    record Seen(String protocol, String suite, List<X509Certificate> peer) {
    }

    /** One server that accepts a single connection, echoes one byte and reports what it saw. */
    final class EchoServer implements AutoCloseable {
        final SSLServerSocket socket;
        final Future<Seen> seen;

        EchoServer(SSLContext context, TlsPolicy policy) throws IOException {
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
            policy.apply(socket);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            seen = executor.submit(() -> {
                try (SSLSocket s = (SSLSocket) socket.accept()) {
                    s.setSoTimeout(TIMEOUT_MS);
                    int b = s.getInputStream().read();
                    s.getOutputStream().write(b);
                    s.getOutputStream().flush();
                    List<X509Certificate> peer = new java.util.ArrayList<>();
                    for (Certificate c : s.getSession().getPeerCertificates()) {
                        peer.add((X509Certificate) c);
                    }
                    return new Seen(s.getSession().getProtocol(), s.getSession().getCipherSuite(), peer);
                }
            });
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Connects, sends one byte and reads the echo; throws where the handshake is refused. */
    static byte[] exchange(SSLContext context, TlsPolicy policy, int port) throws IOException {
        try (SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MS);
            s.setSoTimeout(TIMEOUT_MS);
            s.setUseClientMode(true);
            policy.apply(s);
            s.startHandshake();
            s.getOutputStream().write(42);
            s.getOutputStream().flush();
            // TLS 1.3 reports a missing client certificate only here (certificate_required).
            InputStream in = s.getInputStream();
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed by the server");
            }
            return new byte[] {(byte) b};
        }
    }

    static final TlsPolicy REQUIRED = new TlsPolicy(List.of("TLSv1.3", "TLSv1.2"), TlsPolicy.ClientAuth.REQUIRED);

    SSLContext serverContext() throws IOException {
        return TlsContexts.server(pki.server(), List.of(pki.ca().certificate()));
    }

    @Nested
    class MutualAuthentication {
        @Test
        void acceptsTheIssuedClientCertificate() throws Exception {
            try (EchoServer server = new EchoServer(serverContext(), REQUIRED)) {
                SSLContext client = TlsContexts.client(pki.ae(), List.of(pki.ca().certificate()));
                assertArrayEquals(new byte[] {42}, exchange(client, REQUIRED, server.port()));
                Seen seen = server.seen.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                assertEquals("TLSv1.3", seen.protocol());
                assertEquals(pki.ae().certificate(), seen.peer().getFirst());
            }
        }

        @Test
        void refusesAClientWithoutCertificate() throws Exception {
            try (EchoServer server = new EchoServer(serverContext(), REQUIRED)) {
                SSLContext client = TlsContexts.client(null, List.of(pki.ca().certificate()));
                assertThrows(IOException.class, () -> exchange(client, REQUIRED, server.port()));
            }
        }

        @Test
        void refusesACertificateFromAnotherCa() throws Exception {
            try (EchoServer server = new EchoServer(serverContext(), REQUIRED)) {
                SSLContext client = TlsContexts.client(stranger.ae(), List.of(pki.ca().certificate()));
                assertThrows(IOException.class, () -> exchange(client, REQUIRED, server.port()));
            }
        }

        @Test
        void acceptsACertificateFromAnOperatorTrustedCa() throws Exception {
            SSLContext context = TlsContexts.server(pki.server(),
                    List.of(pki.ca().certificate(), stranger.ca().certificate()));
            try (EchoServer server = new EchoServer(context, REQUIRED)) {
                SSLContext client = TlsContexts.client(stranger.ae(), List.of(pki.ca().certificate()));
                assertArrayEquals(new byte[] {42}, exchange(client, REQUIRED, server.port()));
            }
        }

        @Test
        void clientRefusesAServerItDoesNotTrust() throws Exception {
            try (EchoServer server = new EchoServer(serverContext(), REQUIRED)) {
                SSLContext client = TlsContexts.client(pki.ae(), List.of(stranger.ca().certificate()));
                assertThrows(IOException.class, () -> exchange(client, REQUIRED, server.port()));
            }
        }

        @Test
        void optionalClientAuthLetsTheHandshakeThroughWithoutCertificate() throws Exception {
            TlsPolicy optional = REQUIRED.withClientAuth(TlsPolicy.ClientAuth.OPTIONAL);
            try (EchoServer server = new EchoServer(serverContext(), optional)) {
                SSLContext client = TlsContexts.client(null, List.of(pki.ca().certificate()));
                assertArrayEquals(new byte[] {42}, exchange(client, optional, server.port()));
                // The server sees no peer certificate; the access policy then rejects the association.
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> server.seen.get(TIMEOUT_MS, TimeUnit.MILLISECONDS));
                assertInstanceOf(SSLPeerUnverifiedException.class, e.getCause());
            }
        }
    }

    @Nested
    class Downgrades {
        @Test
        void tls12WithRsaUsesAProfileSuite() throws Exception {
            CertificateAuthority rsa = CertificateAuthority.create("RSA CA", KeyAlgorithm.RSA_3072, Clock.systemUTC());
            IssuedCertificate server = rsa.issueServer(List.of("localhost"), KeyAlgorithm.RSA_3072);
            IssuedCertificate ae = rsa.issueAe("CT_ROOM1", KeyAlgorithm.RSA_3072);
            TlsPolicy tls12 = new TlsPolicy(List.of("TLSv1.2"), TlsPolicy.ClientAuth.REQUIRED);
            try (EchoServer s = new EchoServer(TlsContexts.server(server, List.of(rsa.certificate())), REQUIRED)) {
                assertArrayEquals(new byte[] {42},
                        exchange(TlsContexts.client(ae, List.of(rsa.certificate())), tls12, s.port()));
                Seen seen = s.seen.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
                assertEquals("TLSv1.2", seen.protocol());
                assertEquals("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", seen.suite());
            }
        }

        @Test
        void refusesTls11() throws Exception {
            try (EchoServer server = new EchoServer(serverContext(), REQUIRED)) {
                SSLContext client = TlsContexts.client(pki.ae(), List.of(pki.ca().certificate()));
                assertThrows(IOException.class, () -> {
                    try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket()) {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), TIMEOUT_MS);
                        s.setSoTimeout(TIMEOUT_MS);
                        s.setEnabledProtocols(new String[] {"TLSv1.1"});
                        s.startHandshake();
                    }
                });
            }
        }

        @Test
        void refusesACbcOnlyClient() throws Exception {
            try (EchoServer server = new EchoServer(serverContext(), REQUIRED)) {
                SSLContext client = TlsContexts.client(pki.ae(), List.of(pki.ca().certificate()));
                assertThrows(IOException.class, () -> {
                    try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket()) {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()), TIMEOUT_MS);
                        s.setSoTimeout(TIMEOUT_MS);
                        s.setEnabledProtocols(new String[] {"TLSv1.2"});
                        s.setEnabledCipherSuites(new String[] {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"});
                        s.startHandshake();
                    }
                });
            }
        }
    }
}
