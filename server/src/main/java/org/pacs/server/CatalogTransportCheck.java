// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.pacs.conf.Config;
import org.pacs.conf.Settings;
import org.postgresql.Driver;
import org.postgresql.PGProperty;

/**
 * The doctor's look at the catalog database connection: patient data travels between the archive and
 * PostgreSQL, so a host other than loopback must be reached over TLS that verifies the server
 * ({@code sslmode=verify-full}, or {@code verify-ca}). The archive refuses weaker modes unless
 * {@code catalog.allowPlaintext} is set; this reports what that setting let through.
 */
final class CatalogTransportCheck {
    private CatalogTransportCheck() {
    }

    static void check(Config config, List<DoctorCommand.Finding> findings) {
        String url = config.string(Settings.CATALOG_URL).strip();
        if (url.isEmpty() || !url.startsWith("jdbc:postgresql:")) {
            return; // the embedded encrypted database: nothing crosses a network
        }
        Properties parsed = Driver.parseURL(url, new Properties());
        if (parsed == null) {
            return; // the archive itself reports a URL it cannot use
        }
        List<String> remote = new ArrayList<>();
        String hosts = parsed.getProperty(PGProperty.PG_HOST.getName(), "");
        for (String h : hosts.split(",")) {
            if (!CatalogConnection.isLoopback(h.strip())) {
                remote.add(h.strip());
            }
        }
        if (remote.isEmpty()) {
            return;
        }
        String mode = sslMode(parsed);
        String where = "the catalog database at " + String.join(", ", remote);
        String fix = "serve PostgreSQL over TLS (ssl = on, hostssl lines in pg_hba.conf) and connect with"
                + " sslmode=verify-full and catalog.sslRootCert naming its CA; then remove catalog.allowPlaintext";
        switch (mode) {
            case "verify-full", "verify-ca" -> {
                if (parsed.getProperty(PGProperty.SSL_HOSTNAME_VERIFIER.getName()) != null
                        || parsed.getProperty(PGProperty.SSL_FACTORY.getName()) != null) {
                    findings.add(new DoctorCommand.Finding(DoctorCommand.Severity.WARNING, where
                            + " is reached with a custom TLS factory or host-name verifier",
                            "the server's certificate may not be checked as sslmode=" + mode + " promises", fix));
                }
            }
            case "require" -> findings.add(new DoctorCommand.Finding(DoctorCommand.Severity.WARNING, where
                    + " is reached over TLS that does not verify the server (sslmode=require)",
                    "whoever can intercept the connection can pose as the database and read patient data", fix));
            default -> findings.add(new DoctorCommand.Finding(DoctorCommand.Severity.CRITICAL, where
                    + " may be reached in plaintext (sslmode=" + mode + ")",
                    "patient names, IDs and study details cross the network unencrypted, readable by anyone on the"
                            + " path", fix));
        }
    }

    /** The mode the archive uses: the URL's, or verify-full (the archive adds it when the URL names none). */
    private static String sslMode(Properties parsed) {
        String mode = parsed.getProperty(PGProperty.SSL_MODE.getName());
        return mode == null ? "verify-full" : mode.toLowerCase(Locale.ROOT);
    }
}
