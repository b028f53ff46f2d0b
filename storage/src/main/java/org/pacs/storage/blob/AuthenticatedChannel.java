// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** Tink's seekable decrypting channel, read-only, with failures reported as typed errors naming the blob. */
final class AuthenticatedChannel implements SeekableByteChannel {

  private final SeekableByteChannel plaintext;
  private final BlobId id;
  private final FaultRecordingChannel ciphertext;

  AuthenticatedChannel(SeekableByteChannel plaintext, BlobId id, FaultRecordingChannel ciphertext) {
    this.plaintext = plaintext;
    this.id = id;
    this.ciphertext = ciphertext;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    try {
      return plaintext.read(dst);
    } catch (IOException e) {
      throw ReadFailures.translate(id, ciphertext, e);
    }
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    return plaintext.position();
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    plaintext.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    try {
      return plaintext.size();
    } catch (IOException e) {
      throw ReadFailures.translate(id, ciphertext, e);
    }
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return plaintext.isOpen();
  }

  @Override
  public void close() throws IOException {
    try {
      plaintext.close();
    } finally {
      ciphertext.close();
    }
  }
}
