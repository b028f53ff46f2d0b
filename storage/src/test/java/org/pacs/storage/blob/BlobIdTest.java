// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class BlobIdTest {

  @Test
  void randomIdsAre32LowercaseHexDigitsAndDiffer() {
    SecureRandom random = new SecureRandom();
    BlobId a = BlobId.random(random);
    BlobId b = BlobId.random(random);
    assertEquals(32, a.value().length());
    assertEquals(a, BlobId.parse(a.value()));
    assertNotEquals(a, b);
  }

  @Test
  void shardsByTheFirstTwoPairsOfDigits() {
    BlobId id = BlobId.parse("0f1e2d3c4b5a69788796a5b4c3d2e1f0");
    assertEquals("0f", id.shard1());
    assertEquals("1e", id.shard2());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "0F1E2D3C4B5A69788796A5B4C3D2E1F0", "0f1e2d3c4b5a69788796a5b4c3d2e1f", "../../../etc/passwd0123456789ab",
      "0f1e2d3c4b5a69788796a5b4c3d2e1f0a"})
  void refusesAnythingElse(String text) {
    assertThrows(IllegalArgumentException.class, () -> BlobId.parse(text));
  }

  @Test
  void refsAndIdentitiesKeepTheIdentityOutOfLogs() {
    BlobRef ref = new BlobRef(BlobId.parse("0f1e2d3c4b5a69788796a5b4c3d2e1f0"), BlobIdentity.of("1.2.840.99"), 1, 4137,
        "a".repeat(64));
    assertFalse(ref.toString().contains("1.2.840.99"));
    assertFalse(ref.identity().toString().contains("1.2.840.99"));
  }
}
