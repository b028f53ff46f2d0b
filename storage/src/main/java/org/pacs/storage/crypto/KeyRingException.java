// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import java.io.IOException;

/**
 * The keystore cannot be used as asked: it is damaged, missing while blobs exist, locked by another
 * process, or a KEK version cannot be retired. The message names the file and the fix.
 */
public class KeyRingException extends IOException {

  public KeyRingException(String message) {
    super(message);
  }

  public KeyRingException(String message, Throwable cause) {
    super(message, cause);
  }
}
