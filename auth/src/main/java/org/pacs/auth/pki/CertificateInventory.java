// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every certificate the archive relies on, with its role, so that {@code ./pacs doctor} can warn
 * before one expires: the internal CA, the server certificate, operator-trusted CAs and the
 * certificates bound to registered AEs.
 *
 * <pre>{@code
 * CertificateInventory all = CertificateInventory.of(pki.inventoryEntries(), registry.inventoryEntries());
 * for (CertificateInventory.Entry e : all.expiringWithin(Duration.ofDays(30))) { warn(e.role(), e.notAfter()); }
 * }</pre>
 */
public final class CertificateInventory {

    /** One certificate and what it is for, e.g. {@code "server"} or {@code "AE CT_ROOM1"}. */
    public record Entry(String role, X509Certificate certificate) {

        public Instant notAfter() {
            return certificate.getNotAfter().toInstant();
        }

        public String subject() {
            return certificate.getSubjectX500Principal().getName();
        }

        public String sha256() {
            return Fingerprint.sha256(certificate);
        }
    }

    private final List<Entry> entries;

    public CertificateInventory(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    @SafeVarargs
    public static CertificateInventory of(List<Entry>... parts) {
        List<Entry> all = new ArrayList<>();
        for (List<Entry> p : parts) {
            all.addAll(p);
        }
        return new CertificateInventory(all);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** Entries that expire before {@code now + window} (already expired ones included), soonest first. */
    public List<Entry> expiringWithin(Duration window, Instant now) {
        Instant limit = now.plus(window);
        return entries.stream()
                .filter(e -> e.notAfter().isBefore(limit))
                .sorted(Comparator.comparing(Entry::notAfter))
                .toList();
    }

    public List<Entry> expiringWithin(Duration window) {
        return expiringWithin(window, Instant.now());
    }
}
