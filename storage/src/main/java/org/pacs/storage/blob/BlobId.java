// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A blob's name: 128 random bits as 32 lowercase hex digits. Carries no patient data, so it may
 * appear in file names, logs and error messages.
 */
public record BlobId(String value) {

  private static final int HEX_LENGTH = 32;

  public BlobId {
    if (value == null || value.length() != HEX_LENGTH || !value.chars().allMatch(BlobId::isLowerHex)) {
      throw new IllegalArgumentException("a blob id is 32 lowercase hex digits");
    }
  }

  /** A fresh random id; collisions are negligible (birthday bound 2^64). */
  public static BlobId random(SecureRandom random) {
    byte[] bits = new byte[HEX_LENGTH / 2];
    random.nextBytes(bits);
    return new BlobId(HexFormat.of().formatHex(bits));
  }

  /** Parses an id, refusing anything that is not exactly 32 lowercase hex digits. */
  public static BlobId parse(String text) {
    return new BlobId(text);
  }

  /** The first directory level: the first two hex digits. */
  public String shard1() {
    return value.substring(0, 2);
  }

  /** The second directory level: the next two hex digits. */
  public String shard2() {
    return value.substring(2, 4);
  }

  private static boolean isLowerHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  @Override
  public String toString() {
    return value;
  }
}
