// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Tries sources in order; the first with a secret wins. */
final class FirstAvailableSecretSource implements KekSecretSource {

  private final List<KekSecretSource> sources;

  FirstAvailableSecretSource(List<KekSecretSource> sources) {
    this.sources = sources;
  }

  @Override
  public Optional<KekSecret> read(Path dataDirectory) throws KekSecretException {
    for (KekSecretSource source : sources) {
      Optional<KekSecret> secret = source.read(dataDirectory);
      if (secret.isPresent()) {
        return secret;
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean canSave() {
    return sources.stream().anyMatch(KekSecretSource::canSave);
  }

  @Override
  public void save(KekSecret secret, Path dataDirectory) throws IOException {
    for (KekSecretSource source : sources) {
      if (source.canSave()) {
        source.save(secret, dataDirectory);
        return;
      }
    }
    KekSecretSource.super.save(secret, dataDirectory);
  }

  /** Where a generated secret goes, for the message shown to the operator. */
  String saveTarget() {
    return sources.stream().filter(KekSecretSource::canSave).findFirst().map(KekSecretSource::description).orElse("");
  }

  @Override
  public String description() {
    return sources.stream().map(KekSecretSource::description).collect(Collectors.joining(", then "));
  }
}
