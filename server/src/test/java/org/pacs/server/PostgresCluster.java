// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL cluster for tests, from Debian's {@code postgresql} package: its own directory,
 * a free port on 127.0.0.1, password (SCRAM) authentication over TCP, optionally TLS with a test CA.
 * As root, the server runs as Debian's {@code postgres} user (initdb refuses root). Stopped by its PID.
 */
public final class PostgresCluster implements AutoCloseable {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final String SUPERUSER = "test";

    private final Path dir;
    private final Path bin;
    private final boolean asPostgres;
    private final int port;
    private final String superPassword;
    private final Path caCert;
    private Thread shutdownHook;
    private long pid = -1;

    private PostgresCluster(Path dir, Path bin, boolean asPostgres, int port, String superPassword, Path caCert) {
        this.dir = dir;
        this.bin = bin;
        this.asPostgres = asPostgres;
        this.port = port;
        this.superPassword = superPassword;
        this.caCert = caCert;
    }

    /**
     * Starts a cluster. With {@code tls}, the server has a certificate for 127.0.0.1 and localhost issued
     * by a CA of its own ({@link #caCert()}), and database {@code tlsonly} accepts TLS connections only.
     */
    public static PostgresCluster start(boolean tls) throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("pacs-pg-");
        String password = randomSecret();
        Path pwFile = dir.resolve("pw");
        Files.writeString(pwFile, password + "\n", StandardCharsets.US_ASCII);
        Path ca = null;
        if (tls) {
            ca = certificates(dir);
        }
        if (root) {
            run(List.of("chown", "-R", "postgres:postgres", dir.toString()));
        }
        int port = freePort();
        PostgresCluster cluster = new PostgresCluster(dir, bin, root, port, password, ca);
        try {
            cluster.initdb(pwFile, tls);
            cluster.startServer();
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    private static Path binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                var found = versions.filter(v -> Files.isExecutable(v.resolve("bin/initdb")))
                        .max(Comparator.comparingInt(v -> version(v.getFileName().toString())));
                if (found.isPresent()) {
                    return found.get().resolve("bin");
                }
            } catch (IOException e) {
                // fall through to the message below
            }
        }
        throw new IllegalStateException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb):"
                + " install Debian's package 'postgresql' (apt-get install postgresql);"
                + " scripts/test.sh installs it when run as root");
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void initdb(Path pwFile, boolean tls) throws IOException, InterruptedException {
        asServerUser(List.of(bin.resolve("initdb").toString(), "-D", data().toString(), "-U", SUPERUSER,
                "--pwfile=" + pwFile, "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8",
                "--no-locale", "--no-sync"));
        if (tls) {
            // pg_hba.conf is read top down: TLS only for database tlsonly, the rest as initdb wrote it.
            Path hba = data().resolve("pg_hba.conf");
            String rules = "hostssl tlsonly all 127.0.0.1/32 scram-sha-256\n"
                    + "hostnossl tlsonly all 127.0.0.1/32 reject\n";
            Files.writeString(hba, rules + Files.readString(hba, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
    }

    private void startServer() throws IOException, InterruptedException {
        StringBuilder options = new StringBuilder("-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir
                + " -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=100");
        if (caCert != null) {
            options.append(" -c ssl=on -c ssl_cert_file=").append(dir.resolve("server.crt"))
                    .append(" -c ssl_key_file=").append(dir.resolve("server.key"));
        }
        asServerUser(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l",
                dir.resolve("server.log").toString(), "-w", "-t", "30", "-o", options.toString(), "start"));
        pid = Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid")).get(0).strip());
        long started = pid;
        // If the test JVM ends without close(), the server must not outlive it.
        shutdownHook = new Thread(() -> ProcessHandle.of(started).ifPresent(ProcessHandle::destroyForcibly));
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A test CA and a server certificate for 127.0.0.1 and localhost (EC P-256, one day), with openssl. */
    private static Path certificates(Path dir) throws IOException, InterruptedException {
        String ca = dir.resolve("ca.crt").toString();
        String caKey = dir.resolve("ca.key").toString();
        String key = dir.resolve("server.key").toString();
        String csr = dir.resolve("server.csr").toString();
        Path ext = dir.resolve("server.ext");
        Files.writeString(ext, "subjectAltName=IP:127.0.0.1,DNS:localhost\n", StandardCharsets.US_ASCII);
        run(List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", caKey, "-out", ca, "-days", "1", "-subj", "/CN=pacs test database CA"));
        run(List.of("openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", key, "-out", csr, "-subj", "/CN=localhost"));
        run(List.of("openssl", "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", caKey, "-CAcreateserial",
                "-out", dir.resolve("server.crt").toString(), "-days", "1", "-extfile", ext.toString()));
        Files.setPosixFilePermissions(Path.of(key), PosixFilePermissions.fromString("rw-------"));
        return Path.of(ca);
    }

    private Path data() {
        return dir.resolve("data");
    }

    public int port() {
        return port;
    }

    /** The test CA's certificate (PEM), or null without TLS. */
    public Path caCert() {
        return caCert;
    }

    /** A new database owned by a new login role; {@code name} is also the role's name. */
    public Database createDatabase(String name) throws SQLException {
        String password = randomSecret();
        try (Connection c = superuser(); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE \"" + name + "\" LOGIN PASSWORD '" + password + "'");
            st.execute("CREATE DATABASE \"" + name + "\" OWNER \"" + name + "\"");
        }
        return new Database(name, name, password);
    }

    /** Creates database {@code tlsonly} (reachable over TLS only) owned by a new role of that name. */
    public Database createTlsOnlyDatabase() throws SQLException {
        return createDatabase("tlsonly");
    }

    /** The number a query answers, asked as the superuser in {@code database}. */
    public long count(String database, String sql) throws SQLException {
        try (Connection c = connect(database, SUPERUSER, superPassword); Statement st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Connection superuser() throws SQLException {
        return connect("postgres", SUPERUSER, superPassword);
    }

    private Connection connect(String database, String user, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        // The test's own connections: encrypted when the server has TLS (database tlsonly needs it).
        p.setProperty("sslmode", caCert != null ? "require" : "disable");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    /** A database and the role that owns it. */
    public record Database(String name, String user, String password) {
    }

    @Override
    public void close() {
        try {
            if (pid > 0) {
                stop();
            }
        } finally {
            if (shutdownHook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: the hook does the work
                }
            }
            deleteTree(dir);
        }
    }

    /** Fast shutdown (SIGINT to the postmaster's PID), bounded; then forcibly. */
    private void stop() {
        ProcessHandle.of(pid).ifPresent(server -> {
            try {
                run(List.of("kill", "-INT", Long.toString(pid)));
                server.onExit().get(20, TimeUnit.SECONDS);
            } catch (Exception e) {
                server.destroyForcibly();
                try {
                    server.onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception ignored) {
                    // reported by the leftover process, nothing more to do here
                }
            }
        });
        pid = -1;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory left behind is not a test failure
        }
    }

    private void asServerUser(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        run(full);
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        // Output to a file, not a pipe: the server pg_ctl starts must not hold our end open.
        Path out = Files.createTempFile("pacs-pg-tool-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            if (!p.waitFor(TOOL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish within " + TOOL_TIMEOUT);
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): "
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String randomSecret() {
        byte[] b = new byte[18];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
