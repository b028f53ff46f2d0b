// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.conf.ConfigLoader;

class TlsPolicyTest {

    @TempDir
    Path dir;

    @Test
    void offersTheNonDowngradingProfileSuitesOnly() {
        TlsPolicy p = new TlsPolicy(List.of("TLSv1.3", "TLSv1.2"), TlsPolicy.ClientAuth.REQUIRED);
        // PS3.15 §B.10: the four suites every implementation of the profile supports.
        assertTrue(p.cipherSuites().containsAll(List.of("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384")));
        for (String suite : p.cipherSuites()) {
            assertFalse(suite.contains("CBC") || suite.contains("_SHA") && suite.endsWith("_SHA")
                    || suite.startsWith("TLS_RSA_") || suite.contains("NULL"), suite);
        }
    }

    @Test
    void leavesOutTls12SuitesWhenOnlyTls13IsEnabled() {
        assertEquals(TlsPolicy.TLS13_SUITES, new TlsPolicy(List.of("TLSv1.3"), TlsPolicy.ClientAuth.NONE).cipherSuites());
    }

    @Test
    void refusesOldProtocols() {
        assertThrows(IllegalArgumentException.class,
                () -> new TlsPolicy(List.of("TLSv1.3", "TLSv1.1"), TlsPolicy.ClientAuth.REQUIRED));
        assertThrows(IllegalArgumentException.class, () -> new TlsPolicy(List.of(), TlsPolicy.ClientAuth.REQUIRED));
    }

    @Test
    void readsTheConfiguration() {
        TlsPolicy p = TlsPolicy.of(ConfigLoader.load(dir, Map.of("PACS_TLS_CLIENT_AUTH", "optional",
                "PACS_TLS_PROTOCOLS", "TLSv1.3")));
        assertEquals(List.of("TLSv1.3"), p.protocols());
        assertEquals(TlsPolicy.ClientAuth.OPTIONAL, p.clientAuth());
        assertEquals(TlsPolicy.ClientAuth.REQUIRED, TlsPolicy.of(ConfigLoader.load(dir, Map.of())).clientAuth());
    }

    @Test
    void serverParametersPreferTheServerOrderAndAskForCertificates() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, null, null);
        SSLParameters p = new TlsPolicy(List.of("TLSv1.3", "TLSv1.2"), TlsPolicy.ClientAuth.REQUIRED)
                .serverParameters(context);
        assertTrue(p.getNeedClientAuth());
        assertTrue(p.getUseCipherSuitesOrder());
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(p.getProtocols()));
        assertEquals("TLS_AES_256_GCM_SHA384", p.getCipherSuites()[0]);
        SSLParameters c = new TlsPolicy(List.of("TLSv1.2"), TlsPolicy.ClientAuth.REQUIRED).clientParameters(context);
        assertEquals(List.of("TLSv1.2"), List.of(c.getProtocols()));
        assertFalse(c.getNeedClientAuth());
    }
}
