// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.pacs.archive.catalog.Catalog;
import org.pacs.archive.catalog.CatalogSecrets;
import org.pacs.archive.catalog.DuplicatePolicy;
import org.pacs.archive.dimse.ArchiveFindScp;
import org.pacs.archive.dimse.ArchiveGetScp;
import org.pacs.archive.dimse.ArchiveMoveScp;
import org.pacs.archive.dimse.ArchiveStoreScp;
import org.pacs.archive.dimse.AuditHook;
import org.pacs.archive.dimse.StorageCommitmentScp;
import org.pacs.archive.query.QueryEngine;
import org.pacs.archive.query.QueryOptions;
import org.pacs.archive.retrieve.RetrieveOutcome;
import org.pacs.archive.retrieve.Retriever;
import org.pacs.dicom.dict.UID;
import org.pacs.dicom.net.Connector;
import org.pacs.archive.dimse.PeerAccess;
import org.pacs.archive.ingest.IngestJournal;
import org.pacs.archive.ingest.IngestOutcome;
import org.pacs.archive.ingest.IngestListener;
import org.pacs.archive.ingest.IngestPipeline;
import org.pacs.auth.access.AccessPolicy;
import org.pacs.auth.access.AeRegistry;
import org.pacs.auth.access.AssociationDecision;
import org.pacs.auth.access.Listener;
import org.pacs.auth.access.RegistryAssociationPolicy;
import org.pacs.auth.audit.Actor;
import org.pacs.auth.audit.AuditEvent;
import org.pacs.auth.audit.AuditEvents;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.audit.PatientStudies;
import org.pacs.auth.pki.KeyAlgorithm;
import org.pacs.auth.pki.Pki;
import org.pacs.auth.pki.SubjectAltNames;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.auth.secrets.SealedFile;
import org.pacs.auth.tls.TlsContexts;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;
import org.pacs.dicom.dict.UidRegistry;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.net.Acceptor;
import org.pacs.dicom.net.Limits;
import org.pacs.dicom.net.RequestHandler;
import org.pacs.dicom.net.acse.AcceptorSettings;
import org.pacs.dicom.net.acse.AssociationPolicy;
import org.pacs.dicom.net.acse.TransferCapability;
import org.pacs.dicom.net.acse.TransferSyntaxPreference;
import org.pacs.dicom.net.service.CEchoScp;
import org.pacs.dicom.net.service.ServiceRegistry;
import org.pacs.dicom.net.tls.TlsPolicy;
import org.pacs.storage.blob.BlobStore;
import org.pacs.storage.blob.EncryptedBlobStore;
import org.pacs.storage.crypto.KeyRing;

/**
 * The running archive, assembled from its parts: key ring, PKI, encrypted blob store, catalog, audit
 * trail, AE registry and access policy, the one ingest path, and the DICOM-TLS listener (plus the
 * legacy plaintext listener only when the operator turned it on). {@link #close()} stops listening,
 * lets associations end, and closes everything in reverse order.
 */
final class ArchiveServer implements Closeable {
    private static final Logger LOG = Logger.getLogger(ArchiveServer.class.getName());
    static final String VERIFICATION = "1.2.840.10008.1.1";

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<String> summary = new ArrayList<>();
    private AuditTrail audit;
    private AuditEvents events;
    private Acceptor tlsAcceptor;
    private Acceptor legacyAcceptor;
    private final org.pacs.server.metrics.ArchiveMetrics metrics = new org.pacs.server.metrics.ArchiveMetrics();

    private ArchiveServer() {
    }

