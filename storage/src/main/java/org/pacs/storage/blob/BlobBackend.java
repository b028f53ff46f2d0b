// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;

/**
 * Where the encrypted bytes live: the file system today ({@code fs.FileSystemBackend}), an
 * S3-compatible object store later. A backend only ever sees ciphertext and sealed key records; it
 * keeps, per blob, one small mutable key record and immutable content.
 */
public interface BlobBackend extends Closeable {

  /** Writes a blob's content to the stream it is given; must not close it. */
  @FunctionalInterface
  interface ContentWriter {
    void writeTo(OutputStream content) throws IOException;
  }

  /**
   * The blob's current key record; {@code staleCopy} tells that an older copy (perhaps sealed by an
   * older KEK) is still kept beside it, as after a crash in {@link #replaceKeyRecord}.
   */
  record KeyRecord(byte[] bytes, boolean staleCopy) {}

  /** A blob opened for reading: its key record and its content, read from one consistent open. */
  record OpenedBlob(KeyRecord keyRecord, SeekableByteChannel content, long storedSize) {}

  /** The largest key record this backend accepts. */
  int maxKeyRecordLength();

  /**
   * Stores a new blob. When this returns, the blob is durable and visible; when it throws, nothing of
   * the blob is left. Errors from {@code content}'s own source pass through unchanged.
   *
   * @return the bytes the blob occupies in the backend
   * @throws StorageFullException no space (or below the configured reserve)
   * @throws BlobStoreException any other failure to write, naming the blob
   */
  long create(BlobId id, byte[] keyRecord, ContentWriter content) throws IOException;

  /** @throws BlobNotFoundException no such blob */
  OpenedBlob open(BlobId id) throws IOException;

  /** @throws BlobNotFoundException no such blob */
  KeyRecord readKeyRecord(BlobId id) throws IOException;

  /** Atomically and durably replaces the key record and drops any older copy. */
  void replaceKeyRecord(BlobId id, byte[] keyRecord) throws IOException;

  boolean exists(BlobId id) throws IOException;

  /** Deletes durably; {@code false} when there was no such blob. */
  boolean delete(BlobId id) throws IOException;

  /** Visits every stored blob once (blobs created or deleted meanwhile may or may not be seen). */
  void forEach(BlobVisitor visitor) throws IOException;

  /** Receives blob ids from {@link #forEach}. */
  @FunctionalInterface
  interface BlobVisitor {
    void visit(BlobId id) throws IOException;
  }

  /** Names the backend for messages (a directory, a bucket). */
  String description();
}
