// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.subtle.AesGcmJce;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.pacs.storage.internal.DurableFiles;

/**
 * The KEK keystore file: a Tink AEAD keyset (one AES-256-GCM key per KEK version) encrypted with
 * AES-256-GCM under a key derived from the operator's secret by Argon2id. The header (KDF cost and
 * salt) is the associated data, so it cannot be altered unnoticed.
 *
 * <pre>
 * "PACSKEK1" | u8 kdf=1 (Argon2id v1.3) | u32 memoryKiB | u32 iterations | u8 parallelism
 *            | u8 saltLength | salt | u32 keysetLength | Tink encrypted keyset
 * </pre>
 */
final class KeystoreFile {

  private static final byte[] MAGIC = "PACSKEK1".getBytes(StandardCharsets.US_ASCII);
  private static final int KDF_ARGON2ID = 1;
  private static final int SALT_LENGTH = 16;
  private static final int MAX_KEYSET_LENGTH = 1 << 20;

  /** The unlocked keystore: the KEK keyset plus what is needed to write it back. */
  record Unlocked(KeysetHandle keks, Protection protection) {}

  /** The derived key and the header it is bound to; reused when the keyset is written back. */
  record Protection(byte[] header, Aead aead) {

    static Protection derive(KekSecret secret, KdfParameters kdf, SecureRandom random) throws GeneralSecurityException {
      byte[] salt = new byte[SALT_LENGTH];
      random.nextBytes(salt);
      return derive(secret, kdf, salt);
    }

    static Protection derive(KekSecret secret, KdfParameters kdf, byte[] salt) throws GeneralSecurityException {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (DataOutputStream out = new DataOutputStream(bytes)) {
        out.write(MAGIC);
        out.writeByte(KDF_ARGON2ID);
        out.writeInt(kdf.memoryKiB());
        out.writeInt(kdf.iterations());
        out.writeByte(kdf.parallelism());
        out.writeByte(salt.length);
        out.write(salt);
      } catch (IOException impossible) {
        throw new IllegalStateException(impossible);
      }
      byte[] key = new byte[32];
      Argon2BytesGenerator argon2 = new Argon2BytesGenerator();
      argon2.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
          .withVersion(Argon2Parameters.ARGON2_VERSION_13)
          .withMemoryAsKB(kdf.memoryKiB())
          .withIterations(kdf.iterations())
          .withParallelism(kdf.parallelism())
          .withSalt(salt)
          .build());
      argon2.generateBytes(secret.utf8(), key);
      try {
        return new Protection(bytes.toByteArray(), new AesGcmJce(key));
      } finally {
        Arrays.fill(key, (byte) 0);
      }
    }
  }

  private KeystoreFile() {}

  static void write(Path file, KeysetHandle keks, Protection protection) throws IOException {
    byte[] encrypted;
    try {
      encrypted = TinkProtoKeysetFormat.serializeEncryptedKeyset(keks, protection.aead(), protection.header(),
          RegistryConfiguration.get());
    } catch (GeneralSecurityException e) {
      throw new KeyRingException("cannot encrypt the keystore " + file, e);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(protection.header());
      out.writeInt(encrypted.length);
      out.write(encrypted);
    }
    DurableFiles.writeAtomically(file, bytes.toByteArray());
  }

  static Unlocked read(Path file, KekSecret secret) throws IOException {
    byte[] all = Files.readAllBytes(file);
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(all))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw damaged(file, "it does not start with the keystore signature");
      }
      int kdfId = in.readUnsignedByte();
      if (kdfId != KDF_ARGON2ID) {
        throw damaged(file, "unknown key derivation " + kdfId);
      }
      KdfParameters kdf;
      try {
        kdf = new KdfParameters(in.readInt(), in.readInt(), in.readUnsignedByte());
      } catch (IllegalArgumentException e) {
        throw damaged(file, e.getMessage());
      }
      int saltLength = in.readUnsignedByte();
      if (saltLength != SALT_LENGTH) {
        throw damaged(file, "salt length " + saltLength);
      }
      byte[] salt = in.readNBytes(saltLength);
      int keysetLength = in.readInt();
      if (keysetLength <= 0 || keysetLength > MAX_KEYSET_LENGTH || keysetLength != in.available()) {
        throw damaged(file, "keyset length " + keysetLength + " does not match the file");
      }
      byte[] encrypted = in.readNBytes(keysetLength);
      Protection protection;
      try {
        protection = Protection.derive(secret, kdf, salt);
      } catch (GeneralSecurityException e) {
        throw damaged(file, e.getMessage());
      }
      try {
        return new Unlocked(TinkProtoKeysetFormat.parseEncryptedKeyset(encrypted, protection.aead(), protection.header(),
            RegistryConfiguration.get()),
            protection);
      } catch (GeneralSecurityException e) {
        throw new KekSecretException(KekSecretException.Problem.WRONG_SECRET,
            "the KEK secret does not open the keystore " + file
                + " (wrong secret, or the keystore file was altered). Without the right secret the archive cannot be read",
            e);
      }
    } catch (EOFException e) {
      throw damaged(file, "it is truncated");
    }
  }

  private static KeyRingException damaged(Path file, String why) {
    return new KeyRingException("the keystore " + file + " is damaged: " + why + ". Restore it from a backup");
  }
}
