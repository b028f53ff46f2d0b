// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.testing;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real Keycloak for integration tests: the {@code org.keycloak:keycloak-quarkus-dist} distribution
 * (unpacked by Maven under {@code target/keycloak}, or from {@code ~/.m2} when run from an IDE), started
 * once per test JVM on loopback ports with {@code start-dev --db=dev-mem} and the realm of
 * {@code docker/keycloak/pacs-realm.json} merged with the test users of
 * {@code pacs-realm-test-users.json}. Ready when {@code /health/ready} on the management port answers
 * (bounded wait); stopped at the end of the run by PID: the JVMs started under {@code kc.sh}, then the
 * script itself.
 *
 * <pre>{@code
 * @ExtendWith(KeycloakServer.class)
 * class FooIT {
 *     @Test void x(KeycloakServer.Running kc) { String token = kc.passwordGrant("pacs", "dr-smith").accessToken(); }
 * }
 * }</pre>
 */
public final class KeycloakServer implements BeforeAllCallback, ParameterResolver {

    public static final String REALM = "pacs";
    public static final String CLIENT = "pacs";
    static final Duration STARTUP = Duration.ofSeconds(240);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KeycloakServer.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Running.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return running(extension);
    }

    private static Running running(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, k -> start(), Running.class);
    }

    /** The test passwords of the realm's users (docker/keycloak/pacs-realm-test-users.json). */
    public static String passwordOf(String user) {
        return user + "-test-only";
    }

    private static Running start() {
        try {
            Path home = home();
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            try (var old = Files.list(importDir)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            Map<String, Object> realm = mergedRealm();
            String clientSecret = secretOf(realm);
            Files.writeString(importDir.resolve("pacs-realm.json"), JSONObjectUtils.toJSONString(realm));
            int port = freePort();
            int management = freePort();
            String adminPassword = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
            Path log = Path.of("target").toAbsolutePath().resolve("keycloak-" + port + ".log");
            ProcessBuilder pb = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + management,
                    "--health-enabled=true", "--import-realm", "--db=dev-mem",
                    "--hostname=http://127.0.0.1:" + port)
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = pb.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            Process process = pb.start();
            Running kc = new Running(process, port, management, adminPassword, clientSecret, log);
            kc.awaitReady();
            return kc;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keycloak's home: unpacked by Maven (keycloak.home), else unpacked here from the local repository. */
    private static Path home() throws IOException {
        String configured = System.getProperty("keycloak.home");
        if (configured != null && Files.isRegularFile(Path.of(configured, "bin/kc.sh"))) {
            return Path.of(configured);
        }
        String version = System.getProperty("keycloak.version", "26.7.3");
        Path zip = Path.of(System.getProperty("user.home"), ".m2/repository/org/keycloak/keycloak-quarkus-dist",
                version, "keycloak-quarkus-dist-" + version + ".zip");
        if (!Files.isRegularFile(zip)) {
            throw new IOException("no Keycloak distribution: run 'mvn verify' (which downloads " + zip + ")");
        }
        Path target = Path.of("target/keycloak").toAbsolutePath();
        Path home = target.resolve("keycloak-" + version);
        if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            unzip(zip, target);
        }
        return home;
    }

    private static void unzip(Path zip, Path into) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                Path out = into.resolve(e.getName()).normalize();
                if (!out.startsWith(into)) {
                    throw new IOException("zip entry outside the target: " + e.getName());
                }
                if (e.isDirectory()) {
                    Files.createDirectories(out);
                } else {
                    Files.createDirectories(out.getParent());
                    Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** The realm file with the test overlay's users and client secrets. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mergedRealm() throws IOException {
        Path realmFile = Path.of(System.getProperty("pacs.realm", "../docker/keycloak/pacs-realm.json"));
        Path usersFile = Path.of(System.getProperty("pacs.realm.testUsers",
                "../docker/keycloak/pacs-realm-test-users.json"));
        try {
            Map<String, Object> realm = JSONObjectUtils.parse(Files.readString(realmFile));
            Map<String, Object> overlay = JSONObjectUtils.parse(Files.readString(usersFile));
            realm.put("users", overlay.get("users"));
            Map<String, Object> secrets = (Map<String, Object>) overlay.get("clientSecrets");
            for (Object c : (List<Object>) realm.get("clients")) {
                Map<String, Object> client = (Map<String, Object>) c;
                Object secret = secrets.get(client.get("clientId"));
                if (secret != null) {
                    client.put("secret", secret);
                }
            }
            return realm;
        } catch (ParseException e) {
            throw new IOException("realm JSON does not parse: " + e.getMessage(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String secretOf(Map<String, Object> realm) {
        for (Object c : (List<Object>) realm.get("clients")) {
            Map<String, Object> client = (Map<String, Object>) c;
            if (CLIENT.equals(client.get("clientId"))) {
                return (String) client.get("secret");
            }
        }
        throw new IllegalStateException("no client " + CLIENT + " in the realm");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A token endpoint answer (RFC 6749 §5.1). */
    public record Tokens(String accessToken, String idToken, String refreshToken) {
    }

    /** The started server; closed (stopped) when the test run ends. */
    public static final class Running implements ExtensionContext.Store.CloseableResource {
        private final Process process;
        private final int port;
        private final int management;
        private final String adminPassword;
        private final String clientSecret;
        private final Path log;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Running(Process process, int port, int management, String adminPassword, String clientSecret, Path log) {
            this.process = process;
            this.port = port;
            this.management = management;
            this.adminPassword = adminPassword;
            this.clientSecret = clientSecret;
            this.log = log;
        }

        public String baseUrl() {
            return "http://127.0.0.1:" + port;
        }

        /** The issuer of the test realm, e.g. {@code http://127.0.0.1:41234/realms/pacs}. */
        public String issuer() {
            return issuer(REALM);
        }

        public String issuer(String realm) {
            return baseUrl() + "/realms/" + realm;
        }

        public URI jwksUrl() {
            return URI.create(issuer() + "/protocol/openid-connect/certs");
        }

        public String clientSecret() {
            return clientSecret;
        }

        /** Resource Owner Password Credentials grant of the confidential client {@code pacs}. */
        public Tokens passwordGrant(String user) throws IOException {
            return token(REALM, Map.of("grant_type", "password", "client_id", CLIENT, "client_secret", clientSecret,
                    "username", user, "password", passwordOf(user), "scope", "openid"));
        }

        /** The password grant of another client of the realm (e.g. the public {@code admin-cli}). */
        public Tokens passwordGrant(String publicClient, String user) throws IOException {
            return token(REALM, Map.of("grant_type", "password", "client_id", publicClient, "username", user,
                    "password", passwordOf(user)));
        }

        /** Client Credentials grant of {@code pacs} (its service account). */
        public Tokens clientCredentials() throws IOException {
            return token(REALM, Map.of("grant_type", "client_credentials", "client_id", CLIENT, "client_secret",
                    clientSecret));
        }

        /** An access token of the master realm's admin. */
        public String adminToken() throws IOException {
            return token("master", Map.of("grant_type", "password", "client_id", "admin-cli", "username", "admin",
                    "password", adminPassword)).accessToken();
        }

        /**
         * Adds a generated RSA signing key to the realm with {@code priority} (the highest signs new tokens),
         * through the admin REST API, as an operator rotating keys would.
         */
        public void addRsaSigningKey(String name, int priority) throws IOException {
            String admin = adminToken();
            Map<String, Object> realm = json(send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/"
                    + REALM)).header("Authorization", "Bearer " + admin).GET(), 200));
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("priority", List.of(Integer.toString(priority)));
            config.put("enabled", List.of("true"));
            config.put("active", List.of("true"));
            config.put("algorithm", List.of("RS256"));
            config.put("keySize", List.of("2048"));
            Map<String, Object> component = new LinkedHashMap<>();
            component.put("name", name);
            component.put("providerId", "rsa-generated");
            component.put("providerType", "org.keycloak.keys.KeyProvider");
            component.put("parentId", realm.get("id"));
            component.put("config", config);
            send(HttpRequest.newBuilder(URI.create(baseUrl() + "/admin/realms/" + REALM + "/components"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSONObjectUtils.toJSONString(component))), 201);
        }

        private Tokens token(String realm, Map<String, String> form) throws IOException {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            Map<String, Object> answer = json(send(HttpRequest.newBuilder(URI.create(issuer(realm)
                    + "/protocol/openid-connect/token")).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)), 200));
            return new Tokens((String) answer.get("access_token"), (String) answer.get("id_token"),
                    (String) answer.get("refresh_token"));
        }

        private String send(HttpRequest.Builder request, int expected) throws IOException {
            try {
                HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(20)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != expected) {
                    throw new IOException(r.request().uri() + " answered " + r.statusCode() + ": " + r.body());
                }
                return r.body();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        private static Map<String, Object> json(String body) throws IOException {
            try {
                return JSONObjectUtils.parse(body);
            } catch (ParseException e) {
                throw new IOException("not JSON: " + e.getMessage(), e);
            }
        }

        void awaitReady() throws IOException {
            Instant deadline = Instant.now().plus(STARTUP);
            URI ready = URI.create("http://127.0.0.1:" + management + "/health/ready");
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IOException("Keycloak exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                try {
                    Thread.sleep(500); // polling a readiness endpoint, bounded by the deadline
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            close();
            throw new IOException("Keycloak not ready within " + STARTUP.toSeconds() + " s:\n" + tail());
        }

        private String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }

        /** Stops the processes this harness started, by PID: the JVM under kc.sh first, then kc.sh. */
        @Override
        public void close() {
            List<ProcessHandle> ours = new ArrayList<>(process.toHandle().descendants().toList());
            ours.add(process.toHandle());
            for (ProcessHandle p : ours) {
                p.destroy();
            }
            for (ProcessHandle p : ours) {
                try {
                    p.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    p.destroyForcibly();
                }
            }
        }
    }
}
