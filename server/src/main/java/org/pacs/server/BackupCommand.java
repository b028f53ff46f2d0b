// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.Settings;
import org.pacs.server.backup.BackupWriter;
import org.pacs.server.backup.CatalogSnapshot;
import org.pacs.server.backup.OfflineCatalogSnapshot;
import org.pacs.server.backup.ServerCatalogSnapshot;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs backup --out FILE}: a consistent, encrypted backup of the data directory, taken while the
 * archive runs (the archive copies its own catalog on request) or while it is stopped. The file holds
 * only ciphertext and never the KEK secret, which the operator keeps elsewhere and needs to restore.
 */
final class BackupCommand implements Command {
    @Override
    public String name() {
        return "backup";
    }

    @Override
    public String usage() {
        return "backup --out FILE [--data DIR]";
    }

    @Override
    public String summary() {
        return "write an encrypted, consistent backup (archive running or stopped)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        Path file = null;
        for (int i = 0; i < opt.rest().size(); i++) {
            String a = opt.rest().get(i);
            if (a.equals("--out") && i + 1 < opt.rest().size()) {
                file = Path.of(opt.rest().get(++i));
            } else {
                throw new UsageException("unexpected argument " + a);
            }
        }
        if (file == null) {
            throw new UsageException("--out FILE is required");
        }
        Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
        Path dataDir = config.dataDir();
        if (file.toAbsolutePath().normalize().startsWith(dataDir.toAbsolutePath().normalize())) {
            err.println("pacs backup: the backup must not be written inside the data directory; name a file on"
                    + " another disk");
            return 1;
        }
        if (!config.string(Settings.CATALOG_URL).isBlank()) {
            err.println("pacs backup: the catalog lives in PostgreSQL, which this command cannot copy consistently."
                    + " Back it up with pg_dump or pg_basebackup onto encrypted storage (docs/catalog.md), and"
                    + " the data directory with a file-system snapshot.");
            return 1;
        }
        try {
            OfflineArchive.requireInitialized(config);
        } catch (IOException e) {
            err.println("pacs backup: " + e.getMessage());
            return 1;
        }
        try (KeyRing keys = ArchiveKeyRing.open(config).keyRing()) {
            Optional<Properties> running = OfflineArchive.running(config);
            CatalogSnapshot snapshot = running.isPresent()
                    ? new ServerCatalogSnapshot(dataDir, Duration.ofSeconds(15), Duration.ofHours(1))
                    : new OfflineCatalogSnapshot(dataDir, ArchiveServer.catalogSecrets(dataDir, keys));
            out.println(running.isPresent() ? "The archive is running: it copies its own catalog on request."
                    : "The archive is stopped: the catalog is copied directly.");
            Progress[] bar = new Progress[1];
            BackupWriter.Summary summary;
            try {
                summary = new BackupWriter(dataDir, keys, ArchiveServer.catalogSecrets(dataDir, keys)).write(snapshot, file, new BackupWriter.Progress() {
                    @Override
                    public void total(long files) {
                        bar[0] = new Progress(out, "backed up", files);
                    }

                    @Override
                    public void done(long files) {
                        bar[0].set(files);
                    }
                });
            } finally {
                if (bar[0] != null) {
                    bar[0].finish();
                }
            }
            out.printf("backup written: %s (%d blobs, %d files, %d bytes; catalog as of %s)%n", file,
                    summary.blobs(), summary.files(), summary.bytes(), summary.catalogSnapshot());
            out.println("It holds only ciphertext and NOT the KEK secret: restoring needs that secret, so keep it"
                    + " safe and apart from the backup (./pacs restore FILE --data NEWDIR).");
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("pacs backup: " + e.getMessage());
            return 1;
        }
    }
}
