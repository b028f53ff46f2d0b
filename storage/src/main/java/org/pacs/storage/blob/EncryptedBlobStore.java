// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.pacs.storage.blob.fs.FileSystemBackend;
import org.pacs.storage.crypto.BlobCipher;
import org.pacs.storage.crypto.KekNotHeldException;
import org.pacs.storage.crypto.KekVersion;
import org.pacs.storage.crypto.KeyRing;
import org.pacs.storage.crypto.KeyRingException;

/**
 * The {@link BlobStore}: envelope encryption over any {@link BlobBackend}. Each blob gets its own data
 * key (Tink streaming AEAD, AES256_GCM_HKDF_1MB), sealed by the key ring's primary KEK into the
 * blob's key record. The content's associated data is the blob id and the caller's identity; the
 * key record's is the blob id, so swapping files or references is detected.
 */
public final class EncryptedBlobStore implements BlobStore {

  /** Directory under the data directory that holds the blobs. */
  public static final String BLOBS_DIRECTORY = "blobs";
  private static final byte[] CONTENT_CONTEXT = "pacs-blob-content/v1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] KEY_CONTEXT = "pacs-blob-key/v1".getBytes(StandardCharsets.US_ASCII);
  private static final int COPY_BUFFER = 256 * 1024;

  private final BlobBackend backend;
  private final KeyRing keyRing;
  private final SecureRandom random = new SecureRandom();
  /**
   * Writers hold the read side while they use a KEK version; retiring a version takes the write
   * side for a moment, so every write that may have sealed with it is on disk before the last check.
   */
  private final ReentrantReadWriteLock kekInUse = new ReentrantReadWriteLock();
  private final ReentrantLock rewrapping = new ReentrantLock();

  private EncryptedBlobStore(BlobBackend backend, KeyRing keyRing) {
    this.backend = backend;
    this.keyRing = keyRing;
  }

  /** The file-system store in {@code <dataDirectory>/blobs}. The key ring stays the caller's to close. */
  public static EncryptedBlobStore open(Path dataDirectory, KeyRing keyRing) throws IOException {
    return open(FileSystemBackend.open(dataDirectory.resolve(BLOBS_DIRECTORY)), keyRing);
  }

  /** A store over {@code backend}, which it closes on {@link #close()}. */
  public static EncryptedBlobStore open(BlobBackend backend, KeyRing keyRing) {
    return new EncryptedBlobStore(backend, keyRing);
  }

  @Override
  public BlobRef put(InputStream content, BlobIdentity identity) throws IOException {
    BlobId id = BlobId.random(random);
    OverlappedDigest.Copied[] copied = new OverlappedDigest.Copied[1];
    kekInUse.readLock().lock();
    try {
      BlobCipher cipher = keyRing.newBlobCipher();
      byte[] keyRecord = keyRing.seal(cipher, keyContext(id));
      if (keyRecord.length > backend.maxKeyRecordLength()) {
        throw new BlobStoreException(id, "the sealed key of blob " + id + " does not fit the backend's key record");
      }
      long stored = backend.create(id, keyRecord, sink -> {
        try (OutputStream encrypting = cipher.encrypt(sink, contentContext(id, identity))) {
          copied[0] = OverlappedDigest.copy(content, encrypting);
        }
      });
      return new BlobRef(id, identity, copied[0].size(), stored, HexFormat.of().formatHex(copied[0].sha256()));
    } finally {
      kekInUse.readLock().unlock();
    }
  }

  @Override
  public InputStream open(BlobRef ref) throws IOException {
    BlobId id = ref.id();
    BlobBackend.OpenedBlob opened = backend.open(id);
    FaultRecordingChannel ciphertext = new FaultRecordingChannel(opened.content());
    try {
      checkStoredSize(ref, opened);
      BlobCipher cipher = unseal(id, opened.keyRecord().bytes());
      InputStream plaintext = cipher.decrypt(Channels.newInputStream(ciphertext), contentContext(id, ref.identity()));
      return new AuthenticatedInputStream(plaintext, id, ciphertext);
    } catch (IOException e) {
      ciphertext.close();
      throw ReadFailures.translate(id, ciphertext, e);
    } catch (RuntimeException e) {
      ciphertext.close();
      throw e;
    }
  }

  @Override
  public SeekableByteChannel openChannel(BlobRef ref) throws IOException {
    BlobId id = ref.id();
    BlobBackend.OpenedBlob opened = backend.open(id);
    FaultRecordingChannel ciphertext = new FaultRecordingChannel(opened.content());
    try {
      checkStoredSize(ref, opened);
      BlobCipher cipher = unseal(id, opened.keyRecord().bytes());
      AuthenticatedChannel channel = new AuthenticatedChannel(
          cipher.decrypt(ciphertext, contentContext(id, ref.identity())), id, ciphertext);
      if (channel.size() != ref.size()) {
        throw new BlobIntegrityException(id, "blob " + id + " holds " + channel.size()
            + " plaintext bytes where its reference says " + ref.size());
      }
      return channel;
    } catch (IOException e) {
      ciphertext.close();
      throw ReadFailures.translate(id, ciphertext, e);
    } catch (RuntimeException e) {
      ciphertext.close();
      throw e;
    }
  }

  /** A truncated or extended file is refused before any byte is decrypted. */
  private static void checkStoredSize(BlobRef ref, BlobBackend.OpenedBlob opened) throws BlobIntegrityException {
    if (opened.storedSize() != ref.storedSize()) {
      throw new BlobIntegrityException(ref.id(), "blob " + ref.id() + " occupies " + opened.storedSize()
          + " bytes where its reference says " + ref.storedSize() + " (truncated, extended or replaced)");
    }
  }

