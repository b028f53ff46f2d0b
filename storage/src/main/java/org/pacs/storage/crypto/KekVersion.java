// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

/**
 * One version of the key-encryption key (KEK): version 1 is created with the keystore, each
 * {@link KeyRing#rotate()} adds the next. A blob's data key names the version that wraps it.
 */
public record KekVersion(int number) implements Comparable<KekVersion> {

  public KekVersion {
    if (number < 1) {
      throw new IllegalArgumentException("KEK version must be 1 or more, was " + number);
    }
  }

  @Override
  public int compareTo(KekVersion other) {
    return Integer.compare(number, other.number);
  }

  @Override
  public String toString() {
    return "KEK v" + number;
  }
}
