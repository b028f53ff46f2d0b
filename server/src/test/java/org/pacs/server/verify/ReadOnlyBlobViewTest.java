// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.verify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.ConfigLoader;
import org.pacs.storage.blob.BlobIdentity;
import org.pacs.storage.blob.BlobRef;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KeyRing;

class ReadOnlyBlobViewTest {
    @TempDir
    Path tmp;

    @Test
    void readsBlobsWhileTheStoreIsHeldOpenAndLeavesOnlyItsTargets() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        byte[] content = new byte[300_000];
        new Random(7).nextBytes(content);
        try (KeyRing keys = ArchiveKeyRing.open(ConfigLoader.load(data, Map.of())).keyRing();
             BlobStore archive = EncryptedBlobStore.open(data, keys)) { // the running archive's hold
            BlobRef ref = archive.put(new ByteArrayInputStream(content), BlobIdentity.of("1.2.3.4"));
            Path scratch = data.resolve("run").resolve("verify-test");
            try (ReadOnlyBlobView view = ReadOnlyBlobView.open(data.resolve("blobs"), scratch, keys)) {
                assertEquals(Set.of(ref.id().value()), view.blobIds());
                view.store().verify(ref);
                try (InputStream in = view.store().open(ref)) {
                    assertArrayEquals(content, in.readAllBytes());
                }
            }
            assertFalse(Files.exists(scratch), "scratch removed");
            assertTrue(archive.exists(ref.id()), "the blob itself stays");
            assertTrue(Files.exists(data.resolve("blobs").resolve(".open")), "the archive's open marker untouched");
        }
    }
}
