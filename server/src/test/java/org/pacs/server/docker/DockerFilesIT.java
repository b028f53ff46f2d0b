// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The files in {@code docker/} without a Docker engine: {@code compose.yaml} as Debian's
 * {@code docker-compose config} resolves it, the Dockerfile's facts (non-root user, only the DICOM-TLS
 * and HTTPS ports, a health check, no secret in ENV or ARG), and the Dockerfile through the
 * {@code dockerfile-utils} linter (npm) when it is installed.
 */
class DockerFilesIT {
    private static final Path DOCKER = ImageLayout.repository().resolve("docker");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(secret|password|passwd|token|kek|key|credential).*");

    @Nested
    class Compose {
        static Map<String, Object> config;

        @BeforeAll
        static void resolve(@TempDir Path temp) throws Exception {
            Run run = Run.of(temp, List.of("docker-compose", "-f", DOCKER.resolve("compose.yaml").toString(), "config"));
            assumeTrue(run != null, "docker-compose is not installed (Debian: apt-get install docker-compose);"
                    + " the compose file was not validated");
            assertEquals(0, run.exitCode, "docker-compose config rejects compose.yaml:\n" + run.output);
            config = new Yaml().load(run.output);
        }

        @Test
        void publishesOnlyDicomTlsAndHttps() {
            assertEquals(List.of("2762", "8443"), published("pacs").stream().map(Compose::hostPort).toList());
        }

        @Test
        void bindsKeycloakToLoopbackOnly() {
            List<String> ports = published("keycloak");
            assertFalse(ports.isEmpty());
            ports.forEach(p -> assertTrue(p.startsWith("127.0.0.1:"), "Keycloak published beyond loopback: " + p));
            assertEquals(List.of(), published("postgres"), "PostgreSQL publishes no port");
        }

        @Test
        void runsTheArchiveAsTheImageUserOnAReadOnlyRoot() {
            Map<String, Object> pacs = service("pacs");
            assertEquals("10001:10001", pacs.get("user"));
            assertEquals(true, pacs.get("read_only"));
            assertTrue(String.valueOf(pacs.get("tmpfs")).contains("/tmp"), "a tmpfs for /tmp");
            assertEquals(List.of("ALL"), pacs.get("cap_drop"));
            assertTrue(String.valueOf(pacs.get("volumes")).contains("/var/lib/pacs"), "the data volume");
            assertTrue(String.valueOf(pacs.get("healthcheck")).contains("status, --quiet"), "the health check");
        }

        @Test
        void givesSecretsAsFilesNeverInTheEnvironment() {
            Map<String, Object> pacs = service("pacs");
            assertTrue(String.valueOf(pacs.get("secrets")).contains("pacs_kek_secret"), "the KEK secret is a Docker secret");
            for (String name : List.of("pacs", "keycloak", "postgres")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> env = (Map<String, Object>) service(name).getOrDefault("environment", Map.of());
                env.forEach((k, v) -> {
                    if (SECRET_NAME.matcher(k).matches() && !k.endsWith("_FILE") && !k.endsWith("_USERNAME")) {
                        throw new AssertionError(name + " has a secret in its environment: " + k + "=" + v);
                    }
                });
            }
        }

        @Test
        void importsThePacsRealmIntoKeycloak() {
            Map<String, Object> kc = service("keycloak");
            assertTrue(String.valueOf(kc.get("image")).startsWith("quay.io/keycloak/keycloak:26."), kc.get("image").toString());
            assertTrue(String.valueOf(kc.get("command")).contains("start --import-realm"), kc.get("command").toString());
            assertTrue(String.valueOf(kc.get("volumes")).contains(DOCKER.resolve("keycloak/pacs-realm.json")
                    + ":/opt/keycloak/data/import/pacs-realm.json:ro"), kc.get("volumes").toString());
        }

        @Test
        void mountsOnlyTheRealmNotItsTestUsers() throws IOException {
            Path realm = DOCKER.resolve("keycloak/pacs-realm.json");
            assertTrue(Files.isRegularFile(realm), realm + " is missing");
            @SuppressWarnings("unchecked")
            Map<String, Object> json = (Map<String, Object>) new Yaml().load(Files.readString(realm));
            assertEquals("pacs", json.get("realm"));
            assertFalse(String.valueOf(service("keycloak").get("volumes")).contains("test-users"),
                    "the tests-only users are not imported");
        }

        @Test
        void keepsPostgresInAnOptionalProfileOnAnInternalNetwork() {
            assertEquals(List.of("postgres"), service("postgres").get("profiles"));
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> networks = (Map<String, Map<String, Object>>) config.get("networks");
            assertEquals(true, networks.get("catalog").get("internal"));
        }

        @SuppressWarnings("unchecked")
        private static Map<String, Object> service(String name) {
            return ((Map<String, Map<String, Object>>) config.get("services")).get(name);
        }

