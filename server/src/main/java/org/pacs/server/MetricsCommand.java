// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import org.pacs.auth.audit.Actor;
import org.pacs.auth.audit.AuditEvents;
import org.pacs.auth.audit.AuditSource;
import org.pacs.auth.audit.AuditTrail;
import org.pacs.auth.audit.AuditTrailInUseException;
import org.pacs.auth.audit.EventType;
import org.pacs.auth.pki.Pki;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.Settings;
import org.pacs.server.metrics.MetricsServlet;
import org.pacs.server.metrics.ScrapeToken;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs metrics token}: creates (or replaces) the bearer token Prometheus presents at
 * {@code /metrics}, prints it once and keeps only its SHA-256. Recorded in the audit trail as a
 * Security Configuration alert, by this command when the archive is stopped.
 *
 * <pre>{@code
 * ./pacs metrics token --data /srv/pacs > /etc/prometheus/pacs.token
 * }</pre>
 */
final class MetricsCommand implements Command {
    @Override
    public String name() {
        return "metrics";
    }

    @Override
    public String usage() {
        return "metrics token [--data DIR]";
    }

    @Override
    public String summary() {
        return "create or rotate the Prometheus scrape token for " + MetricsServlet.PATH;
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        if (!opt.rest().equals(List.of("token"))) {
            throw new UsageException("expected 'token'");
        }
        Path dataDir = opt.dataDir();
        if (!Pki.isInitialized(dataDir)) {
            err.println("pacs metrics: " + dataDir + " is not initialized; run './pacs init --data " + dataDir
                    + "' first");
            return 1;
        }
        boolean replacing;
        String token;
        try {
            replacing = new ScrapeToken(dataDir).configured();
            token = ScrapeToken.rotate(dataDir, new SecureRandom());
        } catch (IOException e) {
            err.println("pacs metrics: " + e.getMessage());
            return 1;
        }
        // The token alone on stdout, so it can be redirected into Prometheus' credentials file.
        out.println(token);
        out.flush();
        err.println((replacing ? "Replaced" : "Created") + " the metrics scrape token (shown once; only its SHA-256"
                + " is kept in " + ScrapeToken.location(dataDir) + ")." + (replacing ? " The old one no longer works."
                        : ""));
        err.println("Give it to Prometheus as 'authorization: { credentials_file: ... }' for GET https://<host>:"
                + "<https port>" + MetricsServlet.PATH);
        audit(dataDir, replacing, err);
        return 0;
    }

    /** Writes the audit record itself when the archive is stopped; a running archive holds the trail. */
    private static void audit(Path dataDir, boolean replacing, PrintStream err) {
        try {
            Config config = ConfigLoader.load(dataDir, System.getenv());
            KeyRing.Opened opened = ArchiveKeyRing.open(config);
            try (KeyRing keys = opened.keyRing(); AuditTrail trail = AuditTrail.open(dataDir, keys)) {
                String archive = config.string(Settings.AE_TITLE);
                AuditEvents events = new AuditEvents(AuditSource.of(archive), Actor.ae(archive, "127.0.0.1"),
                        Clock.systemUTC());
                trail.append(events.configurationChange(Actor.user("local operator (./pacs metrics)", "127.0.0.1"),
                        EventType.SECURITY_CONFIGURATION, "metrics.token",
                        "metrics scrape token " + (replacing ? "rotated" : "created")));
            }
        } catch (AuditTrailInUseException heldByTheArchive) {
            err.println("The archive is running and holds the audit trail: it records the new token when it sees it.");
        } catch (IOException | RuntimeException e) {
            err.println("pacs metrics: the token is in place, but the audit record could not be written: "
                    + e.getMessage());
        }
    }
}
