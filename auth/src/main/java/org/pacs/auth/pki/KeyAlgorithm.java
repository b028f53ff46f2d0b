// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/**
 * Key types for the CA, server and AE certificates. RSA 3072 is the default: the TLS 1.2 cipher
 * suites the Non-Downgrading BCP 195 profile requires (PS3.15 §B.10) all authenticate with RSA
 * ({@code TLS_ECDHE_RSA_*}, {@code TLS_DHE_RSA_*}), so a TLS 1.2-only modality using that profile
 * cannot talk to an EC server key. EC P-256 is smaller and faster, for sites whose peers all
 * speak TLS 1.3 or the ECDSA suites.
 */
public enum KeyAlgorithm {
    /** RSA with a 3072-bit modulus (128-bit security, NIST SP 800-57), signed with SHA-256. */
    RSA_3072("rsa", "SHA256withRSA"),
    /** ECDSA on NIST P-256 (secp256r1), signed with SHA-256. */
    EC_P256("ec", "SHA256withECDSA");

    private final String option;
    private final String signatureAlgorithm;

    KeyAlgorithm(String option, String signatureAlgorithm) {
        this.option = option;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The command-line spelling: {@code rsa} or {@code ec}. */
    public String option() {
        return option;
    }

    /** The JCA name of the signature this key makes on certificates it issues. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    public KeyPair generate(SecureRandom random) {
        try {
            if (this == RSA_3072) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(3072, random);
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + this + " keys", e);
        }
    }

    /** {@code rsa} or {@code ec}. */
    public static KeyAlgorithm fromOption(String option) {
        for (KeyAlgorithm a : values()) {
            if (a.option.equals(option)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown key type '" + option + "': use rsa or ec");
    }
}
