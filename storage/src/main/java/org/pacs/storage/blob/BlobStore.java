// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import org.pacs.storage.crypto.KekVersion;

/**
 * Stores DICOM objects (or any byte stream) encrypted and authenticated, each under a random
 * {@link BlobId}. A blob is reported stored only once it is durable; reads hand out only
 * authenticated bytes, or throw a {@link BlobStoreException} naming the blob.
 *
 * <pre>{@code
 * KeyRing keys = KeyRing.open(dataDir, secretSource).keyRing();
 * try (BlobStore store = EncryptedBlobStore.open(dataDir, keys)) {
 *   BlobRef ref = store.put(pdvStream, BlobIdentity.of(sopInstanceUid));   // keep ref in the catalog
 *   try (SeekableByteChannel frames = store.openChannel(ref)) { frames.position(offset).read(buffer); }
 * }
 * }</pre>
 */
public interface BlobStore extends Closeable {

  /**
   * Reads {@code content} to its end and stores it. Returns only once the blob is durable (fsync of
   * file and directory). On failure nothing of the blob is left; errors of {@code content} itself
   * are rethrown unchanged.
   *
   * @throws StorageFullException no space left
   */
  BlobRef put(InputStream content, BlobIdentity identity) throws IOException;

  /**
   * The plaintext as a stream, decrypted and authenticated 1 MiB segment by segment.
   *
   * @throws BlobNotFoundException no such blob
   * @throws BlobIntegrityException at open or on a read, where authentication fails
   */
  InputStream open(BlobRef ref) throws IOException;

  /** The plaintext as a read-only seekable channel: any range decrypts without the rest. */
  SeekableByteChannel openChannel(BlobRef ref) throws IOException;

  boolean exists(BlobId id) throws IOException;

  /** Deletes durably; {@code false} if there was no such blob. */
  boolean delete(BlobId id) throws IOException;

  /**
   * Decrypts the whole blob and checks size and SHA-256 against {@code ref}.
   *
   * @throws BlobIntegrityException naming the blob, when anything differs or fails authentication
   */
  void verify(BlobRef ref) throws IOException;

  /**
   * Re-seals every data key not yet sealed by the key ring's primary KEK (after
   * {@code KeyRing.rotate()}). Content is not re-encrypted. Failed blobs are counted, not fatal.
   */
  RewrapReport rewrapAll(RewrapListener listener) throws IOException;

  /**
   * Re-wraps what is left on {@code version}, then deletes that KEK version from the keystore.
   *
   * @throws org.pacs.storage.crypto.KeyRingException {@code version} is the primary, or some blob
   *     could not be re-wrapped (they are named)
   */
  void retireKek(KekVersion version, RewrapListener listener) throws IOException;
}
