// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.PeerInfo;
import org.pacs.dicom.net.pdu.AAssociateRJ;
import org.pacs.dicom.net.tls.TlsPolicy;

/**
 * Listens for associations and serves each on its own virtual thread, plain or over TLS
 * (PS3.15 §B.9 via {@link TlsPolicy}). Limits: associations in total and per peer address (beyond
 * them a request is rejected as transient, local-limit-exceeded), and a hard cap on open
 * connections beyond which a connection is closed at once.
 *
 * <pre>{@code
 * try (Acceptor acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0), settings, handler,
 *         Limits.DEFAULTS, null)) {
 *     int port = acceptor.port();
 * }
 * }</pre>
 */
public final class Acceptor implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(Acceptor.class.getName());

    private final ServerSocket server;
    private final AcceptorSettings settings;
    private final RequestHandler handler;
    private final Limits limits;
    private final TlsPolicy tls;
    private final ScheduledExecutorService scheduler;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger associations = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> perPeer = new ConcurrentHashMap<>();
    private final java.util.Set<Association> live = ConcurrentHashMap.newKeySet();
    private volatile java.util.function.BiConsumer<InetAddress, String> handshakeFailures = (a, why) -> { };
    private final AtomicLong lastFloodLog = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final Thread acceptThread;
    private volatile boolean closed;

    private Acceptor(ServerSocket server, AcceptorSettings settings, RequestHandler handler, Limits limits,
            TlsPolicy tls) {
        this.server = server;
        this.settings = settings;
        this.handler = handler;
        this.limits = limits;
        this.tls = tls;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dicom-timers-" + server.getLocalPort());
            t.setDaemon(true);
            return t;
        });
        this.acceptThread = Thread.ofVirtual().name("dicom-acceptor-" + server.getLocalPort()).start(this::acceptLoop);
    }

    /** Binds and starts accepting; {@code tls} null means plaintext. */
    public static Acceptor start(InetSocketAddress bind, AcceptorSettings settings, RequestHandler handler,
            Limits limits, TlsPolicy tls) throws IOException {
        ServerSocket server;
        if (tls != null) {
            SSLServerSocket s = (SSLServerSocket) tls.context().getServerSocketFactory().createServerSocket();
            tls.configure(s);
            server = s;
        } else {
            server = new ServerSocket();
        }
        server.setReuseAddress(true);
        server.bind(bind, 128);
        return new Acceptor(server, settings, handler, limits, tls);
    }

    /** Binds to {@code local} (port 0 for an ephemeral port), plain or TLS as it says. */
    public static Acceptor start(Connection local, AcceptorSettings settings, RequestHandler handler, Limits limits)
            throws IOException {
        return start(new InetSocketAddress(local.hostname(), local.port()), settings, handler, limits, local.tls());
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Tells {@code listener} of every TLS handshake that failed (no or untrusted client certificate, an
     * old protocol, a client that never finished): a security event the archive audits.
     */
    public void onHandshakeFailure(java.util.function.BiConsumer<InetAddress, String> listener) {
        this.handshakeFailures = listener;
    }

    /**
     * The associations being served now, e.g. to abort those of a peer whose registration was just
     * revoked. A snapshot: associations may end meanwhile.
     */
    public List<Association> associations() {
        return List.copyOf(live);
    }

    /** Associations being served now (connections in their association phase included). */
    public int activeConnections() {
        return open.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(System.Logger.Level.WARNING, "accept failed: {0}", e.toString());
                }
                continue;
            }
            int hardCap = limits.maxAssociations() * 2 + 16;
            if (open.incrementAndGet() > hardCap) {
                open.decrementAndGet();
                refuse(s);
                continue;
            }
            Thread.ofVirtual().name("dicom-assoc-" + s.getPort()).start(() -> serve(s));
        }
    }

    /** Beyond the hard cap a connection is closed unread; the log says so at most once a second. */
    private void refuse(Socket s) {
        closeQuietly(s);
        long n = refused.incrementAndGet();
        long now = System.nanoTime();
        long last = lastFloodLog.get();
        if (now - last > TimeUnit.SECONDS.toNanos(1) && lastFloodLog.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "connection limit reached: closed connection from {0} ({1} refused"
                    + " so far)", s.getInetAddress(), n);
        }
    }

    private void serve(Socket s) {
        InetAddress addr = s.getInetAddress();
        AtomicInteger fromPeer = perPeer.computeIfAbsent(addr, a -> new AtomicInteger());
        int peerCount = fromPeer.incrementAndGet();
        int total = associations.incrementAndGet();
        boolean released = false;
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout((int) limits.idleTimeout().toMillis());
            List<X509Certificate> chain = List.of();
            if (s instanceof SSLSocket ssl) {
                chain = handshake(ssl);
                if (chain == null) {
                    return;
                }
            }
            AAssociateRJ overLimit = null;
            if (total > limits.maxAssociations() || peerCount > limits.maxAssociationsPerPeer()) {
                overLimit = new AAssociateRJ(AAssociateRJ.REJECTED_TRANSIENT,
                        AAssociateRJ.SOURCE_SERVICE_PROVIDER_PRESENTATION,
                        AAssociateRJ.PRESENTATION_LOCAL_LIMIT_EXCEEDED);
                LOG.log(System.Logger.Level.INFO, "association limit reached ({0} total, {1} from {2}): rejecting",
                        total, peerCount, addr);
            }
            PeerInfo peer = new PeerInfo((InetSocketAddress) s.getRemoteSocketAddress(), chain);
            Runnable onEnd = () -> { };
            Association association = new Association(s, false, limits, scheduler, peer, handler, settings,
                    overLimit, onEnd);
            live.add(association);
            try {
                association.runAsAcceptor();
            } finally {
                live.remove(association);
            }
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "connection from {0} closed: {1}", addr, e.toString());
        } finally {
            closeQuietly(s);
            associations.decrementAndGet();
            if (fromPeer.decrementAndGet() == 0) {
                perPeer.remove(addr, fromPeer);
            }
            open.decrementAndGet();
        }
    }

    /**
     * Completes the TLS handshake within the handshake timeout, however slowly the client sends;
     * returns the verified peer chain (empty when the client sent none), or null on failure.
     */
    private List<X509Certificate> handshake(SSLSocket ssl) {
        ScheduledFuture<?> deadline = scheduler.schedule(() -> closeQuietly(ssl),
                limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        try {
            ssl.startHandshake();
            List<X509Certificate> chain = new ArrayList<>();
            try {
                for (Certificate c : ssl.getSession().getPeerCertificates()) {
                    chain.add((X509Certificate) c);
                }
            } catch (SSLPeerUnverifiedException e) {
                // no client certificate (allowed when client authentication is optional)
            }
            if (ssl.isClosed()) {
                throw new IOException("TLS handshake did not finish within " + limits.handshakeTimeout());
            }
            return List.copyOf(chain);
        } catch (IOException e) {
            String why = deadline.isDone() && !deadline.isCancelled()
                    ? "not finished within " + limits.handshakeTimeout() : e.getMessage();
            LOG.log(System.Logger.Level.INFO, "TLS handshake with {0} failed: {1}", ssl.getInetAddress(), why);
            try {
                handshakeFailures.accept(ssl.getInetAddress(), why);
            } catch (RuntimeException listenerFailure) {
                LOG.log(System.Logger.Level.WARNING, "handshake failure listener failed", listenerFailure);
            }
            return null;
        } finally {
            deadline.cancel(false);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
        acceptThread.interrupt();
        scheduler.shutdownNow();
    }
}
