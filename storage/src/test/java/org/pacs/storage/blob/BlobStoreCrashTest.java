// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.storage.blob.fs.FileSystemBackend;
import org.pacs.storage.crypto.KekVersion;
import org.pacs.storage.crypto.KeyRing;
import org.pacs.storage.testing.TestStores;

/**
 * Kills a child JVM ({@link CrashWriter}) with SIGKILL in the middle of writing, and once in the
 * middle of re-wrapping after a key rotation, then checks that every acknowledged blob verifies,
 * no temporary file survives the reopening, and every blob file present is complete.
 */
class BlobStoreCrashTest {

  private static final String END = "<end of output>";
  private static final long LINE_TIMEOUT_SECONDS = 60;

  @TempDir
  Path dataDir;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void acknowledgedBlobsSurviveAKillMidWriteAndMidRewrap() throws Exception {
    TestStores.keyRing(dataDir).close(); // the keystore exists before the child starts
    Random random = new Random();
    List<BlobRef> acknowledged = new ArrayList<>();
    for (int round = 0; round < 3; round++) {
      int acksBeforeKill = 2 + random.nextInt(6);
      Child child = Child.start(dataDir, "put", String.valueOf(random.nextLong()));
      for (int i = 0; i < acksBeforeKill; i++) {
        acknowledged.add(parseAck(child.nextLine()));
      }
      // Into the next write, at a random point.
      Thread.sleep(random.nextInt(40));
      child.kill();
      for (String line : child.remainingLines()) {
        acknowledged.add(parseAck(line));
      }
      assertStoreIsConsistent(acknowledged, false);
    }

    Child rewrapper = Child.start(dataDir, "rewrap");
    assertEquals("ROTATED", rewrapper.nextLine());
    rewrapper.nextLine();
    rewrapper.kill();
    assertStoreIsConsistent(acknowledged, false);
    try (KeyRing keyRing = TestStores.keyRing(dataDir);
        EncryptedBlobStore store = EncryptedBlobStore.open(dataDir, keyRing)) {
      assertEquals(new KekVersion(2), keyRing.primary(), "the rotation was durable before re-wrapping began");
      store.retireKek(new KekVersion(1), RewrapListener.none());
    }
    assertStoreIsConsistent(acknowledged, true);
  }

  /** Reopens the store: acknowledged blobs verify, no temporary file is left, every blob file is whole. */
  private void assertStoreIsConsistent(List<BlobRef> acknowledged, boolean onlyV2) throws IOException {
    try (KeyRing keyRing = TestStores.keyRing(dataDir);
        EncryptedBlobStore store = EncryptedBlobStore.open(dataDir, keyRing)) {
      if (onlyV2) {
        assertEquals(List.of(new KekVersion(2)), keyRing.versions());
      }
      for (BlobRef ref : acknowledged) {
        store.verify(ref);
      }
      Set<BlobId> acked = new HashSet<>(acknowledged.stream().map(BlobRef::id).toList());
      try (Stream<Path> files = Files.walk(dataDir.resolve("blobs"))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String name = file.getFileName().toString();
          assertTrue(!name.endsWith(".tmp"), "temporary file left after reopening: " + file);
          if (name.endsWith(".blob")) {
            BlobId id = BlobId.parse(name.substring(0, name.length() - 5));
            if (!acked.contains(id)) {
              // Renamed into place but killed before it printed the ack: it must still be whole.
              assertWhole(store, id, Files.size(file));
            }
          }
        }
      }
    }
  }

  private static void assertWhole(BlobStore store, BlobId id, long storedSize) throws IOException {
    BlobRef unknownDigest = new BlobRef(id, CrashWriter.IDENTITY, 0, storedSize, "0".repeat(64));
    try (InputStream in = store.open(unknownDigest)) {
      in.transferTo(OutputStreamDiscard.INSTANCE); // authenticates every segment, the last one included
    }
  }

  private static BlobRef parseAck(String line) {
    String[] parts = line.split(" ");
    if (parts.length != 5 || !parts[0].equals("ACK")) {
      fail("unexpected line from the child: " + line);
    }
    return new BlobRef(BlobId.parse(parts[1]), CrashWriter.IDENTITY, Long.parseLong(parts[2]),
        Long.parseLong(parts[3]), parts[4]);
  }

  /** A child JVM on this test's class path, its stdout read line by line on a virtual thread. */
  private record Child(Process process, BlockingQueue<String> lines, StringBuilder stderr) {

    static Child start(Path dataDir, String... args) throws IOException {
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
          "-cp", System.getProperty("java.class.path"), CrashWriter.class.getName(), dataDir.toString()));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command);
      builder.environment().put(TestStores.VARIABLE, TestStores.SECRET);
      Process process = builder.start();
      BlockingQueue<String> lines = new LinkedBlockingQueue<>();
      StringBuilder stderr = new StringBuilder();
      Thread.ofVirtual().start(() -> {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = reader.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException closedByKill) {
          // the pipe closes when the child dies
        } finally {
          lines.add(END);
        }
      });
      Thread.ofVirtual().start(() -> {
        try {
          String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
          synchronized (stderr) {
            stderr.append(err);
          }
        } catch (IOException ignored) {
          // the pipe closes when the child dies
        }
      });
      return new Child(process, lines, stderr);
    }

    String nextLine() throws InterruptedException {
      String line = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(line, "the child printed nothing for " + LINE_TIMEOUT_SECONDS + " s");
      if (line.equals(END)) {
        synchronized (stderr) {
          fail("the child ended early: " + stderr);
        }
      }
      return line;
    }

    void kill() throws InterruptedException {
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
      assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the child did not die");
    }

    /** Lines printed before the kill that were not read yet (acks count, whenever printed). */
    List<String> remainingLines() throws InterruptedException {
      List<String> rest = new ArrayList<>();
      for (String line; !(line = lines.poll(LINE_TIMEOUT_SECONDS, TimeUnit.SECONDS)).equals(END); ) {
        rest.add(line);
      }
      return rest;
    }
  }

  /** Discards bytes. */
  private static final class OutputStreamDiscard extends java.io.OutputStream {
    static final OutputStreamDiscard INSTANCE = new OutputStreamDiscard();

    @Override
    public void write(int b) {}

    @Override
    public void write(byte[] b, int off, int len) {}
  }
}