        @SuppressWarnings("unchecked")
        private static List<String> published(String name) {
            // docker-compose writes "127.0.0.1:8081:8080/tcp" or {published: 2762, target: 2762}.
            return ((List<Object>) service(name).getOrDefault("ports", List.of())).stream()
                    .map(p -> p instanceof Map<?, ?> m ? (m.containsKey("host_ip") ? m.get("host_ip") + ":" : "")
                            + m.get("published") + ":" + m.get("target") : String.valueOf(p))
                    .toList();
        }

        /** "2762:2762/tcp" → "2762" (the host side). */
        private static String hostPort(String mapping) {
            String[] parts = mapping.split(":");
            return parts[parts.length - 2];
        }
    }

    @Nested
    class Dockerfile {
        private final List<String> instructions = instructions(DOCKER.resolve("Dockerfile"));
        private final List<String> runtime = instructions.subList(lastIndexOf("FROM "), instructions.size());

        @Test
        void buildsInOneStageAndRunsOnAJre() {
            assertTrue(instructions.getFirst().matches("FROM maven:\\S+-eclipse-temurin-\\d+ AS build"), instructions.getFirst());
            assertTrue(runtime.getFirst().matches("FROM eclipse-temurin:\\d+-jre"), runtime.getFirst());
        }

        @Test
        void runsAsAFixedNonRootUser() {
            List<String> users = runtime.stream().filter(i -> i.startsWith("USER ")).toList();
            assertEquals(List.of("USER 10001:10001"), users);
        }

        @Test
        void exposesOnlyDicomTlsAndHttps() {
            assertEquals(List.of("EXPOSE 2762 8443"), instructions.stream().filter(i -> i.startsWith("EXPOSE ")).toList());
        }

        @Test
        void checksHealthWithPacsStatus() {
            assertTrue(runtime.stream().anyMatch(i -> i.startsWith("HEALTHCHECK ")
                    && i.contains("\"/opt/pacs/pacs\", \"status\", \"--quiet\"")), "HEALTHCHECK ./pacs status --quiet");
            assertTrue(runtime.contains("VOLUME [\"/var/lib/pacs\"]"));
        }

        @Test
        void holdsNoSecretInEnvOrArg() {
            for (String i : instructions) {
                if (i.startsWith("ENV ") || i.startsWith("ARG ")) {
                    for (String word : i.substring(4).split("\\s+")) {
                        String name = word.split("=", 2)[0];
                        assertFalse(SECRET_NAME.matcher(name).matches(), "a secret-like name in " + i);
                    }
                }
            }
        }

        @Test
        void keepsSecretsAndDataOutOfTheBuildContext() throws IOException {
            List<String> ignored = Files.readAllLines(ImageLayout.repository().resolve(".dockerignore"));
            for (String must : List.of(".git", "**/target", "pacs-data", "*.kek-secret", "docker/secrets", "docker/.env")) {
                assertTrue(ignored.contains(must), ".dockerignore lacks " + must);
            }
        }

        @Test
        void passesTheDockerfileLinter(@TempDir Path temp) throws Exception {
            Run run = Run.of(temp, List.of("dockerfile-utils", "lint", DOCKER.resolve("Dockerfile").toString()));
            assumeTrue(run != null, "dockerfile-utils is not installed (npm install -g dockerfile-utils)");
            assertEquals(0, run.exitCode, run.output);
            assertEquals("", run.output.strip());
        }

        private int lastIndexOf(String prefix) {
            for (int i = instructions.size() - 1; i >= 0; i--) {
                if (instructions.get(i).startsWith(prefix)) {
                    return i;
                }
            }
            throw new AssertionError("no " + prefix);
        }
    }

    @Test
    void entrypointAndLauncherAreExecutablePosixShell() throws IOException {
        for (String name : List.of("entrypoint.sh", "pacs.sh")) {
            Path script = DOCKER.resolve(name);
            assertTrue(Files.isExecutable(script), name);
            assertEquals("#!/bin/sh", Files.readAllLines(script).getFirst(), name + " runs with the image's /bin/sh");
            assertNotEquals(-1, Files.readString(script).indexOf("exec "), name + " execs (signals reach the JVM)");
        }
    }

    /** The Dockerfile's instructions, continuation lines joined, comments and blank lines dropped. */
    static List<String> instructions(Path dockerfile) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        try {
            for (String line : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
                String t = line.strip();
                if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) {
                    continue;
                }
                boolean continues = t.endsWith("\\");
                current.append(current.isEmpty() ? "" : " ").append(continues ? t.substring(0, t.length() - 1).strip() : t);
                if (!continues) {
                    String s = current.toString();
                    int space = s.indexOf(' ');
                    result.add(space < 0 ? s.toUpperCase(Locale.ROOT)
                            : s.substring(0, space).toUpperCase(Locale.ROOT) + s.substring(space));
                    current.setLength(0);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return result;
    }

    /** A tool's exit code and output; null when the tool is not installed. */
    private record Run(int exitCode, String output) {
        static Run of(Path temp, List<String> command) throws Exception {
            Path log = Files.createTempFile(temp, "tool", ".log");
            Process p;
            try {
                p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            } catch (IOException notInstalled) {
                return null;
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("still running after 60 s: " + command);
            }
            return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        }
    }
}
