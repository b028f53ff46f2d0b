// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.pacs.dicom.net.pdu.Fixtures;

/**
 * Bounded fuzzing of the acceptor: a valid C-ECHO conversation, mutated (bit flips, random bytes,
 * truncation, lying lengths, duplicated or dropped PDUs) and replayed over raw sockets. Afterwards
 * the acceptor still answers a C-ECHO and holds no connection open. The seed is fixed, so a
 * failure reproduces.
 */
class AcceptorFuzzTest {

    private static final int ROUNDS = 400;
    private static final long SEED = 0x5EED_D1C0L;

    static byte[] conversation() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(Fixtures.hex("a-associate-rq-echo.hex"));
        b.writeBytes(Fixtures.hex("p-data-tf-c-echo-rq.hex"));
        b.writeBytes(Fixtures.hex("a-release-rq.hex"));
        return b.toByteArray();
    }

    static byte[] mutate(byte[] valid, Random r) {
        byte[] m = valid.clone();
        switch (r.nextInt(6)) {
            case 0 -> { // flip a few bits
                for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                    m[r.nextInt(m.length)] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> { // overwrite a byte in a header or length field with an extreme value
                int[] hot = {0, 2, 3, 4, 5, 75, 76, 77, 211, 215, 216, 217, 222, 223};
                m[hot[r.nextInt(hot.length)] % m.length] = (byte) (r.nextBoolean() ? 0xff : 0x00);
            }
            case 2 -> m = java.util.Arrays.copyOf(m, r.nextInt(m.length)); // truncate
            case 3 -> { // random garbage appended after a valid prefix
                int keep = r.nextInt(m.length);
                byte[] g = new byte[keep + 1 + r.nextInt(64)];
                System.arraycopy(m, 0, g, 0, keep);
                for (int i = keep; i < g.length; i++) {
                    g[i] = (byte) r.nextInt(256);
                }
                m = g;
            }
            case 4 -> { // the whole conversation twice (second A-ASSOCIATE-RQ is out of order)
                byte[] d = java.util.Arrays.copyOf(m, m.length * 2);
                System.arraycopy(m, 0, d, m.length, m.length);
                m = d;
            }
            default -> { // pure noise
                m = new byte[1 + r.nextInt(300)];
                r.nextBytes(m);
            }
        }
        return m;
    }

    @Test
    void acceptorSurvivesMutatedAndTruncatedStreams() throws Exception {
        Limits limits = AcceptorHostileInputTest.LIMITS.withMaxAssociations(8, 8);
        try (Acceptor acceptor = Acceptor.start(new InetSocketAddress("127.0.0.1", 0),
                AcceptorHostileInputTest.settings(), AcceptorHostileInputTest.services(), limits, null)) {
            byte[] valid = conversation();
            Random random = new Random(SEED);
            for (int round = 0; round < ROUNDS; round++) {
                byte[] bytes = mutate(valid, random);
                try (RawPeer peer = new RawPeer(acceptor.port(), Duration.ofSeconds(3))) {
                    try {
                        peer.send(bytes);
                        peer.socket.shutdownOutput();
                    } catch (IOException closedEarly) {
                        // the server may already have aborted and closed
                    }
                    peer.drain();
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (acceptor.activeConnections() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, acceptor.activeConnections(), "connections left open after fuzzing");
            AcceptorHostileInputTest.assertStillAnswersEcho(acceptor.port(), new Connector(Limits.DEFAULTS, null));
        }
    }
}
