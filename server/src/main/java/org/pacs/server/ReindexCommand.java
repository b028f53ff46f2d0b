// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;
import java.util.Properties;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs reindex}: rebuilds the search index from the catalog, with progress. The index holds
 * patient data, so it lives only in memory (no plaintext on disk) and is rebuilt at every start; this
 * command runs that rebuild on a stopped archive (to check the catalog and time it). On a running
 * archive a restart does it.
 */
final class ReindexCommand implements Command {
    @Override
    public String name() {
        return "reindex";
    }

    @Override
    public String usage() {
        return "reindex [--data DIR]";
    }

    @Override
    public String summary() {
        return "rebuild the search index from the catalog";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        if (!opt.rest().isEmpty()) {
            throw new UsageException("unexpected arguments " + opt.rest());
        }
        try {
            Optional<Properties> running = new ServerStatusFile(opt.dataDir()).running();
            if (running.isPresent()) {
                out.println("The archive is running (pid " + running.get().getProperty("pid") + "). Its index lives in"
                        + " memory and was built from the catalog at start; restart the archive to rebuild it.");
                return 0;
            }
            Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
            try (KeyRing keys = ArchiveKeyRing.open(config).keyRing()) {
                Progress progress = new Progress(out, "indexed", -1);
                long start = System.nanoTime();
                java.util.List<AutoCloseable> pools = new java.util.ArrayList<>();
                CatalogConfig catalogConfig = CatalogConnection.builder(config,
                        () -> ArchiveServer.catalogSecrets(config.dataDir(), keys), pools::add)
                        .progress((indexed, all) -> progress.set(indexed)).build();
                try (Catalog catalog = Catalog.open(catalogConfig)) {
                    progress.finish();
                    out.printf("index rebuilt: %d studies of %d patients (%d instances) in %.1f s%n",
                            catalog.countStudies(), catalog.countPatients(), catalog.countInstances(),
                            (System.nanoTime() - start) / 1e9);
                } finally {
                    for (AutoCloseable pool : pools) {
                        try {
                            pool.close();
                        } catch (Exception e) {
                            err.println("pacs reindex: closing the database pool: " + e.getMessage());
                        }
                    }
                }
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("pacs reindex: " + e.getMessage());
            return 1;
        }
    }
}
