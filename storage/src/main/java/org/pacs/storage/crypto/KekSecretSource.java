// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where the operator keeps the secret that protects the KEK keystore. The secret never lies in
 * plaintext beside the keystore unless the operator explicitly opts in with
 * {@link #fileInsideDataDirectory(Path)}.
 *
 * <pre>{@code
 * KekSecretSource source = KekSecretSource.firstOf(List.of(
 *     KekSecretSource.environmentVariable(KekSecretSource.DEFAULT_VARIABLE),
 *     KekSecretSource.dockerSecret(KekSecretSource.DEFAULT_DOCKER_SECRET),
 *     KekSecretSource.file(Path.of("/etc/pacs/kek-secret"))));
 * }</pre>
 */
public interface KekSecretSource {

  /** The environment variable the server reads by default. */
  String DEFAULT_VARIABLE = "PACS_KEK_SECRET";

  /** The Docker secret name the server reads by default ({@code /run/secrets/pacs_kek_secret}). */
  String DEFAULT_DOCKER_SECRET = "pacs_kek_secret";

  /**
   * The secret, or empty when this source has none (variable unset, file absent).
   *
   * @param dataDirectory the archive's data directory, to refuse secret files placed inside it
   * @throws KekSecretException when the source exists but is refused or unreadable
   */
  Optional<KekSecret> read(Path dataDirectory) throws KekSecretException;

  /** Whether a secret generated at first start can be kept by this source (files only). */
  default boolean canSave() {
    return false;
  }

  /** Keeps a generated secret (owner-only file); only when {@link #canSave()}. */
  default void save(KekSecret secret, Path dataDirectory) throws IOException {
    throw new UnsupportedOperationException(description() + " cannot store a secret");
  }

  /** Names the source for messages, never its content. */
  String description();

  /** The environment variable {@code name} of this process. */
  static KekSecretSource environmentVariable(String name) {
    return new EnvironmentSecretSource(name, System::getenv);
  }

  /** An environment variable looked up through {@code environment} (for tests and launchers). */
  static KekSecretSource environmentVariable(String name, Function<String, String> environment) {
    return new EnvironmentSecretSource(name, environment);
  }

  /** A Docker (or Compose, Kubernetes) secret mounted at {@code /run/secrets/<name>}. */
  static KekSecretSource dockerSecret(String name) {
    return dockerSecret(Path.of("/run/secrets"), name);
  }

  /** A secret mounted as file {@code name} in {@code secretsDirectory}. */
  static KekSecretSource dockerSecret(Path secretsDirectory, String name) {
    return new FileSecretSource(secretsDirectory.resolve(name), false, false, "Docker secret ");
  }

  /**
   * A file outside the data directory. A secret generated at first start is written there
   * (owner-only). Refused if the path lies inside the data directory.
   */
  static KekSecretSource file(Path path) {
    return new FileSecretSource(path, true, false, "secret file ");
  }

  /**
   * A file inside the data directory: the operator's explicit choice to keep the secret in plaintext
   * beside the keystore, so that whoever copies the data directory can read the archive.
   */
  static KekSecretSource fileInsideDataDirectory(Path path) {
    return new FileSecretSource(path, true, true, "secret file (inside the data directory, by choice) ");
  }

  /** The first source that has a secret; a generated secret is saved by the first that can save. */
  static KekSecretSource firstOf(List<KekSecretSource> sources) {
    return new FirstAvailableSecretSource(List.copyOf(sources));
  }
}
