// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against a tiny RFC 5425 collector: JSSE TLS on 127.0.0.1 with a certificate made here. */
class SyslogTlsForwarderTest {

    private static final char[] PASSWORD = "test".toCharArray();
    private static final Duration WAIT = Duration.ofSeconds(10);

    private SSLContext serverTls;
    private SSLContext clientTls;
    private SSLServerSocket collector;
    private Thread acceptor;
    private final BlockingQueue<byte[]> received = new LinkedBlockingQueue<>();

    @BeforeEach
    void startCollector() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=collector");
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), name, pair.getPublic());
        builder.addExtension(Extension.subjectAlternativeName, false,
                new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
        X509Certificate certificate = new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));

        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("collector", pair.getPrivate(), PASSWORD, new Certificate[] {certificate});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, PASSWORD);
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("collector", certificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        clientTls = SSLContext.getInstance("TLS");
        clientTls.init(null, tmf.getTrustManagers(), null);

        collector = (SSLServerSocket) serverTls.getServerSocketFactory().createServerSocket(0, 10,
                InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    @AfterEach
    void stopCollector() throws Exception {
        collector.close();
        acceptor.join(WAIT.toMillis());
    }

    /** Reads RFC 5425 frames: MSG-LEN SP SYSLOG-MSG. */
    private void acceptLoop() {
        while (!collector.isClosed()) {
            try (SSLSocket s = (SSLSocket) collector.accept()) {
                s.setSoTimeout((int) WAIT.toMillis());
                InputStream in = s.getInputStream();
                while (true) {
                    int length = readLength(in);
                    if (length < 0) {
                        break;
                    }
                    received.add(in.readNBytes(length));
                }
            } catch (IOException e) {
                // Closed, or a client that failed the handshake: wait for the next one.
            }
        }
    }

    private static int readLength(InputStream in) throws IOException {
        StringBuilder digits = new StringBuilder();
        int c;
        while ((c = in.read()) != ' ') {
            if (c < 0) {
                return -1;
            }
            if (c < '0' || c > '9' || digits.length() > 9) {
                throw new IOException("bad MSG-LEN");
            }
            digits.append((char) c);
        }
        return Integer.parseInt(digits.toString());
    }

    private SyslogTlsForwarder forwarder(String host, int port, int capacity, Duration retry) {
        return new SyslogTlsForwarder(host, port, clientTls,
                new SyslogTlsForwarder.Options(capacity, Duration.ofSeconds(5), retry, "pacs.test", "pacs"));
    }

    @Test
    void sendsOctetCountedRfc5424MessagesWhoseXmlMatchesTheSchema() throws Exception {
        AuditEvent first = AuditMessageXmlTest.EVENTS.store(AuditMessageXmlTest.CT, AuditMessageXmlTest.STUDIES);
        AuditEvent second = AuditMessageXmlTest.EVENTS.login(AuditMessageXmlTest.ALICE, false, "bad password");
        try (SyslogTlsForwarder syslog = forwarder("127.0.0.1", collector.getLocalPort(), 16, Duration.ofSeconds(1))) {
            syslog.accept(new AuditRecord(41, first), AuditMessageXml.write(first));
            syslog.accept(new AuditRecord(42, second), AuditMessageXml.write(second));

            byte[] one = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            byte[] two = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertNotNull(one, "first message arrives");
            assertNotNull(two, "second message arrives");
            assertMessage(one, 41, first);
            assertMessage(two, 42, second);
            assertEquals(2, syslog.sent());
        }
    }

    private static void assertMessage(byte[] message, long sequence, AuditEvent event) throws Exception {
        // HEADER has 6 spaces, STRUCTURED-DATA [meta sequenceId="N"] one more, then SP before MSG.
        int msgStart = indexOfNthSpace(message, 8) + 1;
        String header = new String(message, 0, msgStart, StandardCharsets.US_ASCII);
        String[] f = header.split(" ");
        assertEquals("<85>1", f[0], "PRI 85 = facility 10, severity 5; VERSION 1");
        assertEquals("2026-03-04T05:06:07.891Z", f[1]);
        assertEquals("pacs.test", f[2]);
        assertEquals("pacs", f[3]);
        assertEquals(Long.toString(ProcessHandle.current().pid()), f[4]);
        assertEquals("DICOM+RFC3881", f[5]);
        assertEquals("[meta sequenceId=\"" + sequence + "\"]", f[6] + " " + f[7]);
        assertArrayEquals(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF},
                Arrays.copyOfRange(message, msgStart, msgStart + 3), "MSG is UTF-8 with a BOM");
        byte[] xml = Arrays.copyOfRange(message, msgStart + 3, message.length);
        AuditMessageXmlTest.assertValid(xml);
        assertEquals(event, AuditMessageXml.read(xml));
    }

    private static int indexOfNthSpace(byte[] bytes, int n) {
        int seen = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == ' ' && ++seen == n) {
                return i;
            }
        }
        throw new AssertionError("fewer than " + n + " spaces in the header");
    }

    @Test
    void neverBlocksTheArchiveWhenTheCollectorIsUnreachable() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        AuditEvent event = AuditMessageXmlTest.EVENTS.applicationStart();
        byte[] xml = AuditMessageXml.write(event);
        SyslogTlsForwarder syslog = forwarder("127.0.0.1", deadPort, 4, Duration.ofMinutes(1));
        long start = System.nanoTime();
        for (int i = 1; i <= 1000; i++) {
            syslog.accept(new AuditRecord(i, event), xml);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "1000 offers took " + took);
        assertTrue(syslog.dropped() >= 1000 - 4 - 1, "dropped " + syslog.dropped());
        waitUntil(() -> syslog.lastError() != null);
        long closing = System.nanoTime();
        syslog.close(Duration.ZERO);
        assertTrue(Duration.ofNanos(System.nanoTime() - closing).compareTo(Duration.ofSeconds(5)) < 0,
                "close does not wait out the retry delay");
        assertEquals(0, syslog.sent());
        assertEquals(1000, syslog.dropped(), "everything not sent is counted");
    }

    @Test
    void refusesACollectorWhoseCertificateDoesNotNameIt() {
        AuditEvent event = AuditMessageXmlTest.EVENTS.applicationStart();
        // The certificate names 127.0.0.1 only; "localhost" fails the host name check.
        try (SyslogTlsForwarder syslog = forwarder("localhost", collector.getLocalPort(), 4, Duration.ofMinutes(1))) {
            syslog.accept(new AuditRecord(1, event), AuditMessageXml.write(event));
            waitUntil(() -> syslog.lastError() != null);
            assertTrue(syslog.lastError().contains("SSL") || syslog.lastError().contains("Certificate"),
                    syslog.lastError());
            assertEquals(0, syslog.sent());
            assertTrue(received.isEmpty());
        }
    }

    @Test
    void writesTheFrameLengthAsTheOctetCountOfTheMessage() {
        byte[] xml = "<AuditMessage/>".getBytes(StandardCharsets.UTF_8);
        byte[] frame = SyslogMessage.frame(Instant.parse("2026-01-02T03:04:05.006Z"), "h ost\u00e9", "pacs", "7", 3, xml);
        String text = new String(frame, StandardCharsets.UTF_8);
        int space = text.indexOf(' ');
        assertEquals(frame.length - space - 1, Integer.parseInt(text.substring(0, space)));
        assertTrue(text.startsWith(Integer.parseInt(text.substring(0, space))
                + " <85>1 2026-01-02T03:04:05.006Z h_ost_ pacs 7 DICOM+RFC3881 [meta sequenceId=\"3\"] \uFEFF<AuditMessage/>"),
                text);
    }

    /** Polls a condition the forwarder's thread will make true, bounded by {@link #WAIT}. */
    private static void waitUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            LockSupport.parkNanos(5_000_000L);
        }
    }
}
