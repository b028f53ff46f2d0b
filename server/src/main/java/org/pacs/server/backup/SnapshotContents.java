// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.CatalogSecrets;

/**
 * Reads which blobs a catalog snapshot references, by opening the snapshot (still encrypted, in a
 * scratch directory under {@code run/}) as a catalog of its own. This is what makes a backup taken
 * during ingest consistent: the backup keeps only a snapshot whose every referenced blob it holds.
 */
final class SnapshotContents {
    private SnapshotContents() {
    }

    static Set<String> referencedBlobIds(Path snapshotZip, Path scratch, CatalogSecrets secrets) throws IOException {
        Path db = scratch.resolve("catalog").resolve("catalog.mv.db");
        Files.createDirectories(db.getParent());
        try {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(snapshotZip))) {
                boolean found = false;
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    if (e.getName().equals("catalog.mv.db")) {
                        try (OutputStream out = Files.newOutputStream(db)) {
                            in.transferTo(out);
                        }
                        found = true;
                    }
                }
                if (!found) {
                    throw new IOException("the catalog snapshot holds no database file");
                }
            }
            CatalogSecrets copy = new CatalogSecrets(secrets.filePassword(), secrets.userPassword());
            try (Catalog catalog = Catalog.open(CatalogConfig.h2(scratch, copy).rebuildThreads(1).build())) {
                return catalog.read(s -> new HashSet<>(s.createSelectionQuery(
                        "select i.blob.blobId from Instance i", String.class).getResultList()));
            }
        } finally {
            try (Stream<Path> s = Files.walk(scratch)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
