// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * What a new password of an embedded user must be: at least 12 characters (NIST SP 800-63B §3.1.1.2
 * asks for 15 without a second factor, OWASP for 12 at least), at most 256, not only spaces, not
 * containing the user name (of 4 characters or more). Length over composition rules, as both recommend.
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 256;

    private PasswordPolicy() {
    }

    /** Why {@code password} is refused for {@code userName}, or empty if it is acceptable. */
    public static Optional<String> problem(String userName, char[] password) {
        int length = String.valueOf(password).codePointCount(0, password.length);
        if (length < MIN_LENGTH) {
            return Optional.of("a password needs at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("a password has at most " + MAX_LENGTH + " characters");
        }
        String text = String.valueOf(password);
        if (text.isBlank()) {
            return Optional.of("a password cannot be only spaces");
        }
        // A short name ("rad") is part of many good passwords; a longer one inside the password is a hint.
        String lower = text.strip().toLowerCase(Locale.ROOT);
        String name = userName == null ? "" : userName.toLowerCase(Locale.ROOT);
        if (!name.isEmpty() && (name.length() >= 4 ? lower.contains(name) : lower.equals(name))) {
            return Optional.of("a password cannot contain the user name");
        }
        return Optional.empty();
    }

    /** @throws IllegalArgumentException with the reason, if the password is refused */
    public static void check(String userName, char[] password) {
        problem(userName, password).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
    }
}