    /** Starts the archive on {@code config}'s data directory; prints a short summary to {@code out}. */
    static ArchiveServer start(Config config, PrintStream out) throws IOException {
        ArchiveServer server = new ArchiveServer();
        try {
            server.open(config, out);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void open(Config config, PrintStream out) throws IOException {
        Path dataDir = config.dataDir();
        org.pacs.auth.secrets.AtomicFile.createOwnerOnlyDirectories(dataDir);
        KeyRing.Opened opened = ArchiveKeyRing.open(config);
        KeyRing keys = opened.keyRing();
        resources.push(keys);
        opened.savedTo().ifPresent(where -> summary.add("KEK secret:      generated and saved to " + where
                + " (back it up: without it the archive cannot be read)"));

        Pki pki;
        if (Pki.isInitialized(dataDir)) {
            pki = Pki.open(dataDir, keys, Clock.systemUTC());
        } else {
            pki = Pki.initialize(dataDir, keys, Pki.Options.issued(
                    SubjectAltNames.normalize(config.list(Settings.HOSTNAMES)), KeyAlgorithm.RSA_3072),
                    Clock.systemUTC());
            summary.add("certificates:    internal CA and server certificate created (CA: "
                    + dataDir.resolve("pki/ca.crt.pem") + ")");
        }

        BlobStore blobs = EncryptedBlobStore.open(dataDir, keys);
        resources.push(blobs);
        Catalog catalog = Catalog.open(
                CatalogConnection.builder(config, () -> catalogSecrets(dataDir, keys), resources::push).build());
        resources.push(catalog::close);
        // ./pacs backup asks the running archive for a consistent catalog snapshot (run/backup.request).
        resources.push(org.pacs.server.backup.BackupResponder.start(dataDir, catalog));

        AuditTrail.Options auditOptions = AuditTrail.Options.defaults();
        if (config.bool(Settings.SYSLOG_ENABLED)) {
            org.pacs.auth.audit.SyslogTlsForwarder syslog = new org.pacs.auth.audit.SyslogTlsForwarder(
                    config.string(Settings.SYSLOG_HOST), config.integer(Settings.SYSLOG_PORT), TlsContexts.client(pki),
                    org.pacs.auth.audit.SyslogTlsForwarder.Options.defaults(
                            config.list(Settings.HOSTNAMES).isEmpty() ? "pacs" : config.list(Settings.HOSTNAMES).get(0)));
            resources.push(syslog);
            auditOptions = auditOptions.withSinks(syslog);
            summary.add("audit copy:      syslog over TLS to " + config.string(Settings.SYSLOG_HOST) + ":"
                    + config.integer(Settings.SYSLOG_PORT));
        }
        audit = AuditTrail.open(dataDir, keys, auditOptions);
        resources.push(audit);
        String aeTitle = config.string(Settings.AE_TITLE);
        events = new AuditEvents(AuditSource.of(aeTitle), Actor.ae(aeTitle, config.string(Settings.BIND_ADDRESS)),
                Clock.systemUTC());
        record(events.applicationStart());
        auditConfigurationChanges(config);

        AeRegistry registry = AeRegistry.open(dataDir, keys);
        AccessPolicy policy = AccessPolicy.of(config);
        IngestJournal journal = IngestJournal.open(dataDir.resolve("catalog"));
        resources.push(journal);
        org.pacs.server.metrics.MeteredBlobStore ingestBlobs = metrics.metering(blobs);
        IngestPipeline ingest = new IngestPipeline(ingestBlobs, catalog, duplicatePolicy(config),
                metrics.counting(ingestBlobs, auditStores()), journal);
        int recovered = ingest.recover();
        if (recovered > 0) {
            LOG.warning(recovered + " acknowledged objects were missing from the catalog after a crash and have"
                    + " been recorded again from the ingest journal");
        }
        checkpointEvery(ingest, Duration.ofSeconds(5));

        Limits limits = limits(config);
        InetSocketAddress tlsBind = new InetSocketAddress(config.string(Settings.BIND_ADDRESS),
                config.integer(Settings.DICOM_TLS_PORT));
        TlsPolicy tls = TlsPolicy.bcp195NonDowngrading(TlsContexts.server(pki),
                "optional".equals(config.string(Settings.TLS_CLIENT_AUTH))
                        ? TlsPolicy.ClientAuth.OPTIONAL : TlsPolicy.ClientAuth.REQUIRED);
        // Outgoing associations (C-MOVE, storage commitment reports) present the server certificate; the
        // destination is identified by the certificate bound to its AE title, not by host name.
        Connector outgoing = new Connector(limits, TlsPolicy.bcp195NonDowngrading(TlsContexts.client(pki),
                TlsPolicy.ClientAuth.NONE).withoutHostnameVerification());
        resources.push(outgoing);
        QueryEngine engine = new QueryEngine(catalog);
        // One identity mode for DICOM user identities and DICOMweb: the same users, lockout, shares and audit.
        org.pacs.auth.identity.IdentityMode identity = org.pacs.auth.identity.IdentityMode.open(config, keys,
                Clock.systemUTC(), org.pacs.auth.identity.SignInAudit.to(events, audit));
        org.pacs.archive.access.PrincipalScopes scopes = new org.pacs.archive.access.PrincipalScopes(
                org.pacs.auth.identity.ShareStore.open(config.dataDir(), keys, Clock.systemUTC())::sharedWith,
                config.bool(Settings.PRIOR_STUDIES) ? new org.pacs.archive.access.PriorStudies(catalog, engine) : null);
        PeerAccess access = new RegistryPeerAccess(policy, registry, Listener.TLS,
                UserIdentityPrincipals.of(identity), scopes);
        QueryRetrieve qr = new QueryRetrieve(catalog, blobs, engine,
                new Retriever(catalog, blobs, engine, Duration.ofMinutes(2)), outgoing, limits,
                QueryOptions.DEFAULT.withCaseInsensitivePersonNames(config.bool(Settings.QUERY_CASE_INSENSITIVE_NAMES)));
        tlsAcceptor = Acceptor.start(tlsBind,
                settings(config, policy, registry, Listener.TLS, true, identity.dicom()),
                services(access, ingest, qr), limits, tls);
        resources.push(tlsAcceptor);
        auditHandshakeFailures(tlsAcceptor);
        summary.add(0, "DICOM over TLS:  " + tlsBind.getHostString() + ":" + tlsAcceptor.port()
                + " (client certificates " + config.string(Settings.TLS_CLIENT_AUTH) + ")");

        if (config.bool(Settings.LEGACY_ENABLED)) {
            InetSocketAddress legacyBind = new InetSocketAddress(config.string(Settings.BIND_ADDRESS),
                    config.integer(Settings.LEGACY_PORT));
            PeerAccess legacyAccess = new RegistryPeerAccess(policy, registry, Listener.LEGACY);
            legacyAcceptor = Acceptor.start(legacyBind,
                    settings(config, policy, registry, Listener.LEGACY, false, null),
                    services(legacyAccess, ingest, null), limits, null);
            resources.push(legacyAcceptor);
            LOG.warning("legacy.enabled is true: a PLAINTEXT DICOM listener is open on port " + legacyAcceptor.port()
                    + " for registered legacy AEs (store only, from their registered address). Turn it off when"
                    + " the last legacy modality is gone.");
            summary.add(1, "legacy DICOM:    " + legacyBind.getHostString() + ":" + legacyAcceptor.port()
                    + " PLAINTEXT, store only, registered legacy AEs");
        }
        if (config.bool(Settings.HTTPS_ENABLED)) {
            startWeb(config, pki, identity, scopes, new org.pacs.dicomweb.ArchiveServices(catalog, blobs, engine,
                    qr.retriever(), ingest, qr.queryOptions()));
        }
        watchRevocations(registry, dataDir, keys, aeTitle);
        watchMetrics(dataDir, catalog);
        publishStatus(config, catalog);
        summary.add(0, "AE title:        " + aeTitle);
        summary.add("data directory:  " + dataDir.toAbsolutePath());
        out.println("Secure PACS " + VersionCommand.version() + " is serving:");
        summary.forEach(line -> out.println("  " + line));
        out.println("Next: register a modality with './pacs ae add CT_ROOM1 --data " + dataDir
                + "', then send with its certificate bundle.");
        out.flush();
    }

    /**
     * DICOMweb over HTTPS (issue 7): the identity mode's authenticator (embedded users with their token
     * endpoint, or an OIDC provider), per-user scopes with shares and, when configured, prior studies,
     * and the one audit trail.
     */
    private void startWeb(Config config, Pki pki, org.pacs.auth.identity.IdentityMode identity,
            org.pacs.archive.access.PrincipalScopes scopes, org.pacs.dicomweb.ArchiveServices archive)
            throws IOException {
        org.pacs.auth.identity.Authenticator authenticator = identity.authenticator();
        org.pacs.auth.identity.EmbeddedSignIn signIn = identity.embedded()
                .map(org.pacs.auth.identity.EmbeddedIdentity::signIn).orElse(null);
        org.pacs.dicomweb.DicomWebServer web = org.pacs.dicomweb.DicomWebServer.start(
                org.pacs.dicomweb.DicomWebOptions.of(config), TlsContexts.server(pki),
                org.pacs.auth.tls.TlsPolicy.of(config).withClientAuth(org.pacs.auth.tls.TlsPolicy.ClientAuth.NONE),
                archive, authenticator, signIn, scopes::scopeOf, new org.pacs.dicomweb.TrailWebAudit(audit, events),
                java.util.Map.of(org.pacs.server.metrics.MetricsServlet.PATH, new org.pacs.server.metrics.MetricsServlet(
                        metrics.registry(), new org.pacs.server.metrics.ScrapeToken(config.dataDir()), authenticator)));
        resources.push(web);
        metrics.watchHttp(web::responses);
        summary.add(1, "DICOMweb:        https://" + config.string(Settings.BIND_ADDRESS) + ":" + web.httpsPort()
                + org.pacs.dicomweb.DicomWebServer.SERVICE_ROOT + " (identity: " + config.string(Settings.IDENTITY_MODE)
                + (web.httpRedirectPort() > 0 ? "; HTTP redirect on " + web.httpRedirectPort() : "") + ")");
    }

    /** Gauges read at scrape time, and the audit record of a scrape token made with ./pacs while running. */
    private void watchMetrics(Path dataDir, Catalog catalog) {
        metrics.watchAssociations(java.util.stream.Stream.of(tlsAcceptor, legacyAcceptor)
                .filter(java.util.Objects::nonNull).map(a -> (java.util.function.IntSupplier) () -> a.associations().size())
                .toList());
        metrics.watchStorage(dataDir);
        metrics.watchCatalog(catalog::countStudies, catalog::countInstances, Duration.ofSeconds(60));
        metrics.watchAuditTrail(audit::lastSequence);
        resources.push(org.pacs.server.metrics.ScrapeTokenWatch.start(dataDir, Duration.ofSeconds(2),
                () -> record(events.configurationChange(Actor.user("local operator (./pacs metrics)", "127.0.0.1"),
                        org.pacs.auth.audit.EventType.SECURITY_CONFIGURATION, "metrics.token",
                        "metrics scrape token created or rotated"))));
    }

    /**
     * Re-reads the AE registry every second; when {@code ./pacs ae revoke} has revoked an AE, its open
     * associations are aborted at once (new ones are refused by the policy, which reads the registry
     * on every request).
     */
    private void watchRevocations(AeRegistry registry, Path dataDir, KeyRing keys, String aeTitle) {
        registry.onRevocation(revocation -> {
            for (Acceptor acceptor : new Acceptor[] {tlsAcceptor, legacyAcceptor}) {
                if (acceptor == null) {
                    continue;
                }
                for (org.pacs.dicom.net.Association a : acceptor.associations()) {
                    if (revocation.aeTitle().equals(a.callingAeTitle())) {
                        LOG.warning("aborting association of revoked AE '" + revocation.aeTitle() + "'");
                        a.abort();
                    }
                }
            }
        });
        java.util.concurrent.atomic.AtomicReference<org.pacs.auth.access.RegistrySnapshot> seen =
                new java.util.concurrent.atomic.AtomicReference<>();
        try {
            seen.set(registry.current());
        } catch (IOException e) {
            LOG.log(Level.WARNING, "AE registry unreadable at start; the policy refuses until it can be read", e);
        }
        // The archive holds the audit trail, so user and share changes made with ./pacs while it runs
        // are recorded here, as it sees them.
        org.pacs.auth.identity.IdentityChangeAudit identityChanges;
        try {
            identityChanges = new org.pacs.auth.identity.IdentityChangeAudit(
                    org.pacs.auth.identity.UserStore.open(dataDir, keys),
                    org.pacs.auth.identity.ShareStore.open(dataDir, keys, Clock.systemUTC()),
                    new org.pacs.auth.identity.IdentityAuditEvents(AuditSource.of(aeTitle), aeTitle, Clock.systemUTC()),
                    this::record, Clock.systemUTC());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the user and share stores cannot be read", e);
        }
        Thread watcher = Thread.ofVirtual().name("pacs-registry-watch").start(() -> {
            while (stopped.getCount() > 0) {
                try {
                    Thread.sleep(1000);
                    org.pacs.auth.access.RegistrySnapshot now = registry.refresh();
                    auditRegistryChanges(seen.getAndSet(now), now);
                    identityChanges.poll();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "AE registry could not be re-read; the policy refuses until it can", e);
                }
            }
        });
        resources.push(watcher::interrupt);
    }

    /**
     * The archive is the one writer of the audit trail, so AE changes made with {@code ./pacs ae} while
     * it runs are recorded here, as the archive sees them (PS3.15 §A.5.3.x Security Alert, User Security
     * Attributes Changed).
     */
    private void auditRegistryChanges(org.pacs.auth.access.RegistrySnapshot before,
            org.pacs.auth.access.RegistrySnapshot now) {
        if (before == null || before.version() == now.version()) {
            return;
        }
        Actor operator = Actor.user("local operator (./pacs ae)", "127.0.0.1");
        for (var ae : now.aes().values()) {
            var old = before.aes().get(ae.aeTitle());
            if (old == null) {
                record(events.aeChange(operator, ae.aeTitle(), org.pacs.auth.audit.EventActionCode.C,
                        "registered with permissions " + ae.permissions()));
            } else if (old.active() && !ae.active()) {
                record(events.aeChange(operator, ae.aeTitle(), org.pacs.auth.audit.EventActionCode.D, "revoked"));
            } else if (!old.equals(ae)) {
                record(events.aeChange(operator, ae.aeTitle(), org.pacs.auth.audit.EventActionCode.U, "changed"));
            }
        }
    }

    /**
     * Configuration is edited while the archive is stopped ({@code pacs.yaml}, the environment); at start
     * each setting that differs from the last start is audited (secrets only as set or not set).
     * {@code run/config.last} keeps the last values seen, with secrets masked.
     */
    private void auditConfigurationChanges(Config config) throws IOException {
        java.util.Properties now = new java.util.Properties();
        for (org.pacs.conf.Setting setting : Settings.all().values()) {
            Object v = config.value(setting);
            String shown = setting.secret() ? (v == null || v.toString().isEmpty() ? "(not set)" : "(set)")
                    : String.valueOf(v);
            now.setProperty(setting.key(), shown);
        }
        Path file = config.dataDir().resolve("run").resolve("config.last");
        if (java.nio.file.Files.exists(file)) {
            java.util.Properties before = new java.util.Properties();
            try (var in = java.nio.file.Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                before.load(in);
            }
            Actor operator = Actor.user("operator (pacs.yaml or environment)", "127.0.0.1");
            for (String key : now.stringPropertyNames()) {
                String was = before.getProperty(key);
                if (!now.getProperty(key).equals(was)) {
                    record(events.configurationChange(operator, org.pacs.auth.audit.EventType.SOFTWARE_CONFIGURATION,
                            key, key + ": " + was + " -> " + now.getProperty(key)));
                }
            }
        }
        java.nio.file.Files.createDirectories(file.getParent());
        try (var out = java.nio.file.Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            now.store(out, "settings at the last start (secrets masked); the archive audits differences");
        }
    }

    /**
     * A refused TLS handshake is a failed node authentication (PS3.15 §A.5.3.11). At most one record per
     * peer address every 10 s, so a flood of handshakes cannot flood the trail.
     */
    private void auditHandshakeFailures(Acceptor acceptor) {
        java.util.Map<java.net.InetAddress, Long> last = new java.util.concurrent.ConcurrentHashMap<>();
        acceptor.onHandshakeFailure((address, why) -> {
            metrics.handshakeFailed();
            long now = System.nanoTime();
            Long before = last.put(address, now);
            if (before != null && now - before < Duration.ofSeconds(10).toNanos()) {
                return;
            }
            record(events.securityAlert(org.pacs.auth.audit.EventType.NODE_AUTHENTICATION,
                    Actor.user("(TLS peer)", address.getHostAddress()), org.pacs.auth.audit.EventOutcome.MINOR_FAILURE,
                    "TLS handshake refused: " + why));
        });
    }

    /** Makes the catalog durable and trims the ingest journal now and then, and once more at stop. */
    private void checkpointEvery(IngestPipeline ingest, Duration period) {
        Thread t = Thread.ofVirtual().name("pacs-checkpoint").start(() -> {
            while (stopped.getCount() > 0) {
                try {
                    Thread.sleep(period.toMillis());
                    ingest.checkpoint();
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.WARNING, "catalog checkpoint failed; the ingest journal keeps its entries", e);
                }
            }
        });
        resources.push(() -> {
            t.interrupt();
            ingest.checkpoint();
        });
    }

