// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.tls;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;

/**
 * Protocol versions, cipher suites and client authentication for every TLS socket of the archive,
 * after the Non-Downgrading BCP 195 TLS Profile (PS3.15 §B.10): TLS 1.2 and 1.3 only, and for TLS 1.2
 * only AEAD suites with ephemeral key exchange: the profile's four required suites
 * ({@code TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}, {@code TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384},
 * {@code TLS_DHE_RSA_WITH_AES_128_GCM_SHA256}, {@code TLS_DHE_RSA_WITH_AES_256_GCM_SHA384}) plus their
 * ECDSA and ChaCha20-Poly1305 counterparts of equal strength (RFC 9325 §4.2). No CBC, no static RSA,
 * no SHA-1 MAC, nothing a downgrade could reach. The server's order wins.
 *
 * <pre>{@code
 * TlsPolicy policy = TlsPolicy.of(config);
 * SSLServerSocket listener = (SSLServerSocket) TlsContexts.server(pki).getServerSocketFactory().createServerSocket();
 * policy.apply(listener);
 * }</pre>
 */
public final class TlsPolicy {

    /** Whether a DICOM peer must present a certificate ({@code tls.clientAuth}). */
    public enum ClientAuth {
        /** The handshake fails without a client certificate. */
        REQUIRED,
        /** A certificate is asked for; without one the access policy rejects the association. */
        OPTIONAL,
        /** No certificate is asked for (HTTPS for browsers). */
        NONE
    }

    /** TLS 1.3 suites, strongest first (RFC 8446 §9.1 mandates TLS_AES_128_GCM_SHA256). */
    public static final List<String> TLS13_SUITES = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_AES_128_GCM_SHA256",
            "TLS_CHACHA20_POLY1305_SHA256");

    /** TLS 1.2 suites: the PS3.15 §B.10 set and equivalents, ephemeral ECDH before finite-field DH. */
    public static final List<String> TLS12_SUITES = List.of(
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256");

    private static final Set<String> ALLOWED_PROTOCOLS = Set.of("TLSv1.3", "TLSv1.2");

    private final List<String> protocols;
    private final ClientAuth clientAuth;

    /**
     * @param protocols {@code TLSv1.3} and/or {@code TLSv1.2}; newest first is the offered order
     */
    public TlsPolicy(List<String> protocols, ClientAuth clientAuth) {
        if (protocols.isEmpty() || !ALLOWED_PROTOCOLS.containsAll(protocols)) {
            throw new IllegalArgumentException("TLS protocols " + protocols + ": only TLSv1.3 and TLSv1.2 are allowed "
                    + "(PS3.15 §B.10 forbids TLS 1.0 and 1.1)");
        }
        this.protocols = List.copyOf(protocols);
        this.clientAuth = clientAuth;
    }

    /** {@code tls.protocols} and {@code tls.clientAuth} for the DICOM listeners. */
    public static TlsPolicy of(Config config) {
        return new TlsPolicy(config.list(Settings.TLS_PROTOCOLS),
                ClientAuth.valueOf(config.string(Settings.TLS_CLIENT_AUTH).toUpperCase(Locale.ROOT)));
    }

    /** The same protocols and suites with another client-authentication mode (e.g. NONE for HTTPS). */
    public TlsPolicy withClientAuth(ClientAuth mode) {
        return new TlsPolicy(protocols, mode);
    }

    public List<String> protocols() {
        return protocols;
    }

    public ClientAuth clientAuth() {
        return clientAuth;
    }

    /** The suites offered, in preference order, for the enabled protocols. */
    public List<String> cipherSuites() {
        List<String> out = new ArrayList<>();
        if (protocols.contains("TLSv1.3")) {
            out.addAll(TLS13_SUITES);
        }
        if (protocols.contains("TLSv1.2")) {
            out.addAll(TLS12_SUITES);
        }
        return out;
    }

    /**
     * Parameters for the server side of {@code context}: protocols, suites (those the JDK has),
     * server order, client authentication.
     */
    public SSLParameters serverParameters(SSLContext context) {
        SSLParameters supported = context.getSupportedSSLParameters();
        return serverSide(supported.getProtocols(), supported.getCipherSuites());
    }

    /**
     * Parameters for the client side (outgoing C-MOVE sub-associations). No host-name check: a DICOM
     * peer is identified by the certificate bound to its AE title, which the caller compares after
     * the handshake.
     */
    public SSLParameters clientParameters(SSLContext context) {
        SSLParameters supported = context.getSupportedSSLParameters();
        return clientSide(supported.getProtocols(), supported.getCipherSuites());
    }

    public void apply(SSLServerSocket socket) {
        SSLParameters p = socket.getSSLParameters();
        copy(serverSide(socket.getSupportedProtocols(), socket.getSupportedCipherSuites()), p);
        socket.setSSLParameters(p);
    }

    /** Applies server or client parameters according to the socket's mode. */
    public void apply(SSLSocket socket) {
        SSLParameters p = socket.getSSLParameters();
        SSLParameters wanted = socket.getUseClientMode()
                ? clientSide(socket.getSupportedProtocols(), socket.getSupportedCipherSuites())
                : serverSide(socket.getSupportedProtocols(), socket.getSupportedCipherSuites());
        copy(wanted, p);
        socket.setSSLParameters(p);
    }

    private SSLParameters serverSide(String[] supportedProtocols, String[] supportedSuites) {
        SSLParameters p = make(supportedProtocols, supportedSuites);
        p.setUseCipherSuitesOrder(true);
        switch (clientAuth) {
            case REQUIRED -> p.setNeedClientAuth(true);
            case OPTIONAL -> p.setWantClientAuth(true);
            case NONE -> p.setWantClientAuth(false);
        }
        return p;
    }

    private SSLParameters clientSide(String[] supportedProtocols, String[] supportedSuites) {
        SSLParameters p = make(supportedProtocols, supportedSuites);
        p.setEndpointIdentificationAlgorithm(null);
        return p;
    }

    private SSLParameters make(String[] supportedProtocols, String[] supportedSuites) {
        List<String> protocolsHere = protocols.stream().filter(Arrays.asList(supportedProtocols)::contains).toList();
        List<String> suitesHere = cipherSuites().stream().filter(Arrays.asList(supportedSuites)::contains).toList();
        if (protocolsHere.isEmpty() || suitesHere.isEmpty()) {
            throw new IllegalStateException("this JDK supports none of the TLS protocols " + protocols
                    + " or cipher suites " + cipherSuites());
        }
        SSLParameters p = new SSLParameters();
        p.setProtocols(protocolsHere.toArray(String[]::new));
        p.setCipherSuites(suitesHere.toArray(String[]::new));
        return p;
    }

    private static void copy(SSLParameters from, SSLParameters to) {
        to.setProtocols(from.getProtocols());
        to.setCipherSuites(from.getCipherSuites());
        to.setUseCipherSuitesOrder(from.getUseCipherSuitesOrder());
        to.setEndpointIdentificationAlgorithm(from.getEndpointIdentificationAlgorithm());
        if (from.getNeedClientAuth()) {
            to.setNeedClientAuth(true);
        } else {
            to.setWantClientAuth(from.getWantClientAuth());
        }
    }
}
