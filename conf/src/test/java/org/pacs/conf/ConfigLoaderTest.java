// SPDX-License-Identifier: Apache-2.0
package org.pacs.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private void yaml(String text) throws IOException {
        Files.writeString(dir.resolve("pacs.yaml"), text);
    }

    @Nested
    class Defaults {
        @Test
        void areTheSecureOnesWithoutAnyFile() {
            Config c = ConfigLoader.load(dir, Map.of());
            assertEquals("PACS", c.string(Settings.AE_TITLE));
            assertEquals(2762, c.integer(Settings.DICOM_TLS_PORT));
            assertFalse(c.bool(Settings.LEGACY_ENABLED));
            assertEquals("required", c.string(Settings.TLS_CLIENT_AUTH));
            assertEquals(List.of("TLSv1.3", "TLSv1.2"), c.list(Settings.TLS_PROTOCOLS));
            assertEquals(Config.Source.DEFAULT, c.source(Settings.AE_TITLE));
        }
    }

    @Nested
    class Precedence {
        @Test
        void environmentOverridesTheFileWhichOverridesTheDefault() throws IOException {
            yaml("server:\n  aeTitle: ARCHIVE\n  dicomTlsPort: 3000\n");
            Config c = ConfigLoader.load(dir, Map.of("PACS_SERVER_DICOM_TLS_PORT", "4000"));
            assertEquals("ARCHIVE", c.string(Settings.AE_TITLE));
            assertEquals(Config.Source.FILE, c.source(Settings.AE_TITLE));
            assertEquals(4000, c.integer(Settings.DICOM_TLS_PORT));
            assertEquals(Config.Source.ENVIRONMENT, c.source(Settings.DICOM_TLS_PORT));
        }

        @Test
        void aFileVariableReadsASecretFromADockerSecretFile() throws IOException {
            Path secret = Files.writeString(dir.resolve("db-password"), "s3cret\n");
            Config c = ConfigLoader.load(dir, Map.of("PACS_CATALOG_PASSWORD_FILE", secret.toString()));
            assertEquals("s3cret", c.string(Settings.CATALOG_PASSWORD));
        }

        @Test
        void listsComeFromCommaSeparatedEnvironmentValues() {
            Config c = ConfigLoader.load(dir, Map.of("PACS_SERVER_HOSTNAMES", "pacs.local, 10.0.0.5"));
            assertEquals(List.of("pacs.local", "10.0.0.5"), c.list(Settings.HOSTNAMES));
        }
    }

    @Nested
    class Mistakes {
        @Test
        void anOutOfRangePortNamesTheKeyTheValueAndTheFix() throws IOException {
            yaml("server:\n  dicomTlsPort: 70000\n");
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, Map.of()));
            assertEquals("server.dicomTlsPort", e.key());
            assertTrue(e.getMessage().contains("70000"), e.getMessage());
            assertTrue(e.getMessage().contains("Fix: a number from 1 to 65535"), e.getMessage());
            assertTrue(e.getMessage().contains("PACS_SERVER_DICOM_TLS_PORT"), e.getMessage());
        }

        @Test
        void anUnknownKeySuggestsTheRightSpelling() throws IOException {
            yaml("server:\n  aetitle: X\n");
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, Map.of()));
            assertEquals("server.aetitle", e.key());
            assertTrue(e.getMessage().contains("did you mean 'server.aeTitle'"), e.getMessage());
        }

        @Test
        void anOldTlsVersionIsRefused() {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(dir, Map.of("PACS_TLS_PROTOCOLS", "TLSv1.1,TLSv1.2")));
            assertEquals("tls.protocols", e.key());
        }

        @Test
        void anInvalidAeTitleIsRefused() {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(dir, Map.of("PACS_SERVER_AE_TITLE", "WAY_TOO_LONG_AE_TITLE")));
            assertEquals("server.aeTitle", e.key());
        }

        @Test
        void theKekSecretFileMustNotLieInsideTheDataDirectory() {
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir,
                    Map.of("PACS_STORAGE_KEK_SECRET_PATH", dir.resolve("kek.secret").toString())));
            assertEquals("storage.kekSecretPath", e.key());
            assertTrue(e.getMessage().contains("outside the data directory"), e.getMessage());
        }

        @Test
        void malformedYamlIsReportedWithTheFile() throws IOException {
            yaml("server: [unclosed\n");
            ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, Map.of()));
            assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        }

        @Test
        void aSecretValueIsNeverEchoedInTheError() {
            Path missing = dir.resolve("nope");
            ConfigException e = assertThrows(ConfigException.class,
                    () -> ConfigLoader.load(dir, Map.of("PACS_CATALOG_PASSWORD_FILE", missing.toString())));
            assertEquals("catalog.password", e.key());
        }
    }

    @Test
    void showMasksSecrets() {
        Config c = ConfigLoader.load(dir, Map.of("PACS_CATALOG_PASSWORD", "hunter2"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ConfigPrinter.print(c, new PrintStream(out, true, StandardCharsets.UTF_8));
        String text = out.toString(StandardCharsets.UTF_8);
        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("catalog.password"), text);
        assertTrue(text.contains("********"), text);
    }

    @Test
    void noEnvironmentNameCollidesWithAnotherSettingsFileVariant() {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (Setting s : Settings.all().values()) {
            assertTrue(names.add(s.envName()), s.envName());
            assertTrue(names.add(s.envName() + "_FILE"), s.envName() + "_FILE");
        }
    }

    @Test
    void environmentNamesFollowTheKeys() {
        assertEquals("PACS_SERVER_DICOM_TLS_PORT", Settings.DICOM_TLS_PORT.envName());
        assertEquals("PACS_AUDIT_SYSLOG_ENABLED", Settings.SYSLOG_ENABLED.envName());
    }
}
