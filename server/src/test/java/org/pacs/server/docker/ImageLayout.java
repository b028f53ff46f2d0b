// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.docker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The image's file layout rebuilt under a temporary root, for running {@code docker/entrypoint.sh}
 * outside Docker: {@code opt/pacs} (the image's {@code pacs} launcher, the packaged jar and its
 * {@code lib/}), {@code var/lib/pacs} (the data volume, owned by the image's user), {@code run/secrets}
 * (the KEK secret as a Docker secret file) and {@code tmp} (the tmpfs). The image's user is uid 10001;
 * when the tests run as root, processes are started as that user with {@code setpriv}.
 */
final class ImageLayout {
    static final int IMAGE_UID = 10001;

    final Path root;
    final Path home;
    final Path data;
    final Path secrets;
    final Path tmp;
    final int dicomTlsPort;
    final int httpsPort;

    private ImageLayout(Path root) throws IOException {
        this.root = root;
        this.home = root.resolve("opt/pacs");
        this.data = root.resolve("var/lib/pacs");
        this.secrets = root.resolve("run/secrets");
        this.tmp = root.resolve("tmp");
        this.dicomTlsPort = freePort();
        this.httpsPort = freePort();
    }

    /** Lays out the image under {@code root}, as the Dockerfile does. */
    static ImageLayout create(Path root) throws IOException {
        ImageLayout l = new ImageLayout(root);
        // The layout's root must let the image's user through, as / does in the image (JUnit makes it 0700).
        Files.createDirectories(root);
        chmod(root, "rwxr-xr-x");
        Files.createDirectories(l.home);
        Path target = serverTarget();
        Files.copy(repository().resolve("docker/pacs.sh"), l.home.resolve("pacs"));
        Files.copy(repository().resolve("docker/entrypoint.sh"), l.home.resolve("entrypoint.sh"));
        chmod(l.home.resolve("pacs"), "r-xr-xr-x");
        chmod(l.home.resolve("entrypoint.sh"), "r-xr-xr-x");
        // The jar finds lib/ beside itself (its manifest's Class-Path). Copies (or hard links), not symbolic
        // links: the checkout may lie where the image's user cannot go (e.g. under /root).
        linkOrCopy(target.resolve("pacs-server.jar"), l.home.resolve("pacs-server.jar"));
        Files.createDirectories(l.home.resolve("lib"));
        try (java.util.stream.Stream<Path> jars = Files.list(target.resolve("lib"))) {
            for (Path jar : jars.toList()) {
                linkOrCopy(jar, l.home.resolve("lib").resolve(jar.getFileName()));
            }
        }
        Files.createDirectories(l.data);
        chmod(l.data, "rwx------");
        Files.createDirectories(l.secrets);
        Files.createDirectories(l.tmp);
        chmod(l.tmp, "rwxrwxrwx"); // a tmpfs is 1777; the sticky bit cannot be set here
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        Files.writeString(l.secrets.resolve("pacs_kek_secret"), HexFormat.of().formatHex(secret) + "\n");
        chmod(l.secrets.resolve("pacs_kek_secret"), "r--r--r--");
        if (runningAsRoot()) {
            chown(l.data, IMAGE_UID);
        }
        return l;
    }

    /** The container's environment (the Dockerfile's ENV and compose's), without the entrypoint's additions. */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", "/nonexistent");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PACS_HOME", home.toString());
        env.put("PACS_DATA", data.toString());
        env.put("PACS_SECRETS_DIR", secrets.toString());
        env.put("TMPDIR", tmp.toString());
        env.put("PACS_SERVER_BIND_ADDRESS", "127.0.0.1");
        env.put("PACS_SERVER_HOSTNAMES", "localhost,127.0.0.1");
        env.put("PACS_SERVER_DICOM_TLS_PORT", Integer.toString(dicomTlsPort));
        env.put("PACS_SERVER_HTTPS_PORT", Integer.toString(httpsPort));
        return env;
    }

    /** A process running {@code command} as the image's user (or as this user when not root). */
    ProcessBuilder asImageUser(List<String> command, Map<String, String> env, Path log) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + IMAGE_UID, "--regid=" + IMAGE_UID, "--clear-groups", "--"));
        }
        full.addAll(command);
        return process(full, env, log);
    }

    static ProcessBuilder process(List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        b.environment().clear();
        b.environment().putAll(env);
        return b;
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from);
        } catch (IOException | UnsupportedOperationException otherFileSystem) {
            Files.copy(from, to);
        }
        chmod(to, "rw-r--r--");
    }

    static void chmod(Path p, String perms) throws IOException {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
    }

    static void chown(Path p, int uid) throws IOException {
        Files.setAttribute(p, "unix:uid", uid);
        Files.setAttribute(p, "unix:gid", uid);
    }

    /** The repository's root: {@code server/target/test-classes} is three levels down. */
    static Path repository() {
        return serverTarget().getParent().getParent();
    }

    /** {@code server/target}, holding the packaged jar and lib/ (failsafe runs after package). */
    static Path serverTarget() {
        try {
            Path testClasses = Path.of(ImageLayout.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = testClasses.getParent();
            if (!Files.isRegularFile(target.resolve("pacs-server.jar")) || !Files.isDirectory(target.resolve("lib"))) {
                throw new IllegalStateException(target + "/pacs-server.jar or lib/ is missing: run the ITs with"
                        + " 'mvn verify' (the jar is built in the package phase)");
            }
            return target;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }
}
