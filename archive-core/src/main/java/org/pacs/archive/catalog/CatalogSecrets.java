// SPDX-License-Identifier: Apache-2.0
package org.pacs.archive.catalog;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The two passwords of the embedded catalog: the file password (the AES key of H2's {@code CIPHER=AES}
 * file encryption) and the database user's password. Generated at first start with {@link #generate};
 * the caller keeps them sealed and hands them over at each start. {@link #destroy()} wipes them.
 */
public final class CatalogSecrets {
    private final char[] filePassword;
    private final char[] userPassword;

    /** Neither may contain a space: H2 separates the two with one. */
    public CatalogSecrets(char[] filePassword, char[] userPassword) {
        this.filePassword = check(filePassword, "filePassword").clone();
        this.userPassword = check(userPassword, "userPassword").clone();
    }

    /** Two fresh passwords of 256 random bits each, in base64url (43 characters). */
    public static CatalogSecrets generate(SecureRandom random) {
        char[] file = randomPassword(random);
        char[] user = randomPassword(random);
        try {
            return new CatalogSecrets(file, user);
        } finally {
            Arrays.fill(file, '\0');
            Arrays.fill(user, '\0');
        }
    }

    private static char[] randomPassword(SecureRandom random) {
        byte[] bits = new byte[32];
        random.nextBytes(bits);
        byte[] text = Base64.getUrlEncoder().withoutPadding().encode(bits);
        char[] chars = new char[text.length];
        for (int i = 0; i < text.length; i++) {
            chars[i] = (char) text[i];
        }
        Arrays.fill(bits, (byte) 0);
        Arrays.fill(text, (byte) 0);
        return chars;
    }

    private static char[] check(char[] password, String name) {
        Objects.requireNonNull(password, name);
        if (password.length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
        for (char c : password) {
            if (c == ' ') {
                throw new IllegalArgumentException(name + " contains a space");
            }
        }
        return password;
    }

    public char[] filePassword() {
        return filePassword.clone();
    }

    public char[] userPassword() {
        return userPassword.clone();
    }

    /** H2's password for an encrypted file: "filePassword userPassword". The caller wipes it. */
    char[] h2Password() {
        char[] both = new char[filePassword.length + 1 + userPassword.length];
        System.arraycopy(filePassword, 0, both, 0, filePassword.length);
        both[filePassword.length] = ' ';
        System.arraycopy(userPassword, 0, both, filePassword.length + 1, userPassword.length);
        return both;
    }

    public void destroy() {
        Arrays.fill(filePassword, '\0');
        Arrays.fill(userPassword, '\0');
    }

    @Override
    public String toString() {
        return "CatalogSecrets[redacted]";
    }
}
