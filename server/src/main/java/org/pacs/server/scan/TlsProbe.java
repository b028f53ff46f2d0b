// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.scan;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.pacs.dicom.net.Association;
import org.pacs.dicom.net.AssociationRejectedException;
import org.pacs.dicom.net.Connector;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.service.Scu;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * Does the peer's TLS port let in a client that presents no certificate? Opens a TLS session without
 * one and sends an A-ASSOCIATE-RQ for Verification: with TLS 1.3 a server that requires certificates
 * says so only on its first read (RFC 8446 §4.4.2.4), so the handshake alone proves nothing.
 */
final class TlsProbe {
    private static final String IMPLICIT_LE = "1.2.840.10008.1.2";

    private final Limits limits;

    TlsProbe(Limits limits) {
        this.limits = limits;
    }

    record Result(Finding finding, boolean reachable) {
    }

    Result probe(String host, int port, String calledAe, String callingAe) {
        TlsPolicy policy = new TlsPolicy(anonymousClient(), TlsPolicy.ClientAuth.NONE, TlsPolicy.PROTOCOLS,
                TlsPolicy.BCP195_NON_DOWNGRADING_SUITES, false);
        try (Connector connector = new Connector(limits, policy);
                Association as = connector.connect(host, port, Connector.request(calledAe, callingAe,
                        List.of(new PresentationContextRQ(1, Scu.VERIFICATION, IMPLICIT_LE)), limits), null)) {
            return new Result(Finding.exposed(Exposure.ANONYMOUS_TLS, "port " + port + ": TLS without a client"
                    + " certificate, and called AE '" + calledAe + "' accepted the association"), true);
        } catch (AssociationRejectedException e) {
            return new Result(Finding.exposed(Exposure.ANONYMOUS_TLS, "port " + port + ": TLS session opened"
                    + " without a client certificate (the association itself was "
                    + LegacyPacsScanner.describe(e.reject()) + ")"), true);
        } catch (ConnectException e) {
            return new Result(Finding.notTested(Exposure.ANONYMOUS_TLS, "port " + port + ": nothing listens"), false);
        } catch (IOException | RuntimeException e) {
            return new Result(Finding.notExposed(Exposure.ANONYMOUS_TLS, "port " + port
                    + ": no DICOM over TLS without a client certificate (" + LegacyPacsScanner.brief(e) + ")"), true);
        }
    }

    /**
     * A client context with no key (so no certificate to present) that accepts any server certificate:
     * the probe asks only whether the server lets it in, and sends nothing but an association request.
     */
    private static SSLContext anonymousClient() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new AcceptAnyServer()}, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JDK", e);
        }
    }

    private static final class AcceptAnyServer extends X509ExtendedTrustManager {
        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
