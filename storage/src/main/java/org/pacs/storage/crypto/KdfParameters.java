// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

/**
 * Argon2id (RFC 9106) cost of turning the KEK secret into the key that encrypts the keystore.
 * Stored in the keystore header, so a keystore keeps opening after the default changes.
 */
public record KdfParameters(int memoryKiB, int iterations, int parallelism) {

  /** RFC 9106 §4, second recommended option: 64 MiB, 3 passes. */
  public static final KdfParameters RECOMMENDED = new KdfParameters(64 * 1024, 3, 1);

  /** Upper bounds that keep a tampered keystore header from demanding unbounded work. */
  static final int MAX_MEMORY_KIB = 4 * 1024 * 1024;
  static final int MAX_ITERATIONS = 100;
  static final int MAX_PARALLELISM = 16;

  public KdfParameters {
    if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
      throw new IllegalArgumentException("Argon2 parallelism must be 1.." + MAX_PARALLELISM + ", was " + parallelism);
    }
    if (iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new IllegalArgumentException("Argon2 iterations must be 1.." + MAX_ITERATIONS + ", was " + iterations);
    }
    if (memoryKiB < 8 * parallelism || memoryKiB > MAX_MEMORY_KIB) {
      throw new IllegalArgumentException(
          "Argon2 memory must be " + 8 * parallelism + ".." + MAX_MEMORY_KIB + " KiB, was " + memoryKiB);
    }
  }
}
