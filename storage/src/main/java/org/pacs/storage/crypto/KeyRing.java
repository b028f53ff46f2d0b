// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.pacs.storage.internal.DurableFiles;

/**
 * The key-encryption keys (KEKs) of one data directory, kept in {@code <data>/keys/kek.keystore}
 * under the operator's secret. Each blob's data key is sealed (wrapped) by the primary KEK version;
 * {@link #rotate()} adds a version, blobs are then re-sealed without re-encrypting their content, and
 * the old version can be retired.
 *
 * <p>While open it holds a shared lock on the data directory, so the running archive and the
 * operator's commands ({@code ./pacs ae add}, {@code ./pacs audit list}) can use the keys at the
 * same time; creating the keystore and changing it ({@link #rotate}, {@link #retire},
 * {@link #changeSecret}) take the lock exclusively, so no other process holds KEKs that are about to
 * change.
 *
 * <pre>{@code
 * KeyRing.Opened opened = KeyRing.open(dataDir, KekSecretSource.environmentVariable("PACS_KEK_SECRET"));
 * opened.generatedSecret().ifPresent(s -> showOnce(s.reveal()));   // first start only
 * KeyRing keys = opened.keyRing();
 * }</pre>
 *
 * <p>Losing the secret or the keystore loses the archive: nothing else can unwrap the data keys.
 */
public final class KeyRing implements AutoCloseable {

  /** Directory under the data directory that holds the keystore and the lock. */
  public static final String KEYS_DIRECTORY = "keys";
  static final String KEYSTORE_FILE = "kek.keystore";
  private static final String LOCK_FILE = "keyring.lock";
  private static final byte KEY_RECORD_FORMAT = 1;
  private static final int KEY_RECORD_HEADER = 5;

  /**
   * The result of opening: the key ring, and at first start the secret that was generated for it
   * (to be shown to the operator once) with where it was saved, if anywhere.
   */
  public record Opened(KeyRing keyRing, Optional<KekSecret> generatedSecret, Optional<String> savedTo) {}

  /** The KEKs as one immutable snapshot, swapped whole on rotate and retire. */
  private record Keks(KeysetHandle handle, KekVersion primary, List<KekVersion> versions, Aead aead) {

    static Keks of(KeysetHandle handle) throws GeneralSecurityException {
      List<KekVersion> versions = new ArrayList<>();
      for (int i = 0; i < handle.size(); i++) {
        versions.add(new KekVersion(handle.getAt(i).getId()));
      }
      versions.sort(null);
      return new Keks(handle, new KekVersion(handle.getPrimary().getId()), List.copyOf(versions),
          handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
    }
  }

  private final Path keystore;
  private final FileChannel lockChannel;
  /** Shared while open; exclusive for the duration of a change. Guarded by {@link #writeLock}. */
  private FileLock lock;
  private final SecureRandom random;
  private final KdfParameters kdfForNewSecrets;
  /** Serializes changes to the keystore file; readers use the volatile snapshot. */
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile Keks keks;
  private volatile KeystoreFile.Protection protection;

  private KeyRing(Path keystore, FileChannel lockChannel, FileLock lock, SecureRandom random,
      KdfParameters kdfForNewSecrets, Keks keks, KeystoreFile.Protection protection) {
    this.keystore = keystore;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.random = random;
    this.kdfForNewSecrets = kdfForNewSecrets;
    this.keks = keks;
    this.protection = protection;
  }

  /** Opens (or, at first start, creates) the key ring with the recommended Argon2id cost. */
  public static Opened open(Path dataDirectory, KekSecretSource source) throws IOException {
    return open(dataDirectory, source, KdfParameters.RECOMMENDED);
  }

