// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.archive.catalog.BlobLocation;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.storage.crypto.KeyRing;

class ReindexCommandTest {
    @TempDir
    Path tmp;

    @Test
    void rebuildsTheIndexOfAStoppedArchiveAndSaysWhatItHolds() throws Exception {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        Config config = ConfigLoader.load(data, Map.of());
        try (KeyRing keys = ArchiveKeyRing.open(config).keyRing();
             Catalog catalog = Catalog.open(CatalogConfig.h2(data, ArchiveServer.catalogSecrets(data, keys)).build())) {
            Attributes h = new Attributes();
            h.setString(Tags.SOPClassUID, VR.UI, "1.2.840.10008.5.1.4.1.1.2");
            h.setString(Tags.SOPInstanceUID, VR.UI, "1.2.3.1.1.1");
            h.setString(Tags.StudyInstanceUID, VR.UI, "1.2.3.1");
            h.setString(Tags.SeriesInstanceUID, VR.UI, "1.2.3.1.1");
            h.setString(Tags.PatientID, VR.LO, "PID1");
            catalog.writer().record(h, "1.2.840.10008.1.2.1",
                    new BlobLocation("0123456789abcdef0123456789abcdef", "1.2.3.1.1.1", 10, 20, "0".repeat(64)),
                    DuplicatePolicy.KEEP_EXISTING);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new Main().run(new String[] {"reindex", "--data", data.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, text);
        assertTrue(text.contains("index rebuilt: 1 studies of 1 patients (1 instances)"), text);
    }
}
