// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.tls;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * DICOM TLS with a caller-supplied {@link SSLContext}, restricted to the BCP 195 Non-downgrading
 * Secure Transport Connection Profile (PS3.15 §B.9): TLS 1.3 and 1.2 only, and for TLS 1.2 only
 * ECDHE/DHE key exchange with AES-GCM (RFC 9325 §4.2).
 *
 * <pre>{@code
 * TlsPolicy tls = TlsPolicy.bcp195NonDowngrading(sslContext, TlsPolicy.ClientAuth.REQUIRED);
 * }</pre>
 */
public record TlsPolicy(SSLContext context, ClientAuth clientAuth, List<String> protocols, List<String> cipherSuites,
        boolean verifyHostname) {

    /** Whether the acceptor asks for, or insists on, a client certificate. */
    public enum ClientAuth {
        NONE, OPTIONAL, REQUIRED
    }

    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** PS3.15 §B.9 / RFC 9325 §4.2 suites, TLS 1.3 first. */
    public static final List<String> BCP195_NON_DOWNGRADING_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256",
            "TLS_AES_256_GCM_SHA384",
            "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384");

    public TlsPolicy {
        protocols = List.copyOf(protocols);
        cipherSuites = List.copyOf(cipherSuites);
        for (String p : protocols) {
            if (!PROTOCOLS.contains(p)) {
                throw new IllegalArgumentException("DICOM TLS allows only TLS 1.2 and 1.3, not " + p);
            }
        }
    }

    /** A policy whose outgoing connections check the acceptor's host name against its certificate. */
    public TlsPolicy(SSLContext context, ClientAuth clientAuth, List<String> protocols, List<String> cipherSuites) {
        this(context, clientAuth, protocols, cipherSuites, true);
    }

    public static TlsPolicy bcp195NonDowngrading(SSLContext context, ClientAuth clientAuth) {
        return new TlsPolicy(context, clientAuth, PROTOCOLS, BCP195_NON_DOWNGRADING_SUITES);
    }

    /**
     * The same policy without the host-name check on outgoing connections: for callers that check the
     * acceptor's identity themselves, e.g. against the certificate bound to its AE title (a stronger
     * check than a name in the certificate, which AE certificates need not carry).
     */
    public TlsPolicy withoutHostnameVerification() {
        return new TlsPolicy(context, clientAuth, protocols, cipherSuites, false);
    }

    /** Applies protocols, suites and client authentication to a listening socket. */
    public void configure(SSLServerSocket server) {
        SSLParameters p = parameters(server.getSupportedCipherSuites());
        switch (clientAuth) {
            case REQUIRED -> p.setNeedClientAuth(true);
            case OPTIONAL -> p.setWantClientAuth(true);
            case NONE -> p.setWantClientAuth(false);
        }
        server.setSSLParameters(p);
    }

    /** Applies protocols and suites to an accepted or outgoing socket. */
    public void configure(SSLSocket socket, boolean client) {
        SSLParameters p = parameters(socket.getSupportedCipherSuites());
        if (client) {
            if (verifyHostname) {
                // The requestor checks the acceptor's name against its certificate.
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
        } else if (clientAuth == ClientAuth.REQUIRED) {
            p.setNeedClientAuth(true);
        } else if (clientAuth == ClientAuth.OPTIONAL) {
            p.setWantClientAuth(true);
        }
        socket.setSSLParameters(p);
    }

    private SSLParameters parameters(String[] supported) {
        SSLParameters p = context.getDefaultSSLParameters();
        List<String> available = Arrays.asList(supported);
        String[] suites = cipherSuites.stream().filter(available::contains).toArray(String[]::new);
        if (suites.length == 0) {
            throw new IllegalStateException("none of the BCP 195 cipher suites is available");
        }
        p.setProtocols(protocols.toArray(String[]::new));
        p.setCipherSuites(suites);
        p.setUseCipherSuitesOrder(true);
        return p;
    }

    /** Creates a client socket layered over a connected plain socket. */
    public SSLSocket wrapClient(java.net.Socket plain, String host) throws IOException {
        SSLSocket s = (SSLSocket) context.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
        configure(s, true);
        return s;
    }
}
