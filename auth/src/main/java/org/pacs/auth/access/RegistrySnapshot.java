// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The AE registry as it was at one version: immutable, so one association decision sees one
 * consistent registry. {@code version} grows by one with every change written.
 */
public record RegistrySnapshot(long version, Map<String, RegisteredAe> aes, List<Revocation> revocations) {

    public static final RegistrySnapshot EMPTY = new RegistrySnapshot(0, Map.of(), List.of());

    public RegistrySnapshot {
        aes = Collections.unmodifiableMap(new TreeMap<>(aes));
        revocations = List.copyOf(revocations);
    }

    /** The registration of {@code aeTitle} (leading and trailing spaces are not significant), active or not. */
    public Optional<RegisteredAe> find(String aeTitle) {
        return aeTitle == null ? Optional.empty() : Optional.ofNullable(aes.get(aeTitle.strip()));
    }

    /** The registration of {@code aeTitle} if it is not revoked. */
    public Optional<RegisteredAe> active(String aeTitle) {
        return find(aeTitle).filter(RegisteredAe::active);
    }

    /** Whether a certificate with this SHA-256 fingerprint was ever revoked. */
    public boolean isRevokedCertificate(String sha256) {
        return sha256 != null && revocations.stream().anyMatch(r -> sha256.equals(r.sha256()));
    }

    RegistrySnapshot with(RegisteredAe ae) {
        Map<String, RegisteredAe> next = new TreeMap<>(aes);
        next.put(ae.aeTitle(), ae);
        return new RegistrySnapshot(version + 1, next, revocations);
    }

    RegistrySnapshot withRevocation(Revocation revocation) {
        Map<String, RegisteredAe> next = new TreeMap<>(aes);
        next.put(revocation.aeTitle(), aes.get(revocation.aeTitle()).revoke(revocation));
        List<Revocation> list = new ArrayList<>(revocations);
        list.add(revocation);
        return new RegistrySnapshot(version + 1, next, list);
    }
}
