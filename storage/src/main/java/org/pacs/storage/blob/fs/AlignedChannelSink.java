// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Writes a blob's content to its file in whole 1 MiB chunks from a direct buffer, and starts an
 * fsync in the background every {@code writebackBytes}.
 *
 * <p>Why chunks: Tink's ciphertext segments are 1 MiB + 16 bytes, so unbuffered writes end mid-page;
 * the next write then touches a page the background fsync may be writing, and waits for the disk.
 * Page-aligned chunks (content starts at 4096) never touch a page twice. Why the background fsync:
 * the disk writes while the next bytes are encrypted, and the final fsync has little left to do.
 */
final class AlignedChannelSink extends OutputStream {

  private static final int CHUNK = 1024 * 1024;

  private final FileChannel channel;
  private final long writebackBytes;
  private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
  private long unsynced;
  private Thread writeback;
  private volatile IOException writebackFailure;

  AlignedChannelSink(FileChannel channel, long writebackBytes) {
    this.channel = channel;
    this.writebackBytes = writebackBytes;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    int at = off;
    int left = len;
    while (left > 0) {
      int n = Math.min(left, buffer.remaining());
      buffer.put(b, at, n);
      at += n;
      left -= n;
      if (!buffer.hasRemaining()) {
        drain();
      }
    }
  }

  /** Writes what is buffered (the last, partial chunk). */
  @Override
  public void flush() throws IOException {
    drain();
  }

  private void drain() throws IOException {
    buffer.flip();
    int written = buffer.remaining();
    while (buffer.hasRemaining()) {
      channel.write(buffer);
    }
    buffer.clear();
    unsynced += written;
    if (unsynced >= writebackBytes && (writeback == null || !writeback.isAlive())) {
      unsynced = 0;
      writeback = Thread.ofVirtual().name("blob-writeback").start(() -> {
        try {
          channel.force(false);
        } catch (IOException e) {
          writebackFailure = e;
        }
      });
    }
  }

  /** Waits for a background fsync still running; rethrows its failure. */
  void awaitWriteback() throws IOException {
    if (writeback != null) {
      try {
        writeback.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for the disk");
      }
    }
    if (writebackFailure != null) {
      throw writebackFailure;
    }
  }

  @Override
  public void close() {
    // The backend fsyncs and closes the file.
  }
}
