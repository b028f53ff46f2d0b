// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.pacs.archive.catalog.BlobLocation;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogConfig;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.server.backup.Restorer;
import org.pacs.storage.blob.BlobNotFoundException;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KekSecretException;
import org.pacs.storage.crypto.KekSecretSource;

/**
 * {@code pacs restore FILE --data NEWDIR [--kek-secret-file PATH]}: restores a backup into a new data
 * directory, then proves it: every catalogued instance's blob is decrypted and checked against its size
 * and digest. The KEK secret of the archive that made the backup comes from {@code PACS_KEK_SECRET}, the
 * Docker secret, {@code --kek-secret-file}, or the file beside the new directory.
 */
final class RestoreCommand implements Command {
    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String usage() {
        return "restore FILE --data NEWDIR [--kek-secret-file PATH]";
    }

    @Override
    public String summary() {
        return "restore a backup into a new data directory and verify it";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        Path backup = null;
        Path secretFile = null;
        for (int i = 0; i < opt.rest().size(); i++) {
            String a = opt.rest().get(i);
            if (a.equals("--kek-secret-file") && i + 1 < opt.rest().size()) {
                secretFile = Path.of(opt.rest().get(++i));
            } else if (!a.startsWith("-") && backup == null) {
                backup = Path.of(a);
            } else {
                throw new UsageException("unexpected argument " + a);
            }
        }
        if (backup == null || !java.util.Arrays.asList(args).contains("--data")
                && java.util.Arrays.stream(args).noneMatch(s -> s.startsWith("--data="))) {
            throw new UsageException("name the backup FILE and the new directory with --data NEWDIR");
        }
        Path target = opt.dataDir();
        KekSecretSource secret = KekSecretSource.firstOf(List.of(
                KekSecretSource.environmentVariable(KekSecretSource.DEFAULT_VARIABLE),
                KekSecretSource.dockerSecret(KekSecretSource.DEFAULT_DOCKER_SECRET),
                KekSecretSource.file(secretFile != null ? secretFile : ArchiveKeyRing.defaultSecretFile(target))));
        Progress restoring = new Progress(out, "restored", -1);
        try (Restorer.Restored restored = new Restorer().restore(backup, target, secret, restoring::set)) {
            restoring.finish();
            try (BlobStore blobs = EncryptedBlobStore.open(target, restored.keys());
                 Catalog catalog = Catalog.open(CatalogConfig.h2(target,
                         ArchiveServer.catalogSecrets(target, restored.keys())).build())) {
                long total = catalog.countInstances();
                Progress checking = new Progress(out, "verified", total);
                long[] bad = new long[2];
                catalog.read(s -> {
                    s.createSelectionQuery("select i.blob from Instance i", BlobLocation.class).getResultStream()
                            .forEach(b -> {
                                try {
                                    blobs.verify(b.toBlobRef());
                                } catch (BlobNotFoundException e) {
                                    bad[0]++;
                                } catch (IOException e) {
                                    bad[1]++;
                                }
                                checking.step();
                            });
                    return null;
                });
                checking.finish();
                out.printf("restored into %s: %d patients, %d studies, %d instances (backup of %s)%n", target,
                        catalog.countPatients(), catalog.countStudies(), total,
                        restored.manifest().getProperty("catalogSnapshot"));
                if (bad[0] + bad[1] > 0) {
                    err.printf("pacs restore: %d instances have no blob in the backup and %d blobs fail"
                            + " authentication; take another backup if the original is still there%n", bad[0], bad[1]);
                    return 1;
                }
                out.println("every instance's blob decrypts and matches its digest.");
                out.println("Start it with './pacs start --data " + target + "', giving it the same KEK secret"
                        + " (PACS_KEK_SECRET, or the secret file beside the directory: "
                        + ArchiveKeyRing.defaultSecretFile(target) + ").");
                return 0;
            }
        } catch (KekSecretException e) {
            err.println("pacs restore: " + e.getMessage() + ". Restoring needs the KEK secret of the archive that"
                    + " made the backup: set PACS_KEK_SECRET or pass --kek-secret-file PATH.");
            return 1;
        } catch (IOException | RuntimeException e) {
            err.println("pacs restore: " + e.getMessage());
            return 1;
        }
    }
}
