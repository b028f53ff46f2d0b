// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Properties;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.archive.ingest.IngestJournal;
import org.pacs.auth.audit.Actor;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.AuditEvents;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KeyRing;

/**
 * The archive's stores opened by a {@code ./pacs} command while the archive is stopped: key ring, blob
 * store, catalog (with its index), ingest journal and audit trail. The running archive holds the
 * catalog and the trail for itself, so commands that change or read patient data ask for this only
 * after {@link #refuseIfRunning} found no archive on the data directory.
 */
final class OfflineArchive implements AutoCloseable {
    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final Config config;
    private KeyRing keys;
    private BlobStore blobs;
    private Catalog catalog;
    private IngestJournal journal;
    private AuditTrail audit;
    private AuditEvents events;

    private OfflineArchive(Config config) {
        this.config = config;
    }

    /**
     * The archive's process if it runs on {@code config}'s data directory: then the command says why it
     * cannot go on, and what to use instead.
     */
    static Optional<Properties> running(Config config) throws IOException {
        return new ServerStatusFile(config.dataDir()).running();
    }

    /**
     * Refuses a directory that holds no archive yet: opening the key ring there would create a keystore
     * and a KEK secret nobody was shown. {@code ./pacs start} initializes a data directory.
     */
    static void requireInitialized(Config config) throws IOException {
        if (!java.nio.file.Files.exists(config.dataDir().resolve(KeyRing.KEYS_DIRECTORY).resolve("kek.keystore"))) {
            throw new IOException("no archive in " + config.dataDir() + " (no key store): start it once with"
                    + " './pacs start --data " + config.dataDir() + "' to initialize it");
        }
    }

    /** Opens everything; the index rebuild reports to {@code indexed}. */
    static OfflineArchive open(Config config, org.pacs.archive.index.IndexProgress indexed) throws IOException {
        requireInitialized(config);
        OfflineArchive a = new OfflineArchive(config);
        try {
            a.keys = ArchiveKeyRing.open(config).keyRing();
            a.resources.push(a.keys);
            a.blobs = EncryptedBlobStore.open(config.dataDir(), a.keys);
            a.resources.push(a.blobs);
            a.catalog = Catalog.open(CatalogConnection.builder(config,
                    () -> ArchiveServer.catalogSecrets(config.dataDir(), a.keys), a.resources::push)
                    .progress(indexed).build());
            a.resources.push(a.catalog);
            a.journal = IngestJournal.open(config.dataDir().resolve("catalog"));
            a.resources.push(a.journal);
            a.audit = AuditTrail.open(config.dataDir(), a.keys);
            a.resources.push(a.audit);
            String archive = config.string(Settings.AE_TITLE);
            a.events = new AuditEvents(AuditSource.of(archive), Actor.ae(archive, "127.0.0.1"), Clock.systemUTC());
            return a;
        } catch (IOException | RuntimeException e) {
            a.close();
            throw e;
        }
    }

    Config config() {
        return config;
    }

    KeyRing keys() {
        return keys;
    }

    BlobStore blobs() {
        return blobs;
    }

    Catalog catalog() {
        return catalog;
    }

    IngestJournal journal() {
        return journal;
    }

    AuditEvents events() {
        return events;
    }

    void audit(AuditEvent event) throws IOException {
        audit.append(event);
    }

    /** The operator at this machine's terminal, as an audit participant. */
    static Actor operator(String command) {
        return Actor.user("local operator (./pacs " + command + ")", "127.0.0.1");
    }

    DuplicatePolicy duplicatePolicy() {
        return "replace".equals(config.string(Settings.DUPLICATE_POLICY)) ? DuplicatePolicy.REPLACE
                : DuplicatePolicy.KEEP_EXISTING;
    }

    @Override
    public void close() {
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                System.err.println("pacs: while closing: " + e.getMessage());
            }
        }
    }
}
