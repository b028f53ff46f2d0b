// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    static final PasswordHasher FAST = new PasswordHasher(new PasswordHasher.Parameters(1024, 1, 1), 2);

    @Test
    void verifiesTheRightPasswordAndRefusesAWrongOne() {
        String stored = FAST.hash("correct horse battery".toCharArray());
        assertTrue(FAST.verify(stored, "correct horse battery".toCharArray()));
        assertFalse(FAST.verify(stored, "correct horse batterz".toCharArray()));
        assertFalse(FAST.verify(stored, "".toCharArray()));
    }

    @Test
    void recommendedHashIsArgon2idWithOwaspCostInPhcForm() {
        PasswordHasher recommended = PasswordHasher.recommended();
        String stored = recommended.hash("correct horse battery".toCharArray());
        assertTrue(stored.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), stored);
        assertTrue(recommended.verify(stored, "correct horse battery".toCharArray()));
    }

    @Test
    void samePasswordGetsAFreshSaltEachTime() {
        assertNotEquals(FAST.hash("correct horse battery".toCharArray()),
                FAST.hash("correct horse battery".toCharArray()));
    }

    @Test
    void comparesPasswordsAfterUnicodeNormalization() {
        // "é" precomposed (U+00E9) and decomposed (e + U+0301) are the same password (NFKC).
        String stored = FAST.hash("caf\u00e9-caf\u00e9-caf\u00e9".toCharArray());
        assertTrue(FAST.verify(stored, "cafe\u0301-cafe\u0301-cafe\u0301".toCharArray()));
    }

    @Test
    void malformedStoredValuesNeverMatch() {
        String good = FAST.hash("correct horse battery".toCharArray());
        for (String bad : new String[] {null, "", "plaintext", good.replace("argon2id", "argon2i"),
                good.substring(0, good.lastIndexOf('$')), good.replace("m=1024", "m=x")}) {
            assertFalse(FAST.verify(bad, "correct horse battery".toCharArray()), String.valueOf(bad));
        }
    }

    @Test
    void flagsHashesMadeWithALowerCostForRehash() {
        String weak = FAST.hash("correct horse battery".toCharArray());
        PasswordHasher stronger = new PasswordHasher(new PasswordHasher.Parameters(2048, 1, 1), 1);
        assertTrue(stronger.needsRehash(weak));
        assertFalse(FAST.needsRehash(weak));
        assertTrue(stronger.verify(weak, "correct horse battery".toCharArray()), "old hashes keep verifying");
    }
}
