// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.ingest.IngestJournal;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.server.verify.ArchiveVerifier;
import org.pacs.server.verify.VerifyReport;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.blob.fs.FileSystemBackend;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs verify}: decrypts every stored object to check its authentication tags, compares it with
 * the catalog, and lists blobs the catalog does not name. Exit 0 when everything the catalog names is
 * intact, 1 on any damaged or missing object (or when it cannot run). The running archive holds the
 * blob store's lock and the embedded catalog, so it runs on a stopped archive.
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
        return "check every stored object against its authentication tag and the catalog (archive stopped)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        if (!opt.rest().isEmpty()) {
            throw new UsageException("unexpected arguments " + opt.rest());
        }
        Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
        Deque<AutoCloseable> open = new ArrayDeque<>();
        try {
            Optional<Properties> running = new ServerStatusFile(config.dataDir()).running();
            if (running.isPresent()) {
                err.println("pacs verify: the archive is running (pid " + running.get().getProperty("pid")
                        + ") and holds the blob store and the catalog. Stop it, verify, and start it again.");
                return 1;
            }
            if (!java.nio.file.Files.isDirectory(config.dataDir().resolve(EncryptedBlobStore.BLOBS_DIRECTORY))) {
                err.println("pacs verify: " + config.dataDir() + " holds no blob store (not an archive's data directory?)");
                return 1;
            }
            KeyRing keys = ArchiveKeyRing.open(config).keyRing();
            open.push(keys);
            FileSystemBackend backend = FileSystemBackend.open(config.dataDir().resolve(EncryptedBlobStore.BLOBS_DIRECTORY));
            EncryptedBlobStore store = EncryptedBlobStore.open(backend, keys); // closes the backend
            open.push(store);
            Progress indexing = new Progress(out, "catalog opened, indexed", -1);
            Catalog catalog = Catalog.open(CatalogConnection.builder(config,
                    () -> ArchiveServer.catalogSecrets(config.dataDir(), keys), open::push)
                    .progress((indexed, all) -> indexing.set(indexed)).build());
            open.push(catalog);
            indexing.finish();
            List<IngestJournal.Entry> journal;
            try (IngestJournal j = IngestJournal.open(config.dataDir().resolve("catalog"))) {
                journal = j.entries();
            }
            ArchiveVerifier verifier = new ArchiveVerifier(store, backend, catalog, journal);
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
        }
    }
}
