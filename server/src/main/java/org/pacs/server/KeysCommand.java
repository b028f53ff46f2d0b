// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.blob.RewrapReport;
import org.pacs.storage.crypto.KekVersion;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs keys status|rotate}: key-encryption-key versions, and rotation to a new KEK that
 * re-wraps every blob's data key without re-encrypting the blob ({@code --retire-old} then retires
 * the previous KEKs). The audit trail's segment keys are re-sealed too. Losing the KEK secret loses the archive: see docs/storage.md.
 */
final class KeysCommand implements Command {
    @Override
    public String name() {
        return "keys";
    }

    @Override
    public String usage() {
        return "keys status|rotate [--retire-old] [--data DIR]";
    }

    @Override
    public String summary() {
        return "show or rotate the key-encryption key";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        List<String> rest = opt.rest();
        if (rest.isEmpty() || !List.of("status", "rotate").contains(rest.get(0))) {
            throw new UsageException("expected 'status' or 'rotate'");
        }
        boolean retire = rest.contains("--retire-old");
        if (rest.size() > (retire ? 2 : 1) || (retire && !rest.get(0).equals("rotate"))) {
            throw new UsageException("unexpected arguments " + rest.subList(1, rest.size()));
        }
        try {
            Config config = ConfigLoader.load(opt.dataDir(), System.getenv());
            KeyRing.Opened opened = ArchiveKeyRing.open(config);
            opened.savedTo().ifPresent(where -> out.println("A new KEK secret was generated and saved to " + where
                    + ". Back it up: without it the archive cannot be read."));
            try (KeyRing keyRing = opened.keyRing()) {
                if (rest.get(0).equals("status")) {
                    out.println("primary KEK version: " + keyRing.primary().number());
                    out.println("KEK versions held:   " + keyRing.versions().stream()
                            .map(v -> Integer.toString(v.number())).toList());
                    return 0;
                }
                return rotate(keyRing, config, retire, out, err);
            }
        } catch (IOException e) {
            err.println("pacs keys: " + e.getMessage());
            return 1;
        }
    }

    private static int rotate(KeyRing keyRing, Config config, boolean retire, PrintStream out, PrintStream err)
            throws IOException {
        List<KekVersion> old = keyRing.versions();
        KekVersion next = keyRing.rotate();
        out.println("new primary KEK version " + next.number() + "; re-wrapping data keys...");
        try (BlobStore store = EncryptedBlobStore.open(config.dataDir(), keyRing)) {
            Progress progress = new Progress(out, "re-wrapped", -1);
            RewrapReport report = store.rewrapAll((id, outcome) -> progress.step());
            progress.finish();
            out.printf("%d blobs scanned, %d re-wrapped, %d failed%n", report.scanned(), report.rewrapped(),
                    report.failed());
            int auditKeys = AuditTrail.rewrapKeys(config.dataDir(), keyRing);
            out.printf("%d audit trail segment keys re-sealed%n", auditKeys);
            if (report.failed() > 0) {
                err.println("pacs keys: some blobs could not be re-wrapped (run ./pacs verify); old KEKs kept");
                return 1;
            }
            if (retire) {
                Set<KekVersion> stillUsed = AuditTrail.kekVersionsInUse(config.dataDir());
                for (KekVersion v : old) {
                    if (stillUsed.contains(v)) {
                        err.println("pacs keys: KEK version " + v.number() + " still seals audit keys; kept");
                        continue;
                    }
                    store.retireKek(v, (id, outcome) -> { });
                    out.println("retired KEK version " + v.number());
                }
            }
        }
        return 0;
    }
}
