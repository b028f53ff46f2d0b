// SPDX-License-Identifier: Apache-2.0
package org.pacs.storage.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KekSecretSourceTest {

  private static final String SECRET = "a-long-enough-secret-123";

  @TempDir
  Path tmp;
  Path dataDir;

  @BeforeEach
  void dirs() throws Exception {
    dataDir = Files.createDirectory(tmp.resolve("data"));
  }

  static String read(KekSecretSource source, Path dataDir) throws Exception {
    return source.read(dataDir).map(KekSecret::reveal).orElse(null);
  }

  @Nested
  class EnvironmentVariable {

    @Test
    void readsTheVariable() throws Exception {
      assertEquals(SECRET, read(KekSecretSource.environmentVariable("V", Map.of("V", SECRET)::get), dataDir));
    }

    @Test
    void treatsUnsetAndEmptyAsNoSecret() throws Exception {
      assertEquals(Optional.empty(), KekSecretSource.environmentVariable("V", Map.<String, String>of()::get).read(dataDir));
      assertEquals(Optional.empty(), KekSecretSource.environmentVariable("V", Map.of("V", "")::get).read(dataDir));
    }

    @Test
    void refusesAShortSecret() {
      KekSecretException e = assertThrows(KekSecretException.class,
          () -> KekSecretSource.environmentVariable("V", Map.of("V", "short")::get).read(dataDir));
      assertEquals(KekSecretException.Problem.TOO_SHORT, e.problem());
    }

    @Test
    void cannotSaveAGeneratedSecret() {
      assertTrue(!KekSecretSource.environmentVariable("V").canSave());
    }
  }

  @Nested
  class SecretFiles {

    @Test
    void readsADockerSecretWithoutItsTrailingNewline() throws Exception {
      Path secrets = Files.createDirectory(tmp.resolve("run-secrets"));
      Files.writeString(secrets.resolve("pacs_kek_secret"), SECRET + "\n");
      assertEquals(SECRET, read(KekSecretSource.dockerSecret(secrets, "pacs_kek_secret"), dataDir));
    }

    @Test
    void treatsAnAbsentFileAsNoSecret() throws Exception {
      assertEquals(Optional.empty(), KekSecretSource.file(tmp.resolve("absent")).read(dataDir));
    }

    @Test
    void refusesASecretFileInsideTheDataDirectory() throws Exception {
      Path inside = dataDir.resolve("keys/secret");
      Files.createDirectories(inside.getParent());
      Files.writeString(inside, SECRET);
      KekSecretException e = assertThrows(KekSecretException.class, () -> KekSecretSource.file(inside).read(dataDir));
      assertEquals(KekSecretException.Problem.INSIDE_DATA_DIRECTORY, e.problem());
    }

    @Test
    void refusesASymbolicLinkThatLeadsIntoTheDataDirectory() throws Exception {
      Path link = Files.createSymbolicLink(tmp.resolve("link"), dataDir);
      Files.writeString(dataDir.resolve("secret"), SECRET);
      KekSecretException e = assertThrows(KekSecretException.class,
          () -> KekSecretSource.file(link.resolve("secret")).read(dataDir));
      assertEquals(KekSecretException.Problem.INSIDE_DATA_DIRECTORY, e.problem());
    }

    @Test
    void acceptsAFileInsideTheDataDirectoryOnlyByExplicitChoice() throws Exception {
      Path inside = dataDir.resolve("secret");
      Files.writeString(inside, SECRET);
      assertEquals(SECRET, read(KekSecretSource.fileInsideDataDirectory(inside), dataDir));
    }

    @Test
    void savesAGeneratedSecretOwnerOnlyAndNeverOverwrites() throws Exception {
      Path file = tmp.resolve("etc/pacs/kek-secret");
      KekSecretSource source = KekSecretSource.file(file);
      KekSecret secret = KekSecret.generate(new SecureRandom());
      source.save(secret, dataDir);
      assertEquals(secret.reveal(), read(source, dataDir));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertThrows(FileAlreadyExistsException.class, () -> source.save(KekSecret.generate(new SecureRandom()), dataDir));
      assertEquals(secret.reveal() + "\n", Files.readString(file, StandardCharsets.UTF_8));
    }
  }

  @Test
  void firstOfTakesTheFirstSourceThatHasASecretAndSavesToTheFirstFile() throws Exception {
    Path file = tmp.resolve("secret-file");
    KekSecretSource chain = KekSecretSource.firstOf(List.of(
        KekSecretSource.environmentVariable("V", Map.<String, String>of()::get),
        KekSecretSource.dockerSecret(tmp.resolve("no-secrets"), "x"),
        KekSecretSource.file(file)));
    assertEquals(Optional.empty(), chain.read(dataDir));
    assertTrue(chain.canSave());
    chain.save(KekSecret.of(SECRET), dataDir);
    assertEquals(SECRET, read(chain, dataDir));
    KekSecretSource envFirst = KekSecretSource.firstOf(List.of(
        KekSecretSource.environmentVariable("V", Map.of("V", "from-the-environment-1")::get), KekSecretSource.file(file)));
    assertEquals("from-the-environment-1", read(envFirst, dataDir));
  }

  @Test
  void neverPrintsTheSecret() throws Exception {
    assertEquals("KekSecret[redacted]", KekSecret.of(SECRET).toString());
    assertEquals(43, KekSecret.generate(new SecureRandom()).reveal().length());
  }
}
