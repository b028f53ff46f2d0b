// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.storage.testing.TestStores;

/**
 * The running archive and the operator's commands share the key ring (shared lock), but keys change
 * only when no other process holds them (exclusive lock).
 */
@Timeout(60)
class KeyRingSharingTest {
  @TempDir
  Path dataDir;

  private Process holder() throws IOException {
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-cp", System.getProperty("java.class.path"), KeyRingHolder.class.getName(),
        dataDir.toString())).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue(line != null && line.startsWith("OPEN"), "child said " + line);
    return p;
  }

  private static void stop(Process p) throws Exception {
    p.getOutputStream().close();
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
  }

  @Test
  void anotherProcessCanUseTheKeysWhileOneHoldsThem() throws Exception {
    TestStores.keyRing(dataDir).close();
    Process other = holder();
    try (KeyRing mine = TestStores.keyRing(dataDir)) {
      BlobCipher cipher = mine.newBlobCipher();
      byte[] record = mine.seal(cipher, new byte[] {1});
      mine.unseal(record, new byte[] {1});
    } finally {
      stop(other);
    }
  }

  @Test
  void rotationIsRefusedWhileAnotherProcessHoldsTheKeysAndWorksAfterwards() throws Exception {
    TestStores.keyRing(dataDir).close();
    Process other = holder();
    try (KeyRing mine = TestStores.keyRing(dataDir)) {
      KeyRingException e = assertThrows(KeyRingException.class, mine::rotate);
      assertTrue(e.getMessage().contains("in use by another process"), e.getMessage());
      assertEquals(List.of(new KekVersion(1)), mine.versions());
      stop(other);
      assertEquals(new KekVersion(2), mine.rotate());
    } finally {
      stop(other);
    }
  }
}
