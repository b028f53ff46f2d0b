// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import java.security.GeneralSecurityException;

/** Registers the Tink key types this module parses (AEAD for KEKs, streaming AEAD for data keys). */
final class TinkSetup {

  static {
    try {
      AeadConfig.register();
      StreamingAeadConfig.register();
    } catch (GeneralSecurityException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private TinkSetup() {}

  /** Touching this method runs the registration once per class loader. */
  static void ensureRegistered() {
    // the static initializer does the work
  }
}
