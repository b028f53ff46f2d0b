// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Forwards audit messages to a syslog collector over TLS (PS3.15 §A.6, RFC 5425; see {@link SyslogMessage}
 * for the message). The archive never waits for the collector: {@link #accept} puts the message in a
 * bounded queue and returns; one virtual thread sends, reconnecting after failures. When the queue is full
 * the message is dropped and counted ({@link #dropped()}): the local trail still holds it.
 * The collector's certificate is checked against {@code tls}'s trust and the host name.
 *
 * <pre>{@code
 * SyslogTlsForwarder syslog = new SyslogTlsForwarder("audit.example.org", 6514, tlsContext,
 *         SyslogTlsForwarder.Options.defaults("pacs.example.org"));
 * AuditTrail trail = AuditTrail.open(dataDir, keyRing, AuditTrail.Options.defaults().withSinks(syslog));
 * }</pre>
 */
public final class SyslogTlsForwarder implements AuditSink, AutoCloseable {

    /**
     * @param queueCapacity messages held while the collector is slow or unreachable
     * @param connectTimeout bound on TCP connect and on each read of the TLS handshake
     * @param retryDelay wait between reconnection attempts
     * @param localHostName HOSTNAME of the syslog header: this archive's name
     * @param appName APP-NAME of the syslog header
     */
    public record Options(int queueCapacity, Duration connectTimeout, Duration retryDelay, String localHostName,
            String appName) {
        public Options {
            if (queueCapacity < 1) {
                throw new IllegalArgumentException("queueCapacity must be positive");
            }
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(retryDelay, "retryDelay");
        }

        public static Options defaults(String localHostName) {
            return new Options(10_000, Duration.ofSeconds(10), Duration.ofSeconds(5), localHostName, "pacs");
        }
    }

    private final String host;
    private final int port;
    private final SSLContext tls;
    private final Options options;
    private final String procId = Long.toString(ProcessHandle.current().pid());
    private final BlockingQueue<byte[]> queue;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Guards the socket between the sender and {@link #close()}. */
    private final ReentrantLock socketLock = new ReentrantLock();
    private final Thread sender;
    private volatile boolean running = true;
    private volatile String lastError;
    private SSLSocket socket;

    public SyslogTlsForwarder(String host, int port, SSLContext tls, Options options) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        this.tls = Objects.requireNonNull(tls, "tls");
        this.options = Objects.requireNonNull(options, "options");
        this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
        this.sender = Thread.ofVirtual().name("audit-syslog-" + host + ":" + port).start(this::sendLoop);
    }

    /** Queues the message; never blocks. */
    @Override
    public void accept(AuditRecord record, byte[] auditMessageXml) {
        if (!running) {
            dropped.incrementAndGet();
            return;
        }
        byte[] frame = SyslogMessage.frame(record.event().dateTime(), options.localHostName(), options.appName(),
                procId, record.sequence(), auditMessageXml);
        if (!queue.offer(frame)) {
            dropped.incrementAndGet();
        }
    }

    /** Messages written to the collector's connection. */
    public long sent() {
        return sent.get();
    }

    /** Messages dropped because the queue was full or the forwarder closed. */
    public long dropped() {
        return dropped.get();
    }

    /** Messages waiting to be sent. */
    public int queued() {
        return queue.size();
    }

    /** The last connection or write failure, for status pages; null if none yet. */
    public String lastError() {
        return lastError;
    }

    private void sendLoop() {
        byte[] pending = null;
        while (running) {
            try {
                if (pending == null) {
                    pending = queue.poll(250, TimeUnit.MILLISECONDS);
                    if (pending == null) {
                        continue;
                    }
                }
                OutputStream out = connected().getOutputStream();
                out.write(pending);
                out.flush();
                sent.incrementAndGet();
                pending = null;
            } catch (InterruptedException e) {
                break;
            } catch (IOException | RuntimeException e) {
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                disconnect();
                try {
                    Thread.sleep(options.retryDelay());
                } catch (InterruptedException stop) {
                    break;
                }
            }
        }
        if (pending != null) {
            dropped.incrementAndGet();
        }
        dropped.addAndGet(queue.size());
        queue.clear();
        disconnect();
    }

    private SSLSocket connected() throws IOException {
        socketLock.lock();
        try {
            if (socket != null && !socket.isClosed()) {
                return socket;
            }
        } finally {
            socketLock.unlock();
        }
        int timeout = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        Socket plain = new Socket();
        SSLSocket s;
        try {
            plain.connect(new InetSocketAddress(host, port), timeout);
            plain.setSoTimeout(timeout);
            s = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, port, true);
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        try {
            SSLParameters parameters = s.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
            s.setSSLParameters(parameters);
            s.startHandshake();
        } catch (IOException e) {
            s.close();
            throw e;
        }
        socketLock.lock();
        try {
            if (!running) {
                s.close();
                throw new IOException("closed");
            }
            socket = s;
            return s;
        } finally {
            socketLock.unlock();
        }
    }

    private void disconnect() {
        socketLock.lock();
        try {
            if (socket != null) {
                socket.close();
            }
        } catch (IOException ignored) {
            // Closing a broken connection; nothing more to do.
        } finally {
            socket = null;
            socketLock.unlock();
        }
    }

    /**
     * Stops sending: waits up to {@code grace} for the queue to drain, then closes the connection.
     * Messages still queued are counted as dropped.
     */
    public void close(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!queue.isEmpty() && System.nanoTime() < deadline && sender.isAlive()) {
            java.util.concurrent.locks.LockSupport.parkNanos(10_000_000L);
        }
        running = false;
        disconnect();
        sender.interrupt();
        try {
            sender.join(Math.max(1, options.connectTimeout().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(2));
    }
}
