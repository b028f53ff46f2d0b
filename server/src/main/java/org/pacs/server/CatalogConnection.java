// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Logger;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.CatalogSecrets;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigException;
import org.pacs.conf.Settings;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * Where the catalog lives, from the configuration: the embedded encrypted H2 database when
 * {@code catalog.url} is empty, otherwise PostgreSQL through a connection pool. Patient data leaves
 * this host only over TLS that verifies the database server ({@code sslmode=verify-full}, the default
 * here, or {@code verify-ca}); any weaker mode to a host other than loopback is refused unless
 * {@code catalog.allowPlaintext} says otherwise.
 *
 * <pre>{@code
 * Catalog catalog = Catalog.open(CatalogConnection.builder(config, () -> secrets, resources::push).build());
 * }</pre>
 */
final class CatalogConnection {
    private static final Logger LOG = Logger.getLogger(CatalogConnection.class.getName());
    private static final String POSTGRESQL = "jdbc:postgresql:";
    private static final Set<String> SSL_MODES =
            Set.of("disable", "allow", "prefer", "require", "verify-ca", "verify-full");
    private static final Set<String> VERIFYING_MODES = Set.of("verify-ca", "verify-full");
    // The driver's own factory reads sslrootcert; the JDK's verifies against the JVM's trust store.
    private static final Set<String> VERIFYING_FACTORIES =
            Set.of("org.postgresql.ssl.LibPQFactory", "org.postgresql.ssl.DefaultJavaSSLFactory");
    private static final int POOL_SIZE = 16;

    /** The H2 passwords, read (or generated) only when the embedded database is used. */
    @FunctionalInterface
    interface SecretsSource {
        CatalogSecrets get() throws IOException;
    }

    private CatalogConnection() {
    }

    /**
     * The catalog's configuration, to be completed (progress, threads) and built by the caller. For
     * PostgreSQL the pool is opened here (so a wrong URL, password or certificate fails at once) and
     * handed to {@code closeLater}, to be closed after the catalog.
     *
     * @throws ConfigException if {@code catalog.url} is not a PostgreSQL URL or breaks the transport rules
     */
    static CatalogConfig.Builder builder(Config config, SecretsSource h2Secrets, Consumer<AutoCloseable> closeLater)
            throws IOException {
        String url = config.string(Settings.CATALOG_URL).strip();
        if (url.isEmpty()) {
            return CatalogConfig.h2(config.dataDir(), h2Secrets.get());
        }
        Properties driver = driverProperties(config);
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("pacs-catalog");
        pool.setDriverClassName(Driver.class.getName());
        pool.setJdbcUrl(url);
        String user = config.string(Settings.CATALOG_USER);
        if (!user.isEmpty()) {
            pool.setUsername(user);
        }
        String password = config.string(Settings.CATALOG_PASSWORD);
        if (!password.isEmpty()) {
            pool.setPassword(password);
        }
        pool.setDataSourceProperties(driver);
        pool.setMaximumPoolSize(POOL_SIZE);
        HikariDataSource dataSource = new HikariDataSource(pool);
        closeLater.accept(dataSource);
        return CatalogConfig.dataSource(dataSource);
    }

