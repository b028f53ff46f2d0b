// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * What an operator does to embedded users (through {@code ./pacs user}): add with a password that
 * passes {@link PasswordPolicy}, disable, enable, set a new password. Disabling a user or changing a
 * password ends the user's sessions, so refresh tokens stop working at once; access tokens are refused
 * from the next request on because {@link EmbeddedAuthenticator} checks the user and the session on
 * every call.
 */
public final class UserAccounts {

    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final UserStore users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    UserAccounts(UserStore users, SessionStore sessions, PasswordHasher hasher, Clock clock) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * @throws IllegalArgumentException the name or the password is refused (the message says why)
     * @throws IdentityStoreException the name is taken
     */
    public LocalUser add(String name, Set<Role> roles, Set<String> physicianNames, char[] password)
            throws IOException {
        String n = LocalUser.requireValidName(name);
        PasswordPolicy.check(n, password);
        return users.add(n, roles, physicianNames, hasher.hash(password), clock.instant());
    }

    /** Disables {@code name} and ends its sessions. */
    public LocalUser disable(String name) throws IOException {
        Instant now = clock.instant();
        LocalUser u = users.setEnabled(name, false, now);
        sessions.endAllOf(u.name(), now);
        return u;
    }

    /** Enables {@code name} and clears its lockout. */
    public LocalUser enable(String name) throws IOException {
        return users.setEnabled(name, true, clock.instant());
    }

    /** Sets a new password (checked by the policy), clears the lockout and ends the user's sessions. */
    public LocalUser setPassword(String name, char[] password) throws IOException {
        String n = LocalUser.requireValidName(name);
        if (users.find(n).isEmpty()) {
            throw new IdentityStoreException("no user " + n);
        }
        PasswordPolicy.check(n, password);
        Instant now = clock.instant();
        LocalUser u = users.setPasswordHash(n, hasher.hash(password), now);
        sessions.endAllOf(u.name(), now);
        return u;
    }

    /** A one-time password for a new account: 20 characters from 57 unambiguous ones (about 116 bits). */
    public char[] generatePassword() {
        char[] out = new char[20];
        for (int i = 0; i < out.length; i++) {
            out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return out;
    }
}
