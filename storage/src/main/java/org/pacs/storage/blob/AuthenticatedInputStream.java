// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Tink's decrypting stream, with its failures reported as typed errors naming the blob. */
final class AuthenticatedInputStream extends FilterInputStream {

  private final BlobId id;
  private final FaultRecordingChannel ciphertext;

  AuthenticatedInputStream(InputStream plaintext, BlobId id, FaultRecordingChannel ciphertext) {
    super(plaintext);
    this.id = id;
    this.ciphertext = ciphertext;
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw ReadFailures.translate(id, ciphertext, e);
    }
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    try {
      return in.read(b, off, len);
    } catch (IOException e) {
      throw ReadFailures.translate(id, ciphertext, e);
    }
  }

  @Override
  public long skip(long n) throws IOException {
    try {
      return in.skip(n);
    } catch (IOException e) {
      throw ReadFailures.translate(id, ciphertext, e);
    }
  }

  @Override
  public int available() throws IOException {
    try {
      return in.available();
    } catch (IOException e) {
      throw ReadFailures.translate(id, ciphertext, e);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      in.close();
    } finally {
      ciphertext.close();
    }
  }
}
