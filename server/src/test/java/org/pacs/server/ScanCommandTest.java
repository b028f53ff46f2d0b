// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanCommandTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Main().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "host", "host 0", "host 70000", "host 104 --aet THIS_TITLE_IS_TOO_LONG",
            "host 104 --tls-port x", "host 104 --bogus", "host 104 --timeout 0", "host 104 extra"})
    void refusesBadArguments(String line) {
        String[] args = ("scan " + line).strip().split(" ");
        assertEquals(2, run(args), err.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: pacs scan HOST PORT"));
    }

    @Test
    void saysUnreachableWhenNothingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } // closed: nothing listens there now
        assertEquals(3, run("scan", "127.0.0.1", Integer.toString(port), "--tls-port", Integer.toString(port),
                "--timeout", "2"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("not tested plaintext association accepted"), text);
        assertTrue(text.contains("verdict: UNREACHABLE"), text);
    }
}
