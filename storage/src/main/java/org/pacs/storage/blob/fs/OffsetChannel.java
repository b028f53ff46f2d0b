// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/** A read-only view of a file from {@code offset} on, so the content of a blob file starts at position 0. */
final class OffsetChannel implements SeekableByteChannel {

  private final FileChannel file;
  private final long offset;
  private long position;

  OffsetChannel(FileChannel file, long offset) {
    this.file = file;
    this.offset = offset;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    int n = file.read(dst, offset + position);
    if (n > 0) {
      position += n;
    }
    return n;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position");
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    return Math.max(0, file.size() - offset);
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return file.isOpen();
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!file.isOpen()) {
      throw new ClosedChannelException();
    }
  }
}