    /** Keeps {@code run/server.status} current for {@code ./pacs status}; removed at a clean stop. */
    private void publishStatus(Config config, Catalog catalog) throws IOException {
        ServerStatusFile file = new ServerStatusFile(config.dataDir());
        java.util.Properties p = new java.util.Properties();
        p.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
        p.setProperty("started", java.time.Instant.now().toString());
        p.setProperty("aeTitle", config.string(Settings.AE_TITLE));
        p.setProperty("bindAddress", config.string(Settings.BIND_ADDRESS));
        p.setProperty("dicomTlsPort", Integer.toString(tlsAcceptor.port()));
        if (legacyAcceptor != null) {
            p.setProperty("legacyPort", Integer.toString(legacyAcceptor.port()));
        }
        Runnable update = () -> {
            p.setProperty("patients", Long.toString(catalog.countPatients()));
            p.setProperty("studies", Long.toString(catalog.countStudies()));
            p.setProperty("series", Long.toString(catalog.countSeries()));
            p.setProperty("instances", Long.toString(catalog.countInstances()));
            p.setProperty("updated", java.time.Instant.now().toString());
        };
        update.run();
        file.write(p);
        Thread publisher = Thread.ofVirtual().name("pacs-status").start(() -> {
            while (stopped.getCount() > 0) {
                try {
                    Thread.sleep(10_000);
                    update.run();
                    file.write(p);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    LOG.log(Level.FINE, "status file not updated", e);
                }
            }
        });
        resources.push(() -> {
            publisher.interrupt();
            file.delete();
        });
    }

