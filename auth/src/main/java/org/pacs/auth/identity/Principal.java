// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.util.Set;

/**
 * An authenticated person, as every protocol sees them after sign-in: a stable user name, the roles
 * granted, and the Referring Physician's Names mapped to them (DICOM form, "DOE^JOHN"). Built anew
 * for each request or association from a verified credential; never cached across them.
 *
 * @param name the user name (embedded mode) or the token's {@code preferred_username}/{@code sub}
 * @param roles the archive roles granted; empty means nothing is allowed
 * @param physicianNames Referring Physician's Names that identify this person's studies
 */
public record Principal(String name, Set<Role> roles, Set<String> physicianNames) {
    public Principal {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a principal needs a name");
        }
        roles = Set.copyOf(roles);
        physicianNames = Set.copyOf(physicianNames);
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True for roles that read every study (admin, radiologist). */
    public boolean seesAllStudies() {
        return has(Role.ADMIN) || has(Role.RADIOLOGIST);
    }

    /** The name and roles only: physician names are patient-adjacent data and stay out of logs. */
    @Override
    public String toString() {
        return "Principal[" + name + ", " + roles + "]";
    }
}
