// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;

/** The KEK secret from an environment variable; an empty value counts as unset. */
final class EnvironmentSecretSource implements KekSecretSource {

  private final String name;
  private final Function<String, String> environment;

  EnvironmentSecretSource(String name, Function<String, String> environment) {
    this.name = name;
    this.environment = environment;
  }

  @Override
  public Optional<KekSecret> read(Path dataDirectory) throws KekSecretException {
    String value = environment.apply(name);
    if (value == null || value.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(KekSecret.of(value));
  }

  @Override
  public String description() {
    return "environment variable " + name;
  }
}
