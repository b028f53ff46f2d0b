// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.secrets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;
import org.pacs.storage.crypto.KdfParameters;
import org.pacs.storage.crypto.KekSecret;
import org.pacs.storage.crypto.KekSecretException;
import org.pacs.storage.crypto.KekSecretSource;
import org.pacs.storage.crypto.KeyRing;

/**
 * Opens the archive's {@link KeyRing} for a configured data directory with the default secret
 * sources, first that has a secret wins:
 * <ol>
 * <li>the environment variable {@code PACS_KEK_SECRET};</li>
 * <li>the setting {@code storage.kekSecret} when it comes from the environment
 *     ({@code PACS_STORAGE_KEK_SECRET} or {@code PACS_STORAGE_KEK_SECRET_FILE}); refused when it is
 *     written in {@code pacs.yaml}, which lies inside the data directory;</li>
 * <li>the Docker secret {@code /run/secrets/pacs_kek_secret};</li>
 * <li>a file outside the data directory: {@code storage.kekSecretPath} if set, otherwise
 *     {@link #defaultSecretFile} ({@code pacs-data.kek-secret} beside {@code pacs-data}).</li>
 * </ol>
 * At first start, when none has a secret, one is generated and saved to that file (owner-only).
 *
 * <pre>{@code
 * KeyRing.Opened opened = ArchiveKeyRing.open(config);
 * opened.savedTo().ifPresent(where -> out.println("New KEK secret saved to " + where + "; back it up."));
 * }</pre>
 */
public final class ArchiveKeyRing {

    /** Appended to the data directory's name for the default secret file beside it. */
    public static final String SECRET_FILE_SUFFIX = ".kek-secret";

    /** Where Docker, Compose and Kubernetes mount secrets. */
    public static final Path DOCKER_SECRETS = Path.of("/run/secrets");

    private ArchiveKeyRing() {
    }

    /** Opens with this process's environment, {@code /run/secrets} and the recommended Argon2id cost. */
    public static KeyRing.Opened open(Config config) throws IOException {
        return open(config, System.getenv(), DOCKER_SECRETS, KdfParameters.RECOMMENDED);
    }

    public static KeyRing.Opened open(Config config, Map<String, String> env, Path dockerSecrets,
            KdfParameters kdfForNewKeystore) throws IOException {
        return KeyRing.open(config.dataDir(), secretSource(config, env, dockerSecrets), kdfForNewKeystore);
    }

    /** The chain of sources described above. */
    public static KekSecretSource secretSource(Config config, Map<String, String> env, Path dockerSecrets) {
        List<KekSecretSource> sources = new ArrayList<>();
        sources.add(KekSecretSource.environmentVariable(KekSecretSource.DEFAULT_VARIABLE, env::get));
        sources.add(new ConfiguredSecret(config));
        sources.add(KekSecretSource.dockerSecret(dockerSecrets, KekSecretSource.DEFAULT_DOCKER_SECRET));
        Path file = config.path(Settings.KEK_SECRET_FILE);
        sources.add(KekSecretSource.file(file != null ? file : defaultSecretFile(config.dataDir())));
        return KekSecretSource.firstOf(sources);
    }

    /**
     * {@code <parent>/<name>.kek-secret} for data directory {@code <parent>/<name>}: outside the data
     * directory, so copying or backing up the data directory alone does not copy the secret.
     */
    public static Path defaultSecretFile(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        if (absolute.getParent() == null || absolute.getFileName() == null) {
            throw new IllegalArgumentException("the data directory " + absolute
                    + " has no parent to keep the KEK secret file beside it; set storage.kekSecretPath");
        }
        return absolute.resolveSibling(absolute.getFileName() + SECRET_FILE_SUFFIX);
    }

    /** {@code storage.kekSecret}, accepted only from the environment. */
    private static final class ConfiguredSecret implements KekSecretSource {
        private final Config config;

        ConfiguredSecret(Config config) {
            this.config = config;
        }

        @Override
        public Optional<KekSecret> read(Path dataDirectory) throws KekSecretException {
            String value = config.string(Settings.KEK_SECRET);
            if (value == null || value.isEmpty()) {
                return Optional.empty();
            }
            if (config.source(Settings.KEK_SECRET) != Config.Source.ENVIRONMENT) {
                throw new KekSecretException(KekSecretException.Problem.INSIDE_DATA_DIRECTORY,
                        Settings.KEK_SECRET.key() + " is written in pacs.yaml inside the data directory, beside the "
                                + "data it protects. Remove it from pacs.yaml and pass it as "
                                + Settings.KEK_SECRET.envName() + "_FILE, " + KekSecretSource.DEFAULT_VARIABLE
                                + " or a Docker secret");
            }
            return Optional.of(KekSecret.of(value));
        }

        @Override
        public String description() {
            return "setting " + Settings.KEK_SECRET.key() + " (" + Settings.KEK_SECRET.envName() + ")";
        }
    }
}
