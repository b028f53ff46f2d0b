// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user of the embedded identity mode, as kept (sealed) in {@code <data>/identity/users.sealed}.
 *
 * @param name lower-case user name, 1 to 64 of {@code a-z 0-9 . _ @ -}, starting with a letter or digit
 * @param physicianNames Referring Physician's Names in DICOM form ("DOE^JOHN") that identify this person's studies
 * @param passwordHash the PHC string of {@link PasswordHasher}
 * @param failedAttempts failed sign-ins since the last success (drives the lockout)
 * @param lastFailure when the last failed sign-in happened, or null
 * @param changed when the record was last changed by an operator (created, enabled, password...)
 */
public record LocalUser(String name, Set<Role> roles, Set<String> physicianNames, boolean enabled,
        String passwordHash, int failedAttempts, Instant lastFailure, Instant created, Instant changed) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{0,63}");
    private static final int MAX_PERSON_NAME = 3 * 64 + 2;

    public LocalUser {
        name = requireValidName(name);
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        Set<String> names = new LinkedHashSet<>();
        for (String n : physicianNames) {
            names.add(requireValidPhysicianName(n));
        }
        physicianNames = Set.copyOf(names);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(changed, "changed");
        if (failedAttempts < 0) {
            throw new IllegalArgumentException("failedAttempts cannot be negative");
        }
    }

    /** The lower-cased name, if it is a valid user name. */
    public static String requireValidName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(n).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a valid user name: 1 to 64 of a-z, 0-9, "
                    + "'.', '_', '@', '-', starting with a letter or digit");
        }
        return n;
    }

    /** Checks a Person Name value (PS3.5 §6.2, VR PN): no backslash (one value), no control characters. */
    public static String requireValidPhysicianName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_PERSON_NAME || n.indexOf('\\') >= 0
                || n.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IllegalArgumentException("not a valid physician name (DICOM PN such as \"DOE^JOHN\": one value, "
                    + "no backslash or control characters)");
        }
        return n;
    }

    /** The principal this user is right now. */
    public Principal principal() {
        return new Principal(name, roles, physicianNames);
    }

    /** When the lockout of this user ends, or null if not locked out under {@code policy}. */
    public Instant lockedUntil(LockoutPolicy policy) {
        return policy.lockedUntil(failedAttempts, lastFailure);
    }

    public boolean lockedAt(Instant now, LockoutPolicy policy) {
        Instant until = lockedUntil(policy);
        return until != null && now.isBefore(until);
    }

    LocalUser withEnabled(boolean on, Instant at) {
        return new LocalUser(name, roles, physicianNames, on, passwordHash, on ? 0 : failedAttempts,
                on ? null : lastFailure, created, at);
    }

    LocalUser withPasswordHash(String hash, Instant at) {
        return new LocalUser(name, roles, physicianNames, enabled, hash, 0, null, created, at);
    }

    LocalUser withRoles(Set<Role> newRoles, Set<String> newPhysicianNames, Instant at) {
        return new LocalUser(name, newRoles, newPhysicianNames, enabled, passwordHash, failedAttempts, lastFailure,
                created, at);
    }

    LocalUser withFailure(Instant at) {
        return new LocalUser(name, roles, physicianNames, enabled, passwordHash, failedAttempts + 1, at, created,
                changed);
    }

    LocalUser withSuccess() {
        return new LocalUser(name, roles, physicianNames, enabled, passwordHash, 0, null, created, changed);
    }

    /** Roles only: the hash and the physician names stay out of logs. */
    @Override
    public String toString() {
        return "LocalUser[" + name + ", " + roles + (enabled ? "" : ", disabled") + "]";
    }

    /** Lockout with exponential backoff, see {@link #lockedUntil(int, Instant)}. */
    public record LockoutPolicy(int threshold, Duration firstLock, Duration longestLock) {
        public LockoutPolicy {
            if (threshold < 1 || firstLock.isNegative() || longestLock.compareTo(firstLock) < 0) {
                throw new IllegalArgumentException("invalid lockout policy");
            }
        }

        /** After {@code threshold} failures: 30 s, doubling with each further failure, at most one hour. */
        public static LockoutPolicy of(int threshold) {
            return new LockoutPolicy(threshold, Duration.ofSeconds(30), Duration.ofHours(1));
        }

        /**
         * The end of the lockout after {@code failures} consecutive failures, the last at {@code lastFailure}:
         * none below the threshold, then {@code firstLock * 2^(failures - threshold)} capped at {@code longestLock}.
         */
        public Instant lockedUntil(int failures, Instant lastFailure) {
            if (failures < threshold || lastFailure == null) {
                return null;
            }
            int doublings = Math.min(failures - threshold, 30);
            Duration lock = firstLock.multipliedBy(1L << doublings);
            if (lock.compareTo(longestLock) > 0) {
                lock = longestLock;
            }
            return lastFailure.plus(lock);
        }
    }
}
