// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingKey;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;
import com.google.crypto.tink.subtle.AesGcmHkdfStreaming;
import com.google.crypto.tink.util.SecretBytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

/**
 * One blob's data key: Tink streaming AEAD AES256_GCM_HKDF_1MB (segments of 1 MiB, each
 * authenticated, the last one marked), so any range can be decrypted without the rest and a
 * truncated or extended ciphertext is detected. Created by {@link KeyRing#newBlobCipher()} or
 * unsealed from a key record by {@link KeyRing#unseal(byte[], byte[])}.
 */
public final class BlobCipher {

  private static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KeysetHandle dataKey;
  private final StreamingAead aead;

  private BlobCipher(KeysetHandle dataKey) throws GeneralSecurityException {
    if (dataKey.size() != 1 || !(dataKey.getPrimary().getKey() instanceof AesGcmHkdfStreamingKey key)) {
      throw new GeneralSecurityException("a data key must be a single AES-GCM-HKDF streaming key");
    }
    this.dataKey = dataKey;
    // The key-level primitive (not the keyset wrapper): it knows the plaintext size of a seekable
    // channel before the first read, and does not try other keys.
    this.aead = AesGcmHkdfStreaming.create(key);
  }

  static BlobCipher generate() throws GeneralSecurityException {
    TinkSetup.ensureRegistered();
    // The key material comes from one process-wide SecureRandom rather than KeysetHandle.generateNew:
    // Tink's generator keeps its SecureRandom in a ThreadLocal, and every C-STORE runs on a new
    // virtual thread, so each data key paid for a fresh SecureRandom (and a failed class-path scan
    // for Conscrypt) before this.
    byte[] material = new byte[KEY_BYTES];
    RANDOM.nextBytes(material);
    AesGcmHkdfStreamingKey key = AesGcmHkdfStreamingKey.create(
        PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB,
        SecretBytes.copyFrom(material, InsecureSecretKeyAccess.get()));
    java.util.Arrays.fill(material, (byte) 0);
    return new BlobCipher(KeysetHandle.newBuilder()
        .addEntry(KeysetHandle.importKey(key).withFixedId(RANDOM.nextInt() | 1).makePrimary())
        .build());
  }

  static BlobCipher of(KeysetHandle dataKey) throws GeneralSecurityException {
    return new BlobCipher(dataKey);
  }

  KeysetHandle dataKey() {
    return dataKey;
  }

  /** Encrypts what is written to the returned stream into {@code ciphertext}; close it to finish. */
  public OutputStream encrypt(OutputStream ciphertext, byte[] associatedData) throws IOException {
    try {
      return aead.newEncryptingStream(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot start encryption", e);
    }
  }

  /** Decrypts sequentially; an IOException is thrown where authentication fails, before any bad byte. */
  public InputStream decrypt(InputStream ciphertext, byte[] associatedData) throws IOException {
    try {
      return aead.newDecryptingStream(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot start decryption", e);
    }
  }

  /** Random-access decryption over a ciphertext channel that starts at position 0. */
  public SeekableByteChannel decrypt(SeekableByteChannel ciphertext, byte[] associatedData) throws IOException {
    try {
      return aead.newSeekableDecryptingChannel(ciphertext, associatedData);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot start decryption", e);
    }
  }
}