    int tlsPort() {
        return tlsAcceptor.port();
    }

    /** Blocks until {@link #close()} has finished. */
    void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** @param authenticator checks DICOM user identities; null on the plaintext listener (ignored there) */
    private AcceptorSettings settings(Config config, AccessPolicy policy, AeRegistry registry,
            Listener listener, boolean queryRetrieve, org.pacs.dicom.net.acse.UserIdentityAuthenticator authenticator) {
        List<TransferCapability> capabilities = new ArrayList<>();
        List<String> allSyntaxes = UidRegistry.standard().entries().stream()
                .filter(e -> e.isTransferSyntax() && !e.retired()).map(e -> e.uid()).toList();
        String[] uncompressed = {UID.ExplicitVRLittleEndian, UID.ImplicitVRLittleEndian};
        capabilities.add(TransferCapability.scp(VERIFICATION, uncompressed));
        for (var e : UidRegistry.standard().entries()) {
            if (e.isStorageSopClass()) {
                capabilities.add(TransferCapability.scp(e.uid(), allSyntaxes.toArray(String[]::new)));
                if (queryRetrieve) {
                    // C-GET sends back over the requestor's association: the archive is then the storage SCU.
                    capabilities.add(TransferCapability.scu(e.uid(), allSyntaxes.toArray(String[]::new)));
                }
            }
        }
        if (queryRetrieve) {
            for (String sop : List.of(UID.PatientRootQueryRetrieveInformationModelFind,
                    UID.PatientRootQueryRetrieveInformationModelMove, UID.PatientRootQueryRetrieveInformationModelGet,
                    UID.StudyRootQueryRetrieveInformationModelFind, UID.StudyRootQueryRetrieveInformationModelMove,
                    UID.StudyRootQueryRetrieveInformationModelGet, UID.StorageCommitmentPushModel)) {
                capabilities.add(TransferCapability.scp(sop, uncompressed));
            }
        }
        AssociationPolicy decide = new AuditedAssociationPolicy(
                new RegistryAssociationPolicy(policy, registry, listener, Clock.systemUTC(),
                        AuditedAssociationPolicy::remember));
        return new AcceptorSettings(capabilities, TransferSyntaxPreference.REQUESTOR,
                config.integer(Settings.MAX_PDU_LENGTH), Part10Writer.IMPLEMENTATION_CLASS_UID,
                Part10Writer.IMPLEMENTATION_VERSION_NAME, null, authenticator, false, decide);
    }