  /**
   * Opens the key ring of {@code dataDirectory}. When no keystore exists yet, one is created with KEK
   * version 1, protected by the source's secret or, if it has none, by a generated secret that is
   * saved by the source if it can and returned in {@link Opened#generatedSecret()}.
   *
   * @param kdfForNewKeystore Argon2id cost for a keystore written from now on; an existing keystore
   *     keeps the cost recorded in it
   * @throws KekSecretException no secret for an existing keystore, a refused secret, or the wrong one
   * @throws KeyRingException damaged keystore, keystore missing while blobs exist, or directory in use
   */
  public static Opened open(Path dataDirectory, KekSecretSource source, KdfParameters kdfForNewKeystore)
      throws IOException {
    TinkSetup.ensureRegistered();
    Path keysDir = dataDirectory.resolve(KEYS_DIRECTORY);
    DurableFiles.createDirectoriesDurably(keysDir);
    Path lockPath = keysDir.resolve(LOCK_FILE);
    FileChannel lockChannel = FileChannel.open(lockPath,
        Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE),
        DurableFiles.ownerOnlyFile(keysDir));
    Path keystore = keysDir.resolve(KEYSTORE_FILE);
    // Creating the keystore is a change: nobody else may hold keys meanwhile.
    boolean creating = !Files.exists(keystore);
    FileLock lock = tryLock(lockChannel, !creating);
    if (lock == null) {
      lockChannel.close();
      throw new KeyRingException("the data directory " + dataDirectory + " is in use by another "
          + (creating ? "process that is creating its keystore" : "key ring in this process"));
    }
    try {
      Opened opened = openLocked(dataDirectory, keystore, source, kdfForNewKeystore, lockChannel, lock);
      if (creating) {
        opened.keyRing().downgrade();
      }
      return opened;
    } catch (IOException | RuntimeException e) {
      if (lock.isValid()) {
        lock.release();
      }
      lockChannel.close();
      throw e;
    }
  }

  /** A shared or exclusive lock on the whole lock file, or null if another holder conflicts. */
  private static FileLock tryLock(FileChannel channel, boolean shared) throws IOException {
    try {
      return channel.tryLock(0, Long.MAX_VALUE, shared);
    } catch (OverlappingFileLockException inThisProcess) {
      return null;
    }
  }

  /** Trades the lock held for a shared one (after creating the keystore, or after a change). */
  private void downgrade() throws IOException {
    lock.release();
    FileLock shared = tryLock(lockChannel, true);
    if (shared == null) {
      throw new KeyRingException("lost the key ring lock of " + keystore);
    }
    lock = shared;
  }

  /** Runs a change of the keystore with the lock held exclusively; the caller holds {@link #writeLock}. */
  private <T> T exclusively(KeystoreChange<T> change) throws IOException, GeneralSecurityException {
    lock.release();
    FileLock exclusive = tryLock(lockChannel, false);
    if (exclusive == null) {
      downgrade();
      throw new KeyRingException("the keystore " + keystore + " is in use by another process; stop the archive"
          + " (and other ./pacs commands) before rotating, retiring or re-protecting keys");
    }
    lock = exclusive;
    try {
      return change.run();
    } finally {
      downgrade();
    }
  }

  @FunctionalInterface
  private interface KeystoreChange<T> {
    T run() throws IOException, GeneralSecurityException;
  }