  @Override
  public boolean exists(BlobId id) throws IOException {
    return backend.exists(id);
  }

  @Override
  public boolean delete(BlobId id) throws IOException {
    return backend.delete(id);
  }

  @Override
  public void verify(BlobRef ref) throws IOException {
    MessageDigest sha256 = OverlappedDigest.newSha256();
    long size = 0;
    try (InputStream in = open(ref)) {
      byte[] buffer = new byte[COPY_BUFFER];
      for (int n; (n = in.read(buffer)) != -1; ) {
        sha256.update(buffer, 0, n);
        size += n;
      }
    }
    String digest = HexFormat.of().formatHex(sha256.digest());
    if (size != ref.size() || !digest.equals(ref.sha256())) {
      throw new BlobIntegrityException(ref.id(), "blob " + ref.id() + " decrypts to " + size
          + " bytes with a SHA-256 other than its reference's: the reference does not belong to this blob");
    }
  }

  @Override
  public RewrapReport rewrapAll(RewrapListener listener) throws IOException {
    rewrapping.lock();
    try {
      KekVersion primary = keyRing.primary();
      long[] counts = new long[3]; // scanned, rewrapped, failed
      List<BlobId> failedIds = new ArrayList<>();
      backend.forEach(id -> {
        RewrapListener.Outcome outcome;
        try {
          outcome = rewrap(id, primary);
        } catch (BlobNotFoundException deletedMeanwhile) {
          return;
        } catch (BlobIntegrityException e) {
          outcome = RewrapListener.Outcome.FAILED;
          if (failedIds.size() < RewrapReport.MAX_LISTED_FAILURES) {
            failedIds.add(id);
          }
        }
        counts[0]++;
        if (outcome == RewrapListener.Outcome.REWRAPPED) {
          counts[1]++;
        } else if (outcome == RewrapListener.Outcome.FAILED) {
          counts[2]++;
        }
        listener.onBlob(id, outcome);
      });
      return new RewrapReport(primary, counts[0], counts[1], counts[2], failedIds);
    } finally {
      rewrapping.unlock();
    }
  }

  private RewrapListener.Outcome rewrap(BlobId id, KekVersion primary) throws IOException {
    BlobBackend.KeyRecord record = backend.readKeyRecord(id);
    if (!record.staleCopy() && primary.equals(kekVersionOf(id, record.bytes()))) {
      return RewrapListener.Outcome.ALREADY_CURRENT;
    }
    BlobCipher cipher = unseal(id, record.bytes());
    backend.replaceKeyRecord(id, keyRing.seal(cipher, keyContext(id)));
    return RewrapListener.Outcome.REWRAPPED;
  }

  @Override
  public void retireKek(KekVersion version, RewrapListener listener) throws IOException {
    if (version.equals(keyRing.primary())) {
      throw new KeyRingException(version + " is the primary KEK; rotate first, then retire it");
    }
    if (!keyRing.versions().contains(version)) {
      throw new KeyRingException(version + " is not in the keystore " + keyRing.keystorePath());
    }
    // Barrier: writes that started before the rotation (and may have sealed with `version`) finish first.
    kekInUse.writeLock().lock();
    kekInUse.writeLock().unlock();
    RewrapReport report = rewrapAll(listener);
    if (!report.complete()) {
      throw new KeyRingException("cannot retire " + version + ": " + report.failed()
          + " blob(s) could not be re-wrapped and would become unreadable: " + report.failedIds()
          + ". Check them (verify) and delete the damaged ones first");
    }
    keyRing.retire(version);
  }

  private BlobCipher unseal(BlobId id, byte[] keyRecord) throws BlobIntegrityException {
    try {
      return keyRing.unseal(keyRecord, keyContext(id));
    } catch (KekNotHeldException e) {
      throw new BlobKeyUnavailableException(id, new KekVersion(e.version()), e);
    } catch (GeneralSecurityException e) {
      throw new BlobIntegrityException(id, "blob " + id + " has a key record that does not open: it was altered, "
          + "belongs to another blob, or was sealed by another keystore", e);
    }
  }

  private static KekVersion kekVersionOf(BlobId id, byte[] keyRecord) throws BlobIntegrityException {
    try {
      return KeyRing.versionOf(keyRecord);
    } catch (GeneralSecurityException e) {
      throw new BlobIntegrityException(id, "blob " + id + " has an unreadable key record", e);
    }
  }

  /** {@code "pacs-blob-key/v1" 0 id}: a key record opens only for its own blob. */
  private static byte[] keyContext(BlobId id) {
    byte[] idBytes = id.value().getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(KEY_CONTEXT.length + 1 + idBytes.length).put(KEY_CONTEXT).put((byte) 0).put(idBytes)
        .array();
  }

  /** {@code "pacs-blob-content/v1" 0 id u32 length identity}: length-prefixed, so no two pairs collide. */
  private static byte[] contentContext(BlobId id, BlobIdentity identity) {
    byte[] idBytes = id.value().getBytes(StandardCharsets.US_ASCII);
    byte[] identityBytes = identity.value().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(CONTENT_CONTEXT.length + 1 + idBytes.length + 4 + identityBytes.length)
        .put(CONTENT_CONTEXT).put((byte) 0).put(idBytes).putInt(identityBytes.length).put(identityBytes).array();
  }

  /** Closes the backend; the key ring stays open (it is the caller's). */
  @Override
  public void close() throws IOException {
    backend.close();
  }
}
