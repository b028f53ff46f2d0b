// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.testing.TestKeys;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.storage.crypto.KekSecretException;
import org.pacs.storage.crypto.KeyRing;

class ArchiveKeyRingTest {

    @TempDir
    Path dir;

    private KeyRing.Opened open(Path data, Map<String, String> env) throws IOException {
        Config config = ConfigLoader.load(data, env);
        return ArchiveKeyRing.open(config, env, dir.resolve("secrets"), TestKeys.FAST_KDF);
    }

    @Test
    void keepsTheDefaultSecretFileBesideTheDataDirectory() {
        assertEquals(dir.resolve("pacs-data.kek-secret"), ArchiveKeyRing.defaultSecretFile(dir.resolve("pacs-data")));
        assertEquals(dir.resolve("pacs-data.kek-secret"), ArchiveKeyRing.defaultSecretFile(dir.resolve("pacs-data/")));
    }

    @Test
    void generatesASecretAtFirstStartAndSavesItOutsideTheDataDirectory() throws IOException {
        Path data = dir.resolve("pacs-data");
        KeyRing.Opened first = open(data, Map.of());
        first.keyRing().close();
        assertTrue(first.generatedSecret().isPresent());
        Path secretFile = dir.resolve("pacs-data.kek-secret");
        assertTrue(first.savedTo().orElseThrow().contains(secretFile.toString()));
        assertEquals(first.generatedSecret().get().reveal(), Files.readString(secretFile).strip());

        KeyRing.Opened second = open(data, Map.of());
        second.keyRing().close();
        assertFalse(second.generatedSecret().isPresent());
    }

    @Test
    void prefersTheEnvironmentVariable() throws IOException {
        Path data = dir.resolve("pacs-data");
        KeyRing.Opened first = open(data, Map.of("PACS_KEK_SECRET", TestKeys.SECRET));
        first.keyRing().close();
        assertFalse(first.generatedSecret().isPresent());
        assertFalse(Files.exists(dir.resolve("pacs-data.kek-secret")));
        // The same keystore does not open with another secret.
        assertThrows(KekSecretException.class,
                () -> open(data, Map.of("PACS_KEK_SECRET", "another-secret-of-sufficient-length")));
    }

    @Test
    void readsTheDockerSecret() throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/pacs_kek_secret"), TestKeys.SECRET + "\n");
        KeyRing.Opened opened = open(dir.resolve("pacs-data"), Map.of());
        opened.keyRing().close();
        assertFalse(opened.generatedSecret().isPresent());
    }

    @Test
    void usesTheConfiguredSecretPath() throws IOException {
        Path secret = dir.resolve("elsewhere/kek");
        KeyRing.Opened opened = open(dir.resolve("pacs-data"), Map.of("PACS_STORAGE_KEK_SECRET_PATH", secret.toString()));
        opened.keyRing().close();
        assertTrue(Files.exists(secret));
        assertFalse(Files.exists(dir.resolve("pacs-data.kek-secret")));
    }

    @Test
    void acceptsTheSettingFromTheEnvironment() throws IOException {
        KeyRing.Opened opened = open(dir.resolve("pacs-data"), Map.of("PACS_STORAGE_KEK_SECRET", TestKeys.SECRET));
        opened.keyRing().close();
        assertFalse(opened.generatedSecret().isPresent());
    }

    @Test
    void refusesTheSecretWrittenInPacsYaml() throws IOException {
        Path data = dir.resolve("pacs-data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("pacs.yaml"), "storage:\n  kekSecret: " + TestKeys.SECRET + "\n",
                StandardCharsets.UTF_8);
        KekSecretException e = assertThrows(KekSecretException.class, () -> open(data, Map.of()));
        assertEquals(KekSecretException.Problem.INSIDE_DATA_DIRECTORY, e.problem());
        assertFalse(e.getMessage().contains(TestKeys.SECRET));
    }
}
