// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

/** The secret that protects the keystore is missing, refused, or does not open the keystore. */
public final class KekSecretException extends KeyRingException {

  /** What is wrong with the secret. */
  public enum Problem {
    /** No configured source holds a secret, but a keystore exists. */
    MISSING,
    /** Shorter than {@link KekSecret#MINIMUM_LENGTH} characters. */
    TOO_SHORT,
    /** A secret file lies inside the data directory and the operator did not opt in to that. */
    INSIDE_DATA_DIRECTORY,
    /** The secret does not decrypt the keystore (wrong secret, or the keystore was altered). */
    WRONG_SECRET,
    /** The source exists but cannot be read. */
    UNREADABLE
  }

  private final Problem problem;

  public KekSecretException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public KekSecretException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
