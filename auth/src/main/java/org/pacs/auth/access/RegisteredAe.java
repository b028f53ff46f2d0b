// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.access;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.util.IPAddress;
import org.pacs.conf.ConfigLoader;

/**
 * An application entity the archive knows (PS3.7 §6.1, an AE title and its network address).
 *
 * @param aeTitle the calling AE title it uses, 1–16 characters (PS3.5 VR AE), compared exactly
 * @param host where the archive reaches it for C-MOVE sub-associations, or null
 * @param port its port, 0 when none
 * @param permissions what it may do; empty means nothing
 * @param moveDestinations AE titles it may name as C-MOVE destination besides itself
 * @param legacy a plaintext AE: store only, only on the legacy listener, only from {@code legacyAddress}
 * @param legacyAddress the IP address a legacy AE must connect from
 * @param certificate the certificate bound to the title; null for a legacy AE
 * @param registered when it was registered
 * @param revoked its revocation, or null while active
 */
public record RegisteredAe(String aeTitle, String host, int port, Set<Permission> permissions,
        List<String> moveDestinations, boolean legacy, String legacyAddress, CertificateBinding certificate,
        Instant registered, Revocation revoked) {

    public RegisteredAe {
        if (!ConfigLoader.isValidAeTitle(aeTitle)) {
            throw new IllegalArgumentException("'" + aeTitle + "' is not a valid AE title: 1 to 16 characters, "
                    + "no backslash or control characters (PS3.5 §6.2, VR AE)");
        }
        aeTitle = aeTitle.strip();
        permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
        moveDestinations = List.copyOf(moveDestinations);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not a port number");
        }
        if (legacy) {
            if (legacyAddress == null || !IPAddress.isValid(legacyAddress)) {
                throw new IllegalArgumentException("a legacy AE needs the IP address it connects from "
                        + "(a literal IPv4 or IPv6 address, not a host name)");
            }
            if (!Set.of(Permission.STORE).containsAll(permissions)) {
                throw new IllegalArgumentException("a legacy (plaintext) AE may only store");
            }
            if (!moveDestinations.isEmpty()) {
                throw new IllegalArgumentException("a legacy (plaintext) AE cannot retrieve, so it has no move destinations");
            }
        } else if (certificate == null) {
            throw new IllegalArgumentException("a TLS AE needs a bound certificate");
        }
    }

    public boolean active() {
        return revoked == null;
    }

    public boolean may(Permission p) {
        return permissions.contains(p);
    }

    RegisteredAe revoke(Revocation revocation) {
        return new RegisteredAe(aeTitle, host, port, permissions, moveDestinations, legacy, legacyAddress,
                certificate, registered, revocation);
    }
}
