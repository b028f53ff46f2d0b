// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.CatalogSecrets;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigException;
import org.pacs.conf.ConfigLoader;

class CatalogConnectionTest {
    @TempDir
    Path dir;

    private Config config(String url, String... more) {
        Map<String, String> env = new HashMap<>();
        env.put("PACS_CATALOG_URL", url);
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return ConfigLoader.load(dir, env);
    }

    private Properties added(String url, String... more) {
        return CatalogConnection.driverProperties(config(url, more));
    }

    private ConfigException refused(String url, String... more) {
        return assertThrows(ConfigException.class, () -> added(url, more));
    }

    @Nested
    class Embedded {
        @Test
        void anEmptyUrlOpensTheEncryptedH2DatabaseWithTheGivenSecrets() throws Exception {
            CatalogSecrets secrets = CatalogSecrets.generate(new SecureRandom());
            List<AutoCloseable> pools = new ArrayList<>();

            CatalogConfig c = CatalogConnection.builder(config(""), () -> secrets, pools::add).build();

            assertEquals(dir, c.dataDir());
            assertNull(c.dataSource());
            assertTrue(pools.isEmpty());
        }
    }

    @Nested
    class RemoteHosts {
        @Test
        void getVerifyFullWhenTheUrlNamesNoSslMode() {
            assertEquals("verify-full", added("jdbc:postgresql://db.example.org:5432/pacs").getProperty("sslmode"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"?sslmode=verify-full", "?sslmode=verify-ca", "?ssl=true", "?sslmode=VERIFY-FULL"})
        void mayUseTlsThatVerifiesTheServer(String query) {
            assertFalse(added("jdbc:postgresql://db.example.org/pacs" + query).containsKey("sslmode"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"?sslmode=disable", "?sslmode=allow", "?sslmode=prefer", "?sslmode=require",
            "?sslmode=verify-full&sslfactory=org.postgresql.ssl.NonValidatingFactory",
            "?sslmode=verify-full&sslhostnameverifier=com.example.AnyName"})
        void areRefusedWithoutTlsThatVerifiesTheServer(String query) {
            ConfigException e = refused("jdbc:postgresql://db.example.org/pacs" + query);

            assertEquals("catalog.url", e.key());
            assertTrue(e.getMessage().contains("db.example.org"), e.getMessage());
            assertTrue(e.getMessage().contains("catalog.allowPlaintext"), e.getMessage());
        }

        @Test
        void areRefusedWhenOneOfSeveralHostsIsNotLoopback() {
            ConfigException e = refused("jdbc:postgresql://127.0.0.1:5432,10.1.2.3:5432/pacs?sslmode=disable");

            assertTrue(e.getMessage().contains("10.1.2.3"), e.getMessage());
            assertFalse(e.getMessage().contains("127.0.0.1"), e.getMessage());
        }

        @Test
        void mayGoWithoutTlsWhenTheOperatorAllowsPlaintext() {
            Properties p = added("jdbc:postgresql://10.1.2.3/pacs?sslmode=disable",
                    "PACS_CATALOG_ALLOW_PLAINTEXT", "true");

            assertTrue(p.isEmpty());
        }

        @Test
        void aNameThatMerelyLooksLocalIsNotLoopback() {
            assertEquals("verify-full", added("jdbc:postgresql://localhost.example.org/pacs").getProperty("sslmode"));
            assertEquals("verify-full", added("jdbc:postgresql://127.0.0.1.example.org/pacs").getProperty("sslmode"));
        }
    }

    @Nested
    class Loopback {
        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "localhost", "LOCALHOST", "[::1]"})
        void mayUseAnySslMode(String host) {
            assertTrue(added("jdbc:postgresql://" + host + ":5432/pacs?sslmode=disable").isEmpty());
            assertTrue(added("jdbc:postgresql://" + host + "/pacs").isEmpty());
        }

        @Test
        void includesTheDriversDefaultHost() {
            assertTrue(added("jdbc:postgresql:pacs").isEmpty());
        }
    }

    @Nested
    class Certificates {
        @Test
        void theConfiguredCaBecomesTheDriversRootCertificate() throws Exception {
            Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n");

            Properties p = added("jdbc:postgresql://db.example.org/pacs", "PACS_CATALOG_SSL_ROOT_CERT", ca.toString());

            assertEquals(ca.toAbsolutePath().toString(), p.getProperty("sslrootcert"));
        }

        @Test
        void anUnreadableCaFileIsNamed() {
            ConfigException e = refused("jdbc:postgresql://db.example.org/pacs", "PACS_CATALOG_SSL_ROOT_CERT",
                    dir.resolve("missing.pem").toString());

            assertEquals("catalog.sslRootCert", e.key());
        }

        @Test
        void theCaIsNamedInOnePlaceOnly() throws Exception {
            Path ca = Files.writeString(dir.resolve("ca.pem"), "x");

            ConfigException e = refused("jdbc:postgresql://db.example.org/pacs?sslrootcert=/etc/ca.pem",
                    "PACS_CATALOG_SSL_ROOT_CERT", ca.toString());

            assertEquals("catalog.sslRootCert", e.key());
        }
    }

    @Nested
    class Urls {
        @ParameterizedTest
        @ValueSource(strings = {"jdbc:h2:tcp://db.example.org/pacs", "postgresql://db.example.org/pacs",
            "jdbc:mysql://db.example.org/pacs"})
        void otherDatabasesAreRefused(String url) {
            ConfigException e = refused(url);

            assertEquals("catalog.url", e.key());
            assertTrue(e.getMessage().contains("not a PostgreSQL JDBC URL"));
        }

        @Test
        void aPasswordInTheUrlIsRefusedWithoutRepeatingIt() {
            ConfigException e = refused("jdbc:postgresql://127.0.0.1/pacs?user=pacs&password=hunter2");

            assertTrue(e.getMessage().contains("catalog.password"), e.getMessage());
            assertFalse(e.getMessage().contains("hunter2"));
        }

        @Test
        void anUnknownSslModeIsNamed() {
            ConfigException e = refused("jdbc:postgresql://127.0.0.1/pacs?sslmode=verify_full");

            assertTrue(e.getMessage().contains("verify_full"), e.getMessage());
        }
    }

    @Test
    void anUnreachableDatabaseFailsTheStartWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Config c = config("jdbc:postgresql://127.0.0.1:" + port + "/pacs?connectTimeout=5",
                "PACS_CATALOG_USER", "pacs", "PACS_CATALOG_PASSWORD", "s3cret-catalog-pw");
        List<AutoCloseable> pools = new ArrayList<>();

        RuntimeException e = assertThrows(RuntimeException.class, () -> CatalogConnection.builder(c, () -> {
            throw new AssertionError("not H2");
        }, pools::add));

        assertTrue(pools.isEmpty());
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertFalse(String.valueOf(t.getMessage()).contains("s3cret-catalog-pw"));
        }
    }

    @Test
    void hostLiteralsAreLoopbackOnlyWhenTheyAre() {
        assertTrue(CatalogConnection.isLoopback("127.0.0.1"));
        assertTrue(CatalogConnection.isLoopback("[::1]"));
        assertFalse(CatalogConnection.isLoopback("10.0.0.1"));
        assertFalse(CatalogConnection.isLoopback("[2001:db8::1]"));
        assertFalse(CatalogConnection.isLoopback("db.internal"));
        assertFalse(CatalogConnection.isLoopback("localhost.example.org"));
    }
}
