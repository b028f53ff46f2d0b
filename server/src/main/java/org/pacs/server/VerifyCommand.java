// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.ingest.IngestJournal;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.Settings;
import org.pacs.server.backup.ServerCatalogSnapshot;
import org.pacs.server.verify.ArchiveVerifier;
import org.pacs.server.verify.CatalogCopy;
import org.pacs.server.verify.ReadOnlyBlobView;
import org.pacs.server.verify.Scratch;
import org.pacs.server.verify.VerifyReport;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs verify}: decrypts every stored object to check its authentication tags, compares it with
 * the catalog, and lists blobs the catalog does not name. Exit 0 when everything the catalog names is
 * intact, 1 on any damaged or missing object (or when it cannot run). Works while the archive runs:
 * blobs are read through a {@link ReadOnlyBlobView}, and a running archive's embedded catalog through
 * a snapshot it takes on request (as for an online backup). Scratch files go to {@code <data>/run/}.
 */
final class VerifyCommand implements Command {
    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String usage() {
        return "verify [--data DIR]";
    }

    @Override
    public String summary() {
        return "check every stored object against its authentication tag and the catalog";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        if (!opt.rest().isEmpty()) {
            throw new UsageException("unexpected arguments " + opt.rest());
        }
        Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
        Path dataDir = config.dataDir();
        Path blobs = dataDir.resolve(EncryptedBlobStore.BLOBS_DIRECTORY);
        if (!Files.isDirectory(blobs)) {
            err.println("pacs verify: " + dataDir + " holds no blob store (not an archive's data directory?)");
            return 1;
        }
        byte[] id = new byte[8];
        new SecureRandom().nextBytes(id);
        Path scratch = dataDir.resolve("run").resolve("verify-" + HexFormat.of().formatHex(id));
        boolean runExisted = Files.isDirectory(scratch.getParent());
        Deque<AutoCloseable> open = new ArrayDeque<>();
        try {
            boolean running = new ServerStatusFile(dataDir).running().isPresent();
            KeyRing keys = ArchiveKeyRing.open(config).keyRing();
            open.push(keys);
            ReadOnlyBlobView view = ReadOnlyBlobView.open(blobs, scratch.resolve("blobs"), keys);
            open.push(view);
            // The store is listed before the catalog is read: see ArchiveVerifier.
            Set<String> stored = view.blobIds();
            Catalog catalog = openCatalog(config, keys, running, scratch, open, out);
            List<IngestJournal.Entry> journal;
            try (IngestJournal j = IngestJournal.open(dataDir.resolve("catalog"))) {
                journal = j.entries();
            }
            ArchiveVerifier verifier = new ArchiveVerifier(view.store(), stored, catalog, journal);
            Progress bar = new Progress(out, "verified", verifier.expected());
            VerifyReport report;
            try {
                report = verifier.run(bar::set);
            } finally {
                bar.finish();
            }
            report.print(out);
            return report.intact() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("pacs verify: " + e.getMessage());
            return 1;
        } finally {
            while (!open.isEmpty()) {
                try {
                    open.pop().close();
                } catch (Exception e) {
                    err.println("pacs verify: while closing: " + e.getMessage());
                }
            }
            try {
                Scratch.delete(scratch);
                if (!runExisted) {
                    Files.deleteIfExists(scratch.getParent()); // only if empty: nothing of ours stays
                }
            } catch (java.nio.file.DirectoryNotEmptyException e) {
                // the archive started meanwhile and uses run/
            } catch (IOException e) {
                err.println("pacs verify: could not remove " + scratch + ": " + e.getMessage());
            }
        }
    }

    /**
     * The catalog as it is now: PostgreSQL, or a stopped archive's embedded database, opened directly; a
     * running archive's embedded database through a snapshot the archive takes on request.
     */
    private static Catalog openCatalog(Config config, KeyRing keys, boolean running, Path scratch,
            Deque<AutoCloseable> open, PrintStream out) throws IOException {
        Path dataDir = config.dataDir();
        Progress indexing = new Progress(out, "catalog opened, indexed", -1);
        Catalog catalog;
        if (running && config.string(Settings.CATALOG_URL).isBlank()) {
            out.println("The archive is running: it copies its catalog on request, and that copy is checked.");
            Path snapshot;
            try {
                snapshot = new ServerCatalogSnapshot(dataDir, Duration.ofSeconds(15), Duration.ofHours(1)).take();
            } catch (IOException e) {
                throw new IOException("the running archive did not copy its catalog (" + e.getMessage()
                        + "). Stop the archive and run verify again.", e);
            }
            try {
                CatalogCopy copy = CatalogCopy.open(snapshot, scratch.resolve("catalog-copy"),
                        ArchiveServer.catalogSecrets(dataDir, keys));
                open.push(copy);
                catalog = copy.catalog();
            } finally {
                Files.deleteIfExists(snapshot);
            }
        } else {
            catalog = Catalog.open(CatalogConnection.builder(config,
                    () -> ArchiveServer.catalogSecrets(dataDir, keys), open::push)
                    .progress((indexed, all) -> indexing.set(indexed)).build());
            open.push(catalog);
        }
        indexing.finish();
        return catalog;
    }
}
