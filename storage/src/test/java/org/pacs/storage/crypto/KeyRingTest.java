// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.storage.testing.TestStores;

class KeyRingTest {

  private static final KekVersion V1 = new KekVersion(1);
  private static final KekVersion V2 = new KekVersion(2);

  @TempDir
  Path dataDir;

  KeyRing.Opened open(KekSecretSource source) throws IOException {
    return KeyRing.open(dataDir, source, TestStores.FAST_KDF);
  }

  Path keystore() {
    return dataDir.resolve("keys/kek.keystore");
  }

  @Nested
  class FirstStart {

    @Test
    void usesTheOperatorsSecretWhenOneIsConfigured() throws IOException {
      KeyRing.Opened opened = open(TestStores.secret(TestStores.SECRET));
      opened.keyRing().close();
      assertEquals(Optional.empty(), opened.generatedSecret());
      assertTrue(Files.exists(keystore()));
      try (KeyRing again = open(TestStores.secret(TestStores.SECRET)).keyRing()) {
        assertEquals(List.of(V1), again.versions());
      }
    }

    @Test
    void generatesASecretReturnsItOnceAndNeedsItFromThenOn() throws IOException {
      KekSecretSource none = KekSecretSource.environmentVariable("V", Map.<String, String>of()::get);
      KeyRing.Opened opened = open(none);
      opened.keyRing().close();
      String generated = opened.generatedSecret().orElseThrow().reveal();
      assertEquals(Optional.empty(), opened.savedTo(), "an environment variable cannot keep it");
      KekSecretException missing = assertThrows(KekSecretException.class, () -> open(none));
      assertEquals(KekSecretException.Problem.MISSING, missing.problem());
      KeyRing.Opened second = open(TestStores.secret(generated));
      second.keyRing().close();
      assertEquals(Optional.empty(), second.generatedSecret(), "shown only at first start");
      assertFalse(contains(Files.readAllBytes(keystore()), generated.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void savesAGeneratedSecretToTheConfiguredFileOutsideTheDataDirectory(@TempDir Path etc) throws IOException {
      KekSecretSource file = KekSecretSource.file(etc.resolve("kek-secret"));
      KeyRing.Opened opened = open(file);
      opened.keyRing().close();
      assertEquals(Optional.of("secret file " + etc.resolve("kek-secret")), opened.savedTo());
      assertEquals(opened.generatedSecret().orElseThrow().reveal() + "\n", Files.readString(etc.resolve("kek-secret")));
      open(file).keyRing().close();
    }

    @Test
    void refusesToCreateAKeystoreBesideExistingBlobs() throws IOException {
      Files.createDirectories(dataDir.resolve("blobs/ab/cd"));
      KeyRingException e = assertThrows(KeyRingException.class, () -> open(TestStores.secret(TestStores.SECRET)));
      assertTrue(e.getMessage().contains("Restore the keystore"), e.getMessage());
      assertFalse(Files.exists(keystore()));
    }

    @Test
    void usesTheRecommendedArgon2idCostByDefault() throws IOException {
      KeyRing.open(dataDir, TestStores.secret(TestStores.SECRET)).keyRing().close();
      ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(keystore()));
      assertEquals(1, header.get(8), "Argon2id");
      assertEquals(64 * 1024, header.getInt(9), "memory KiB");
      assertEquals(3, header.getInt(13), "iterations");
    }
  }

  @Nested
  class WrongOrDamaged {

    @Test
    void refusesTheWrongSecret() throws IOException {
      open(TestStores.secret(TestStores.SECRET)).keyRing().close();
      KekSecretException e = assertThrows(KekSecretException.class,
          () -> open(TestStores.secret("not the right secret at all")));
      assertEquals(KekSecretException.Problem.WRONG_SECRET, e.problem());
    }

    @Test
    void detectsATamperedKeystoreHeaderOrKeyset() throws IOException {
      open(TestStores.secret(TestStores.SECRET)).keyRing().close();
      byte[] original = Files.readAllBytes(keystore());
      for (int position : new int[] {16, original.length - 5}) {
        byte[] tampered = original.clone();
        tampered[position] ^= 1;
        Files.write(keystore(), tampered);
        assertThrows(KeyRingException.class, () -> open(TestStores.secret(TestStores.SECRET)), "byte " + position);
      }
    }

    @Test
    void refusesASecondKeyRingOnTheSameDirectory() throws IOException {
      try (KeyRing first = open(TestStores.secret(TestStores.SECRET)).keyRing()) {
        KeyRingException e = assertThrows(KeyRingException.class, () -> open(TestStores.secret(TestStores.SECRET)));
        assertTrue(e.getMessage().contains("in use"), e.getMessage());
      }
    }
  }

  @Nested
  class Rotation {

    @Test
    void rotatePersistsANewPrimaryAndKeepsTheOld() throws IOException {
      try (KeyRing ring = open(TestStores.secret(TestStores.SECRET)).keyRing()) {
        assertEquals(V2, ring.rotate());
      }
      try (KeyRing ring = open(TestStores.secret(TestStores.SECRET)).keyRing()) {
        assertEquals(V2, ring.primary());
        assertEquals(List.of(V1, V2), ring.versions());
      }
    }

    @Test
    void sealedKeysOpenAfterRotationUntilTheirVersionIsRetired() throws Exception {
      try (KeyRing ring = open(TestStores.secret(TestStores.SECRET)).keyRing()) {
        BlobCipher cipher = ring.newBlobCipher();
        byte[] context = "blob-1".getBytes(StandardCharsets.US_ASCII);
        byte[] record = ring.seal(cipher, context);
        assertEquals(V1, KeyRing.versionOf(record));
        ring.rotate();
        assertRoundTrip(cipher, ring.unseal(record, context));
        assertThrows(GeneralSecurityException.class, () -> ring.unseal(record, "blob-2".getBytes()));
        ring.retire(V1);
        KekNotHeldException e = assertThrows(KekNotHeldException.class, () -> ring.unseal(record, context));
        assertEquals(1, e.version());
      }
    }

    @Test
    void refusesToRetireThePrimaryOrAnUnknownVersion() throws IOException {
      try (KeyRing ring = open(TestStores.secret(TestStores.SECRET)).keyRing()) {
        assertThrows(KeyRingException.class, () -> ring.retire(V1));
        assertThrows(KeyRingException.class, () -> ring.retire(new KekVersion(7)));
      }
    }

    @Test
    void changeSecretMakesTheOldOneUseless() throws IOException {
      try (KeyRing ring = open(TestStores.secret(TestStores.SECRET)).keyRing()) {
        ring.changeSecret(KekSecret.of("the new secret, rotated"));
      }
      assertThrows(KekSecretException.class, () -> open(TestStores.secret(TestStores.SECRET)));
      open(TestStores.secret("the new secret, rotated")).keyRing().close();
    }
  }

  static void assertRoundTrip(BlobCipher writer, BlobCipher reader) throws IOException {
    byte[] plaintext = "frame data".repeat(1000).getBytes(StandardCharsets.US_ASCII);
    byte[] aad = "aad".getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream ciphertext = new ByteArrayOutputStream();
    try (OutputStream out = writer.encrypt(ciphertext, aad)) {
      out.write(plaintext);
    }
    try (InputStream in = reader.decrypt(new ByteArrayInputStream(ciphertext.toByteArray()), aad)) {
      assertArrayEquals(plaintext, in.readAllBytes());
    }
  }

  static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
