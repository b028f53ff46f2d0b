// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pacs.archive.catalog.TestHeaders.instance;
import static org.pacs.archive.catalog.TestHeaders.uid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;

/** The catalog's files hold no patient name or ID in plaintext (H2 CIPHER=AES; index kept in memory). */
class EncryptionAtRestTest {
    private static final String NAME = "Quetzalcoatl^Xiuhnel";
    private static final String PATIENT_ID = "ZQX-778-431-PID";

    @TempDir
    Path dir;

    @Test
    void catalogFilesHoldNoPatientNameOrIdInPlaintext() throws Exception {
        try (Catalog catalog = TestHeaders.open(dir, TestHeaders.secrets())) {
            for (int i = 0; i < 20; i++) {
                Attributes ds = instance(PATIENT_ID, NAME, uid(), uid());
                ds.setString(Tags.PatientComments, VR.LT, NAME + " " + PATIENT_ID);
                TestHeaders.record(catalog, ds);
            }
            assertFalse(containsAnywhere(dir, NAME), "plaintext name while open");
        }
        assertFalse(containsAnywhere(dir, NAME), "plaintext name");
        assertFalse(containsAnywhere(dir, "Quetzalcoatl"), "plaintext family name");
        assertFalse(containsAnywhere(dir, PATIENT_ID), "plaintext patient ID");
    }

    /** The scan finds the name in a database written without CIPHER: the check above can fail. */
    @Test
    void theScanFindsTheNameInAnUnencryptedDatabase() throws Exception {
        Path plain = dir.resolve("plain");
        Files.createDirectories(plain);
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + plain.resolve("db"), "sa", "x")) {
            c.createStatement().execute("create table t(name varchar(100))");
            try (PreparedStatement insert = c.prepareStatement("insert into t values (?)")) {
                insert.setString(1, NAME);
                insert.execute();
            }
        }
        assertTrue(containsAnywhere(plain, NAME));
    }

    private static boolean containsAnywhere(Path root, String text) throws IOException {
        List<byte[]> needles = List.of(text.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_16LE),
                text.getBytes(StandardCharsets.UTF_16BE));
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                byte[] content = Files.readAllBytes(p);
                for (byte[] needle : needles) {
                    if (indexOf(content, needle) >= 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
