// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * What a person may do. The same roles hold in both identity modes (embedded users and OIDC): an
 * OIDC realm or client role with the {@link #wireName()} grants the role.
 */
public enum Role {
    /** Configuration, users, AEs, audit; sees every study. */
    ADMIN("admin"),
    /** Reads and queries every study. */
    RADIOLOGIST("radiologist"),
    /** Sees only studies whose Referring Physician's Name is theirs, or shared with them. */
    REFERRING_PHYSICIAN("referring-physician"),
    /** Stores (STOW-RS) only. */
    UPLOADER("uploader"),
    /** Reads the audit trail only. */
    AUDITOR("auditor");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    /** The name used on the command line, in tokens and in the realm file. */
    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWireName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Role r : values()) {
            if (r.wireName.equals(n)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
