// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocket;
import org.pacs.dicom.net.acse.PeerInfo;
import org.pacs.dicom.net.pdu.AAssociateRQ;
import org.pacs.dicom.net.pdu.PresentationContextRQ;
import org.pacs.dicom.net.pdu.UserInformation;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * Opens outgoing associations, plain or over TLS.
 *
 * <pre>{@code
 * try (Connector connector = new Connector(Limits.DEFAULTS, null);
 *      Association as = connector.connect("127.0.0.1", 11112,
 *              Connector.request("STORESCP", "PACS", List.of(new PresentationContextRQ(1, VERIFICATION, ILE)),
 *                      Limits.DEFAULTS), null)) {
 *     ...
 * }
 * }</pre>
 */
public final class Connector implements AutoCloseable {

    private final Limits limits;
    private final TlsPolicy tls;
    private final ScheduledExecutorService scheduler;

    public Connector(Limits limits, TlsPolicy tls) {
        this.limits = limits;
        this.tls = tls;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dicom-connector-timers");
            t.setDaemon(true);
            return t;
        });
    }

    /** An A-ASSOCIATE-RQ advertising this side's maximum PDU length. */
    public static AAssociateRQ request(String calledAe, String callingAe, List<PresentationContextRQ> contexts,
            Limits limits) {
        return new AAssociateRQ(calledAe, callingAe, contexts, new UserInformation(limits.maxPduLength(),
                Implementation.CLASS_UID, Implementation.VERSION_NAME));
    }

    /**
     * Connects, negotiates and returns the established association.
     *
     * @param handler serves requests the peer sends on this association (C-STORE sub-operations of a
     *                C-GET, N-EVENT-REPORT), or null
     */
    public Association connect(String host, int port, AAssociateRQ rq, RequestHandler handler) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(host, port), (int) limits.artimTimeout().toMillis());
            s.setSoTimeout((int) limits.idleTimeout().toMillis());
            List<X509Certificate> chain = List.of();
            if (tls != null) {
                SSLSocket ssl = tls.wrapClient(s, host);
                ssl.setSoTimeout((int) limits.handshakeTimeout().toMillis());
                ssl.startHandshake();
                ssl.setSoTimeout((int) limits.idleTimeout().toMillis());
                List<X509Certificate> certs = new ArrayList<>();
                for (Certificate c : ssl.getSession().getPeerCertificates()) {
                    certs.add((X509Certificate) c);
                }
                chain = certs;
                s = ssl;
            }
            PeerInfo peer = new PeerInfo((InetSocketAddress) s.getRemoteSocketAddress(), chain);
            Association association = new Association(s, true, limits, scheduler, peer, handler, null, null,
                    () -> { });
            association.openAsRequestor(rq, limits.artimTimeout());
            return association;
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    /** Connects to {@code remote}; its TLS policy must be this connector's (plain or the same TLS policy). */
    public Association connect(Connection remote, AAssociateRQ rq, RequestHandler handler) throws IOException {
        if (remote.isTls() != (tls != null)) {
            throw new IllegalArgumentException("connection " + remote.hostname() + ":" + remote.port()
                    + (remote.isTls() ? " needs TLS" : " is plaintext") + "; use a matching connector");
        }
        return connect(remote.hostname(), remote.port(), rq, handler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
