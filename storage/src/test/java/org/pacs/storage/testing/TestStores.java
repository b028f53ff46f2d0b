// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.pacs.storage.crypto.KdfParameters;
import org.pacs.storage.crypto.KekSecretSource;
import org.pacs.storage.crypto.KeyRing;

/** Key rings for tests: a fixed secret from a fake environment and a cheap Argon2id cost. */
public final class TestStores {

  /** Cheap enough for hundreds of key-ring opens; production uses {@link KdfParameters#RECOMMENDED}. */
  public static final KdfParameters FAST_KDF = new KdfParameters(1024, 1, 1);
  public static final String SECRET = "correct horse battery staple 42";
  public static final String VARIABLE = "PACS_KEK_SECRET";

  private TestStores() {}

  public static KekSecretSource secret(String secret) {
    return KekSecretSource.environmentVariable(VARIABLE, Map.of(VARIABLE, secret)::get);
  }

  public static KeyRing keyRing(Path dataDirectory) throws IOException {
    return keyRing(dataDirectory, SECRET);
  }

  public static KeyRing keyRing(Path dataDirectory, String secret) throws IOException {
    return KeyRing.open(dataDirectory, secret(secret), FAST_KDF).keyRing();
  }
}
