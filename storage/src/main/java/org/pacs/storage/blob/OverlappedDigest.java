// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies a stream into an encrypting stream while SHA-256 of the same bytes is computed on another
 * thread. Encryption and hashing each cost about as much CPU as writing the file; overlapping them
 * keeps an encrypted write close to a plain one. Both only read a buffer, which is refilled only
 * after both are done with it.
 */
final class OverlappedDigest {

  private static final int CHUNK = 256 * 1024;
  private static final int BUFFERS = 3;

  private OverlappedDigest() {}

  /** Result of a copy. */
  record Copied(long size, byte[] sha256) {}

  static Copied copy(InputStream source, OutputStream sink) throws IOException {
    MessageDigest sha256 = newSha256();
    byte[][] buffers = new byte[BUFFERS][CHUNK];
    @SuppressWarnings("unchecked")
    Future<?>[] hashed = new Future<?>[BUFFERS];
    long size = 0;
    ExecutorService hasher = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("blob-sha256").factory());
    try {
      for (int i = 0; ; i = (i + 1) % BUFFERS) {
        await(hashed[i]);
        byte[] buffer = buffers[i];
        int n = source.read(buffer);
        if (n == -1) {
          break;
        }
        hashed[i] = hasher.submit(() -> sha256.update(buffer, 0, n));
        sink.write(buffer, 0, n);
        size += n;
      }
      for (Future<?> f : hashed) {
        await(f);
      }
      return new Copied(size, sha256.digest());
    } finally {
      hasher.shutdownNow();
    }
  }

  private static void await(Future<?> f) throws IOException {
    if (f == null) {
      return;
    }
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    } catch (ExecutionException e) {
      throw new IllegalStateException("SHA-256 failed", e.getCause());
    }
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
