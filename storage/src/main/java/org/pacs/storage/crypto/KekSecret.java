// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The operator's secret that protects the KEK keystore. Never printed by this library:
 * {@link #toString()} is redacted and only {@link #reveal()} gives the text, for the one time a CLI
 * shows a freshly generated secret.
 */
public final class KekSecret {

  /** Shorter secrets are refused; a generated one has 43 characters (256 random bits). */
  public static final int MINIMUM_LENGTH = 16;

  private final byte[] utf8;

  private KekSecret(byte[] utf8) {
    this.utf8 = utf8;
  }

  /** A secret given by the operator; refused when shorter than {@link #MINIMUM_LENGTH}. */
  public static KekSecret of(String text) throws KekSecretException {
    if (text.codePointCount(0, text.length()) < MINIMUM_LENGTH) {
      throw new KekSecretException(KekSecretException.Problem.TOO_SHORT,
          "the KEK secret has " + text.length() + " characters; use at least " + MINIMUM_LENGTH
              + " (a generated one has 43)");
    }
    return new KekSecret(text.getBytes(StandardCharsets.UTF_8));
  }

  /** 256 random bits as unpadded base64url text. */
  public static KekSecret generate(SecureRandom random) {
    byte[] bits = new byte[32];
    random.nextBytes(bits);
    String text = Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    Arrays.fill(bits, (byte) 0);
    return new KekSecret(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The secret's text, to show once to the operator who must keep it. */
  public String reveal() {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  byte[] utf8() {
    return utf8;
  }

  /** Overwrites the secret in memory; the object is unusable afterwards. */
  public void destroy() {
    Arrays.fill(utf8, (byte) 0);
  }

  @Override
  public String toString() {
    return "KekSecret[redacted]";
  }
}
