// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.secrets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.testing.TestKeys;
import org.pacs.storage.crypto.KeyRing;

class SealedFileTest {

    private static final byte[] CONTENT = "keystore-password-7f3a9c".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;
    KeyRing keys;
    SealedFile file;

    @BeforeEach
    void open() throws IOException {
        keys = TestKeys.open(dir.resolve("data"));
        file = new SealedFile(dir.resolve("data/pki/server.p12.password"), "pki/server.p12 password");
    }

    @AfterEach
    void close() throws IOException {
        keys.close();
    }

    @Nested
    class RoundTrip {
        @Test
        void readsBackWhatWasWritten() throws IOException {
            file.write(keys, CONTENT);
            assertArrayEquals(CONTENT, file.read(keys));
        }

        @Test
        void readsBackEmptyAndLargeContent() throws IOException {
            file.write(keys, new byte[0]);
            assertArrayEquals(new byte[0], file.read(keys));
            byte[] large = new byte[3 << 20];
            Arrays.fill(large, (byte) 'x');
            file.write(keys, large);
            assertArrayEquals(large, file.read(keys));
        }

        @Test
        void replacesOldContentAndLeavesNoTemporaryFiles() throws IOException {
            file.write(keys, CONTENT);
            file.write(keys, "second".getBytes(StandardCharsets.UTF_8));
            assertEquals("second", new String(file.read(keys), StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.list(file.path().getParent())) {
                assertEquals(1, files.count());
            }
        }

        @Test
        void refusesContentLargerThanTheLimit() {
            assertThrows(IOException.class, () -> file.write(keys, new byte[SealedFile.MAX_BYTES + 1]));
        }

        @Test
        void reportsAMissingFile() {
            assertFalse(file.exists());
            assertThrows(NoSuchFileException.class, () -> file.read(keys));
        }
    }

    @Nested
    class OnDisk {
        @Test
        void neverHoldsThePlaintext() throws IOException {
            file.write(keys, CONTENT);
            byte[] raw = Files.readAllBytes(file.path());
            assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("keystore-password"));
        }

        @Test
        void isOwnerOnly() throws IOException {
            file.write(keys, CONTENT);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        }

        @Test
        void changesItsStampOnEveryWrite() throws IOException {
            assertEquals(FileStamp.ABSENT, file.stamp());
            file.write(keys, CONTENT);
            FileStamp first = file.stamp();
            file.write(keys, CONTENT);
            assertNotEquals(first, file.stamp());
        }
    }

    @Nested
    class Tampering {
        @Test
        void rejectsAFlippedCiphertextByte() throws IOException {
            file.write(keys, CONTENT);
            byte[] raw = Files.readAllBytes(file.path());
            raw[raw.length - 20] ^= 1;
            Files.write(file.path(), raw);
            assertThrows(SealedFileException.class, () -> file.read(keys));
        }

        @Test
        void rejectsAFlippedKeyRecordByte() throws IOException {
            file.write(keys, CONTENT);
            byte[] raw = Files.readAllBytes(file.path());
            raw[20] ^= 1;
            Files.write(file.path(), raw);
            assertThrows(SealedFileException.class, () -> file.read(keys));
        }

        @Test
        void rejectsATruncatedFile() throws IOException {
            file.write(keys, CONTENT);
            byte[] raw = Files.readAllBytes(file.path());
            Files.write(file.path(), Arrays.copyOf(raw, raw.length - 1));
            assertThrows(SealedFileException.class, () -> file.read(keys));
        }

        @Test
        void rejectsAFileThatIsNotSealed() throws IOException {
            Files.createDirectories(file.path().getParent());
            Files.write(file.path(), CONTENT);
            assertThrows(SealedFileException.class, () -> file.read(keys));
        }

        @Test
        void rejectsAFileSealedForAnotherRole() throws IOException {
            SealedFile registry = new SealedFile(dir.resolve("data/access/registry"), "access/ae registry");
            registry.write(keys, CONTENT);
            Files.createDirectories(file.path().getParent());
            Files.copy(registry.path(), file.path());
            assertThrows(SealedFileException.class, () -> file.read(keys));
        }

        @Test
        void rejectsAFileSealedByAnotherKeyRing() throws IOException {
            file.write(keys, CONTENT);
            try (KeyRing other = TestKeys.open(dir.resolve("other"))) {
                assertThrows(SealedFileException.class, () -> file.read(other));
            }
        }
    }

    @Test
    void needsARole() {
        assertThrows(IllegalArgumentException.class, () -> new SealedFile(dir.resolve("f"), " "));
        assertTrue(file.toString().contains("pki/server.p12 password"));
    }
}
