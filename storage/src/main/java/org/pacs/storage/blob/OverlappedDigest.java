// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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

  /** One virtual thread per chunk, from a process-wide factory (an executor per blob cost a thread pool each). */
  private static final Executor HASHER = command -> Thread.ofVirtual().name("blob-sha256").start(command);

  private OverlappedDigest() {}

  /** Result of a copy. */
  record Copied(long size, byte[] sha256) {}

  static Copied copy(InputStream source, OutputStream sink) throws IOException {
    MessageDigest sha256 = newSha256();
    byte[][] buffers = new byte[BUFFERS][CHUNK];
    int first = source.readNBytes(buffers[0], 0, CHUNK);
    if (first < CHUNK) {
      // Most objects fit one chunk: hashing inline costs less than handing it to another thread.
      sha256.update(buffers[0], 0, first);
      sink.write(buffers[0], 0, first);
      return new Copied(first, sha256.digest());
    }
    @SuppressWarnings("unchecked")
    CompletableFuture<Void>[] hashed = new CompletableFuture[BUFFERS];
    // Each update runs after the previous one (the digest is sequential), off the writing thread.
    CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    long size = 0;
    int n = first;
    for (int i = 0; ; i = (i + 1) % BUFFERS) {
      if (i != 0 || size != 0) {
        await(hashed[i]);
        n = source.read(buffers[i]);
      }
      if (n == -1) {
        break;
      }
      byte[] buffer = buffers[i];
      int length = n;
      tail = tail.thenRunAsync(() -> sha256.update(buffer, 0, length), HASHER);
      hashed[i] = tail;
      sink.write(buffer, 0, length);
      size += length;
    }
    await(tail);
    return new Copied(size, sha256.digest());
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