    /**
     * The services of one listener. The legacy plaintext listener offers only C-ECHO and C-STORE;
     * query, retrieve and storage commitment exist only over TLS.
     */
    private RequestHandler services(PeerAccess access, IngestPipeline ingest, QueryRetrieve qr) {
        ServiceRegistry.Builder b = ServiceRegistry.builder().echo(CEchoScp.SUCCESS)
                .store(new ArchiveStoreScp(access, ingest));
        if (qr == null) {
            return metrics.counting(b.build());
        }
        AuditHook hook = new TrailAuditHook();
        StorageCommitmentScp commitment = new StorageCommitmentScp(qr.catalog(), qr.blobs(), access, hook,
                qr.outgoing(), qr.limits(), Duration.ofSeconds(30));
        b.find(new ArchiveFindScp(qr.engine(), access, hook, qr.queryOptions()))
                .move(new ArchiveMoveScp(qr.retriever(), access, hook, qr.outgoing(), qr.limits()))
                .get(new ArchiveGetScp(qr.retriever(), access, hook))
                .action(commitment);
        return metrics.counting(commitment.reportingAfterResponse(b.build()));
    }

    /** What query, retrieve and storage commitment need. */
    private record QueryRetrieve(Catalog catalog, BlobStore blobs, QueryEngine engine, Retriever retriever,
            Connector outgoing, Limits limits, QueryOptions queryOptions) {
    }

