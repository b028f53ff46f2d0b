// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.verify;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.archive.catalog.CatalogSecrets;

/**
 * A running archive's embedded catalog, read from a snapshot it took on request (H2 {@code BACKUP TO},
 * still encrypted): the archive holds the database file itself, so the copy is opened as a catalog of
 * its own in a scratch directory, removed on close.
 */
public final class CatalogCopy implements AutoCloseable {
    private final Path scratch;
    private final Catalog catalog;

    private CatalogCopy(Path scratch, Catalog catalog) {
        this.scratch = scratch;
        this.catalog = catalog;
    }

    /** Opens the database file in {@code snapshotZip} under {@code scratch}, with the catalog's passwords. */
    public static CatalogCopy open(Path snapshotZip, Path scratch, CatalogSecrets secrets) throws IOException {
        Path db = scratch.resolve("catalog").resolve("catalog.mv.db");
        Files.createDirectories(db.getParent());
        try {
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(snapshotZip))) {
                if (!extract(in, db)) {
                    throw new IOException("the catalog snapshot holds no database file");
                }
            }
            // The catalog wipes the passwords it is given when it closes.
            CatalogSecrets copy = new CatalogSecrets(secrets.filePassword(), secrets.userPassword());
            return new CatalogCopy(scratch, Catalog.open(CatalogConfig.h2(scratch, copy).build()));
        } catch (IOException | RuntimeException e) {
            Scratch.delete(scratch);
            throw e;
        }
    }

    private static boolean extract(ZipInputStream in, Path db) throws IOException {
        for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
            if (e.getName().equals("catalog.mv.db")) {
                try (OutputStream out = Files.newOutputStream(db)) {
                    ((InputStream) in).transferTo(out);
                }
                return true;
            }
        }
        return false;
    }

    public Catalog catalog() {
        return catalog;
    }

    @Override
    public void close() throws IOException {
        try {
            catalog.close();
        } finally {
            Scratch.delete(scratch);
        }
    }
}