    /**
     * The driver properties added to {@code catalog.url}: {@code sslmode=verify-full} when the URL names
     * none and a host is not loopback, and {@code sslrootcert} from {@code catalog.sslRootCert}.
     *
     * @throws ConfigException when the URL or the transport it asks for is refused
     */
    static Properties driverProperties(Config config) {
        String url = config.string(Settings.CATALOG_URL).strip();
        Properties parsed = url.startsWith(POSTGRESQL) ? Driver.parseURL(url, new Properties()) : null;
        if (parsed == null) {
            throw new ConfigException(Settings.CATALOG_URL.key(), "is not a PostgreSQL JDBC URL",
                    "use jdbc:postgresql://host:5432/database, or leave it empty for the embedded encrypted"
                            + " database");
        }
        if (param(parsed, PGProperty.PASSWORD) != null) {
            // The URL is shown by './pacs config show' and audited when it changes: no secret belongs there.
            throw new ConfigException(Settings.CATALOG_URL.key(), "carries a password",
                    "remove it from the URL and set catalog.password (or PACS_CATALOG_PASSWORD_FILE)");
        }
        Properties added = new Properties();
        List<String> remote = remoteHosts(param(parsed, PGProperty.PG_HOST));
        String sslMode = sslMode(parsed);
        if (sslMode == null && !remote.isEmpty()) {
            sslMode = "verify-full";
            added.setProperty(PGProperty.SSL_MODE.getName(), sslMode);
        }
        Path rootCert = config.path(Settings.CATALOG_SSL_ROOT_CERT);
        if (rootCert != null) {
            if (param(parsed, PGProperty.SSL_ROOT_CERT) != null) {
                throw new ConfigException(Settings.CATALOG_SSL_ROOT_CERT.key(),
                        "is set while catalog.url names sslrootcert too", "name the CA file in one place");
            }
            if (!Files.isReadable(rootCert)) {
                throw new ConfigException(Settings.CATALOG_SSL_ROOT_CERT.key(), "names " + rootCert
                        + ", which cannot be read", "point it at the PEM file of the database server's CA");
            }
            added.setProperty(PGProperty.SSL_ROOT_CERT.getName(), rootCert.toAbsolutePath().toString());
        }
        if (!remote.isEmpty()) {
            boolean verified = sslMode != null && VERIFYING_MODES.contains(sslMode) && verifyingFactory(parsed)
                    && param(parsed, PGProperty.SSL_HOSTNAME_VERIFIER) == null;
            if (!verified && !config.bool(Settings.CATALOG_ALLOW_PLAINTEXT)) {
                throw new ConfigException(Settings.CATALOG_URL.key(), "reaches " + String.join(", ", remote)
                        + " without TLS that verifies the server (sslmode=" + sslMode + ")",
                        "use sslmode=verify-full with catalog.sslRootCert naming the database server's CA, or,"
                                + " only on a network you trust, set catalog.allowPlaintext to true");
            }
            if (!verified) {
                LOG.warning("catalog: connecting to " + String.join(", ", remote)
                        + " without verified TLS, as catalog.allowPlaintext allows");
            }
        }
        return added;
    }

    /** The effective sslmode the URL asks for, the driver's way ({@code ssl=true} alone means verify-full). */
    private static String sslMode(Properties parsed) {
        String mode = param(parsed, PGProperty.SSL_MODE);
        if (mode != null) {
            mode = mode.toLowerCase(Locale.ROOT);
            if (!SSL_MODES.contains(mode)) {
                throw new ConfigException(Settings.CATALOG_URL.key(), "names sslmode=" + mode,
                        "use sslmode=verify-full (or one of " + String.join(", ", SSL_MODES.stream().sorted().toList())
                                + ")");
            }
            return mode;
        }
        String ssl = param(parsed, PGProperty.SSL);
        return ssl != null && (ssl.isEmpty() || Boolean.parseBoolean(ssl)) ? "verify-full" : null;
    }

    /** A parameter as the URL gives it, or null (not the driver's default). */
    private static String param(Properties parsed, PGProperty property) {
        return parsed.getProperty(property.getName());
    }

    private static boolean verifyingFactory(Properties parsed) {
        String factory = param(parsed, PGProperty.SSL_FACTORY);
        return factory == null || VERIFYING_FACTORIES.contains(factory);
    }

    /** The hosts of a comma-separated list that are not loopback. */
    private static List<String> remoteHosts(String hosts) {
        List<String> remote = new ArrayList<>();
        if (hosts == null) {
            return remote;
        }
        for (String host : hosts.split(",")) {
            if (!isLoopback(host.strip())) {
                remote.add(host.strip());
            }
        }
        return remote;
    }

    /**
     * Loopback by its literal form only: a name other than {@code localhost} is not resolved here, so
     * the DNS cannot talk the archive out of TLS.
     */
    static boolean isLoopback(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.isEmpty() || h.equalsIgnoreCase("localhost")) { // no host: the driver's default, localhost
            return true;
        }
        if (!h.matches("[0-9.]+") && !(h.contains(":") && h.matches("[0-9A-Fa-f:.]+"))) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