    private static Limits limits(Config config) {
        int maxPdu = config.integer(Settings.MAX_PDU_LENGTH);
        return Limits.DEFAULTS
                .withMaxAssociations(config.integer(Settings.MAX_ASSOCIATIONS),
                        config.integer(Settings.MAX_ASSOCIATIONS_PER_PEER))
                .withTimeouts(Duration.ofSeconds(config.integer(Settings.ARTIM_TIMEOUT)),
                        Duration.ofSeconds(config.integer(Settings.IDLE_TIMEOUT)),
                        Limits.DEFAULTS.handshakeTimeout())
                .withMaxPduLength(maxPdu, maxPdu);
    }

    private static DuplicatePolicy duplicatePolicy(Config config) {
        return "replace".equals(config.string(Settings.DUPLICATE_POLICY)) ? DuplicatePolicy.REPLACE
                : DuplicatePolicy.KEEP_EXISTING;
    }

    /** The catalog's database passwords: generated at first start, kept only sealed under the key ring. */
    static CatalogSecrets catalogSecrets(Path dataDir, KeyRing keys) throws IOException {
        SealedFile file = new SealedFile(dataDir.resolve("catalog").resolve("catalog.secrets"), "catalog-secrets");
        if (!file.exists()) {
            CatalogSecrets fresh = CatalogSecrets.generate(new SecureRandom());
            org.pacs.auth.secrets.AtomicFile.createOwnerOnlyDirectories(file.path().getParent());
            file.write(keys, (new String(fresh.filePassword()) + "\n" + new String(fresh.userPassword()))
                    .getBytes(StandardCharsets.US_ASCII));
            return fresh;
        }
        String[] parts = new String(file.read(keys), StandardCharsets.US_ASCII).split("\n");
        return new CatalogSecrets(parts[0].toCharArray(), parts[1].toCharArray());
    }

