// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Wraps the ciphertext channel and remembers whether it failed, so that a decryption error can be
 * told apart from a disk error (both reach the reader as IOException from Tink).
 */
final class FaultRecordingChannel implements SeekableByteChannel {

  private final SeekableByteChannel ciphertext;
  private volatile IOException failure;

  FaultRecordingChannel(SeekableByteChannel ciphertext) {
    this.ciphertext = ciphertext;
  }

  IOException failure() {
    return failure;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    try {
      return ciphertext.read(dst);
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    return ciphertext.write(src);
  }

  @Override
  public long position() throws IOException {
    return ciphertext.position();
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ciphertext.position(newPosition);
    return this;
  }

  @Override
  public long size() throws IOException {
    try {
      return ciphertext.size();
    } catch (IOException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public SeekableByteChannel truncate(long size) throws IOException {
    ciphertext.truncate(size);
    return this;
  }

  @Override
  public boolean isOpen() {
    return ciphertext.isOpen();
  }

  @Override
  public void close() throws IOException {
    ciphertext.close();
  }
}
