// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import java.security.GeneralSecurityException;

/** A data key is wrapped by a KEK version this key ring does not hold (retired, or another keystore). */
public final class KekNotHeldException extends GeneralSecurityException {

  private final int version;

  public KekNotHeldException(int version) {
    super("data key is wrapped by KEK v" + version + ", which this keystore does not hold");
    this.version = version;
  }

  public int version() {
    return version;
  }
}