    private IngestListener auditStores() {
        return (request, outcome, patientId) -> {
            // A STOW-RS sender is a signed-in user, a C-STORE sender an AE.
            Actor sender = "DICOMweb".equals(request.source().protocol())
                    ? Actor.user(request.source().principal(), request.source().address())
                    : Actor.ae(request.source().principal(), request.source().address());
            if (outcome.studyInstanceUid() == null) {
                // Nothing readable to name a study by: a Security Alert names the instance instead.
                record(events.securityAlert(org.pacs.auth.audit.EventType.USE_OF_RESTRICTED_FUNCTION, sender,
                        org.pacs.auth.audit.EventOutcome.MINOR_FAILURE, "C-STORE of SOP Instance "
                                + request.sopInstanceUid() + " failed, status " + Integer.toHexString(outcome.status())
                                + ": " + outcome.errorComment()));
                return;
            }
            AuditEvent e = events.store(sender,
                    PatientStudies.of(patientId == null ? "" : patientId, outcome.studyInstanceUid()));
            if (outcome.status() == IngestOutcome.ELEMENTS_DISCARDED) {
                e = e.withOutcome(org.pacs.auth.audit.EventOutcome.MINOR_FAILURE, "duplicate SOP Instance "
                        + request.sopInstanceUid() + " discarded, the stored copy kept");
            } else if (!outcome.stored()) {
                e = e.withOutcome(org.pacs.auth.audit.EventOutcome.SERIOUS_FAILURE, "SOP Instance "
                        + request.sopInstanceUid() + ", status " + Integer.toHexString(outcome.status()) + ": "
                        + outcome.errorComment());
            }
            record(e);
        };
    }

