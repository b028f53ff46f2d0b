// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import java.io.IOException;
import java.nio.file.Path;
import org.pacs.storage.testing.TestStores;

/**
 * The child JVM of {@link KeyRingSharingTest}: opens the key ring of {@code args[0]}, prints
 * {@code OPEN}, and keeps it open until its standard input ends (the parent closes it or dies).
 */
public final class KeyRingHolder {
  private KeyRingHolder() {}

  public static void main(String[] args) throws IOException {
    try (KeyRing keyRing = TestStores.keyRing(Path.of(args[0]))) {
      System.out.println("OPEN " + keyRing.primary().number());
      System.out.flush();
      System.in.readAllBytes();
    }
  }
}
