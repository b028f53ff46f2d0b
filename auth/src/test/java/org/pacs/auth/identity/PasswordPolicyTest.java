// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    @Test
    void refusesPasswordsShorterThanTwelveCharacters() {
        assertTrue(PasswordPolicy.problem("alice", "elevenchars".toCharArray()).isPresent());
        assertTrue(PasswordPolicy.problem("alice", "twelve chars".toCharArray()).isEmpty());
    }

    @Test
    void refusesPasswordsContainingTheUserName() {
        assertTrue(PasswordPolicy.problem("dr-smith", "my-DR-SMITH-password".toCharArray()).isPresent());
        assertTrue(PasswordPolicy.problem("rad", "radiology is my life".toCharArray()).isEmpty(),
                "a name under 4 characters is only refused as the whole password");
    }

    @Test
    void refusesBlankAndOverlongPasswords() {
        assertTrue(PasswordPolicy.problem("alice", "              ".toCharArray()).isPresent());
        assertTrue(PasswordPolicy.problem("alice", "x".repeat(257).toCharArray()).isPresent());
    }
}