    private void record(AuditEvent event) {
        try {
            audit.append(event);
        } catch (IOException e) {
            // The audit trail is evidence; failing to write it is an operational alarm, not a silent drop.
            LOG.log(Level.SEVERE, "could not append to the audit trail", e);
        }
    }

    /** The DICOM services' audit events, written to the one audit trail. */
    private final class TrailAuditHook implements AuditHook {
        @Override
        public void query(org.pacs.dicom.net.Association as, String sopClassUid, byte[] identifier,
                String transferSyntaxUid) {
            record(events.query(actor(as), sopClassUid, identifier, transferSyntaxUid));
        }

        @Override
        public void retrieved(org.pacs.dicom.net.Association as, String destinationAeTitle, String patientId,
                java.util.Set<String> studyInstanceUids, RetrieveOutcome outcome) {
            PatientStudies studies = PatientStudies.of(patientId == null ? "" : patientId,
                    studyInstanceUids.toArray(String[]::new));
            AuditEvent e = destinationAeTitle.equals(as.callingAeTitle())
                    ? events.retrieve(actor(as), studies)
                    : events.move(actor(as), Actor.ae(destinationAeTitle, ""), studies);
            record(outcome.failed() == 0 ? e : e.withOutcome(org.pacs.auth.audit.EventOutcome.MINOR_FAILURE,
                    outcome.failed() + " of " + (outcome.failed() + outcome.completed() + outcome.warning())
                            + " sub-operations failed"));
        }

        @Override
        public void denied(org.pacs.dicom.net.Association as, String what, String reason) {
            record(events.securityAlert(org.pacs.auth.audit.EventType.USE_OF_RESTRICTED_FUNCTION, actor(as),
                    org.pacs.auth.audit.EventOutcome.MINOR_FAILURE, what + " refused: " + reason));
        }

        private Actor actor(org.pacs.dicom.net.Association as) {
            Actor ae = Actor.ae(as.callingAeTitle(), as.peer().address() == null ? ""
                    : as.peer().address().getAddress().getHostAddress());
            // With a verified DICOM user identity the record also names the person (UserName), so a
            // query or retrieval is traceable to the user, not only to the workstation.
            return as.verifiedUserIdentity().map(id -> new Actor(ae.userId(), null, id.principal(),
                    ae.networkAccessPointId())).orElse(ae);
        }
    }

    /** Audits every association decision with the calling AE and address. */
    private final class AuditedAssociationPolicy implements AssociationPolicy {
        private static final ThreadLocal<AssociationDecision> LAST = new ThreadLocal<>();
        private final AssociationPolicy inner;

        AuditedAssociationPolicy(AssociationPolicy inner) {
            this.inner = inner;
        }

        static void remember(AssociationDecision d) {
            LAST.set(d);
        }

        @Override
        public Decision decide(org.pacs.dicom.net.acse.AssociationRequest request) {
            Decision d = inner.decide(request);
            AssociationDecision why = LAST.get();
            LAST.remove();
            String address = request.peer().address() == null ? ""
                    : request.peer().address().getAddress().getHostAddress();
            Actor calling = Actor.ae(request.callingAeTitle(), address);
            metrics.associationDecided(why == null || why.accepted());
            if (why == null || why.accepted()) {
                record(events.associationAccepted(calling, request.calledAeTitle()));
            } else {
                LOG.warning("association refused: " + why.reason());
                record(events.associationRejected(calling, request.calledAeTitle(), why.reason()));
            }
            return d;
        }
    }

    @Override
    public void close() {
        if (events != null && audit != null) {
            record(events.applicationStop());
        }
        while (!resources.isEmpty()) {
            try {
                resources.pop().close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "while stopping", e);
            }
        }
        stopped.countDown();
    }
}