  private static Opened openLocked(Path dataDirectory, Path keystore, KekSecretSource source, KdfParameters kdf,
      FileChannel lockChannel, FileLock lock) throws IOException {
    SecureRandom random = new SecureRandom();
    Optional<KekSecret> configured = source.read(dataDirectory);
    if (Files.exists(keystore)) {
      KekSecret secret = configured.orElseThrow(() -> new KekSecretException(KekSecretException.Problem.MISSING,
          "the keystore " + keystore + " exists but no KEK secret was found in " + source.description()));
      try {
        KeystoreFile.Unlocked unlocked = KeystoreFile.read(keystore, secret);
        return new Opened(new KeyRing(keystore, lockChannel, lock, random, kdf, Keks.of(unlocked.keks()),
            unlocked.protection()), Optional.empty(), Optional.empty());
      } catch (GeneralSecurityException e) {
        throw new KeyRingException("the keystore " + keystore + " holds keys this program cannot use", e);
      } finally {
        secret.destroy();
      }
    }
    refuseNewKeystoreBesideExistingBlobs(dataDirectory, keystore);
    boolean generated = configured.isEmpty();
    KekSecret secret = configured.orElseGet(() -> KekSecret.generate(random));
    Optional<String> savedTo = Optional.empty();
    if (generated && source.canSave()) {
      source.save(secret, dataDirectory);
      savedTo = Optional.of(source instanceof FirstAvailableSecretSource first ? first.saveTarget()
          : source.description());
    }
    try {
      KeysetHandle handle = KeysetHandle.newBuilder()
          .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
              .withFixedId(1).makePrimary())
          .build();
      KeystoreFile.Protection protection = KeystoreFile.Protection.derive(secret, kdf, random);
      KeystoreFile.write(keystore, handle, protection);
      KeyRing ring = new KeyRing(keystore, lockChannel, lock, random, kdf, Keks.of(handle), protection);
      return new Opened(ring, generated ? Optional.of(secret) : Optional.empty(), savedTo);
    } catch (GeneralSecurityException e) {
      throw new KeyRingException("cannot create the keystore " + keystore, e);
    } finally {
      if (!generated) {
        secret.destroy();
      }
    }
  }

  /** A new keystore beside existing blobs could never read them: the old one must be restored instead. */
  private static void refuseNewKeystoreBesideExistingBlobs(Path dataDirectory, Path keystore) throws IOException {
    Path blobs = dataDirectory.resolve("blobs");
    if (!Files.isDirectory(blobs)) {
      return;
    }
    try (Stream<Path> entries = Files.list(blobs)) {
      if (entries.anyMatch(p -> !p.getFileName().toString().startsWith("."))) {
        throw new KeyRingException("the keystore " + keystore + " is missing but " + blobs
            + " holds blobs; a new keystore could not read them. Restore the keystore from a backup");
      }
    }
  }

  /** The version that seals new data keys. */
  public KekVersion primary() {
    return keks.primary();
  }

  /** All versions held, oldest first. */
  public List<KekVersion> versions() {
    return keks.versions();
  }

  public Path keystorePath() {
    return keystore;
  }

  /** Adds a KEK version, makes it primary and saves the keystore; existing blobs stay readable. */
  public KekVersion rotate() throws IOException {
    writeLock.lock();
    try {
      return exclusively(() -> {
        Keks current = keks;
        int next = current.versions().getLast().number() + 1;
        KeysetHandle handle = KeysetHandle.newBuilder(current.handle())
            .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                .withFixedId(next).makePrimary())
            .build();
        return persist(handle).primary();
      });
    } catch (GeneralSecurityException e) {
      throw new KeyRingException("cannot add a KEK version to " + keystore, e);
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Deletes a KEK version from the keystore. Every data key it sealed becomes unreadable, so call this
   * through the blob store's {@code retireKek}, which first checks that no blob still uses it.
   */
  public void retire(KekVersion version) throws IOException {
    writeLock.lock();
    try {
      Keks current = keks;
      if (version.equals(current.primary())) {
        throw new KeyRingException(version + " is the primary KEK; rotate first, then retire it");
      }
      boolean found = exclusively(() -> {
        KeysetHandle.Builder builder = KeysetHandle.newBuilder(current.handle());
        // The builder keeps the handle's order, so the handle tells which index holds the version.
        for (int i = 0; i < current.handle().size(); i++) {
          if (current.handle().getAt(i).getId() == version.number()) {
            builder.deleteAt(i);
            persist(builder.build());
            return true;
          }
        }
        return false;
      });
      if (!found) {
        throw new KeyRingException(version + " is not in the keystore " + keystore);
      }
    } catch (GeneralSecurityException e) {
      throw new KeyRingException("cannot retire " + version + " from " + keystore, e);
    } finally {
      writeLock.unlock();
    }
  }

  /** Protects the keystore with a new secret; the old secret stops working once this returns. */
  public void changeSecret(KekSecret newSecret) throws IOException {
    writeLock.lock();
    try {
      exclusively(() -> {
        KeystoreFile.Protection next = KeystoreFile.Protection.derive(newSecret, kdfForNewSecrets, random);
        KeystoreFile.write(keystore, keks.handle(), next);
        protection = next;
        return null;
      });
    } catch (GeneralSecurityException e) {
      throw new KeyRingException("cannot derive a key from the new secret", e);
    } finally {
      writeLock.unlock();
    }
  }

  private Keks persist(KeysetHandle handle) throws IOException, GeneralSecurityException {
    Keks next = Keks.of(handle);
    KeystoreFile.write(keystore, handle, protection);
    keks = next;
    return next;
  }

  /** A fresh data key for one new blob. */
  public BlobCipher newBlobCipher() throws IOException {
    try {
      return BlobCipher.generate();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot generate a data key", e);
    }
  }

  /**
   * Seals {@code cipher}'s data key with the primary KEK into a key record:
   * {@code u8 format=1 | u32 KEK version | Tink encrypted keyset}. The record's header and
   * {@code context} (the blob's identity) are the associated data, so a record only opens for the
   * blob it was made for.
   */
  public byte[] seal(BlobCipher cipher, byte[] context) throws IOException {
    Keks current = keks;
    byte[] header = recordHeader(current.primary().number());
    try {
      byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(cipher.dataKey(), current.aead(),
          concat(header, context), RegistryConfiguration.get());
      return concat(header, wrapped);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot seal a data key", e);
    }
  }

  /**
   * Opens a key record made by {@link #seal}.
   *
   * @throws KekNotHeldException the record names a KEK version this ring does not hold
   * @throws GeneralSecurityException the record was altered, or was made for another context
   */
  public BlobCipher unseal(byte[] keyRecord, byte[] context) throws GeneralSecurityException {
    KekVersion version = versionOf(keyRecord);
    Keks current = keks;
    if (!current.versions().contains(version)) {
      throw new KekNotHeldException(version.number());
    }
    byte[] header = Arrays.copyOf(keyRecord, KEY_RECORD_HEADER);
    byte[] wrapped = Arrays.copyOfRange(keyRecord, KEY_RECORD_HEADER, keyRecord.length);
    KeysetHandle dataKey = TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, current.aead(), concat(header, context),
        RegistryConfiguration.get());
    return BlobCipher.of(dataKey);
  }

  /** The KEK version a key record names (not yet authenticated: {@link #unseal} checks it). */
  public static KekVersion versionOf(byte[] keyRecord) throws GeneralSecurityException {
    if (keyRecord.length <= KEY_RECORD_HEADER || keyRecord[0] != KEY_RECORD_FORMAT) {
      throw new GeneralSecurityException("not a key record of format " + KEY_RECORD_FORMAT);
    }
    int number = ByteBuffer.wrap(keyRecord, 1, 4).getInt();
    if (number < 1) {
      throw new GeneralSecurityException("key record names KEK version " + number);
    }
    return new KekVersion(number);
  }

  private static byte[] recordHeader(int kekVersion) {
    return ByteBuffer.allocate(KEY_RECORD_HEADER).put(KEY_RECORD_FORMAT).putInt(kekVersion).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] joined = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, joined, a.length, b.length);
    return joined;
  }

  /** Releases the data-directory lock; keys stay in memory until garbage-collected. */
  @Override
  public void close() throws IOException {
    writeLock.lock();
    try {
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      lockChannel.close();
      writeLock.unlock();
    }
  }
}
