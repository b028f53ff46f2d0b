// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import javax.naming.ldap.LdapName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    static CertificateAuthority ca;
    static IssuedCertificate server;
    static IssuedCertificate ae;

    @BeforeAll
    static void issue() {
        ca = CertificateAuthority.create("Test CA", KeyAlgorithm.EC_P256, Clock.fixed(NOW, ZoneOffset.UTC));
        server = ca.issueServer(List.of("PACS.example.org", "10.1.2.3", "::1", "pacs"), KeyAlgorithm.EC_P256);
        ae = ca.issueAe("CT_ROOM1", KeyAlgorithm.EC_P256);
    }

    /** Validation with the JDK alone, independent of {@link CertificateChains}. */
    static void jdkValidate(List<X509Certificate> chain, X509Certificate anchor, Instant at) throws Exception {
        CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, 1));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(at));
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    @Nested
    class Chains {
        @Test
        void serverChainValidatesWithTheJdkCertPathValidator() throws Exception {
            jdkValidate(server.chain(), ca.certificate(), NOW.plus(Duration.ofDays(1)));
        }

        @Test
        void aeChainValidatesWithTheJdkCertPathValidator() throws Exception {
            jdkValidate(ae.chain(), ca.certificate(), NOW);
        }

        @Test
        void chainFailsAgainstAnotherCa() {
            CertificateAuthority other = CertificateAuthority.create("Other", KeyAlgorithm.EC_P256, Clock.systemUTC());
            assertThrows(CertPathValidatorException.class, () -> jdkValidate(ae.chain(), other.certificate(), NOW));
            assertThrows(PkiException.class, () -> CertificateChains.validate(ae.chain(), List.of(other.certificate()),
                    NOW, CertificateChains.CLIENT_AUTH));
        }

        @Test
        void chainEndsWithTheCa() {
            assertEquals(List.of(server.certificate(), ca.certificate()), server.chain());
        }
    }

    @Nested
    class Lifetimes {
        @Test
        void caLastsTenYears() {
            X509Certificate c = ca.certificate();
            assertEquals(NOW.plus(Duration.ofDays(3650)), c.getNotAfter().toInstant());
            assertTrue(c.getNotBefore().toInstant().isBefore(NOW));
        }

        @Test
        void leavesLastTwoYearsAndStartAFewMinutesEarly() {
            for (X509Certificate c : List.of(server.certificate(), ae.certificate())) {
                assertEquals(NOW.plus(Duration.ofDays(730)), c.getNotAfter().toInstant());
                assertEquals(NOW.minus(Duration.ofMinutes(5)), c.getNotBefore().toInstant());
            }
        }

        @Test
        void chainIsInvalidAfterTheLeafExpires() {
            assertThrows(CertPathValidatorException.class,
                    () -> jdkValidate(ae.chain(), ca.certificate(), NOW.plus(Duration.ofDays(731))));
        }
    }

    @Nested
    class Extensions {
        @Test
        void caIsACaAndLeavesAreNot() {
            assertEquals(0, ca.certificate().getBasicConstraints());
            assertEquals(-1, server.certificate().getBasicConstraints());
            assertEquals(-1, ae.certificate().getBasicConstraints());
            assertTrue(ca.certificate().getKeyUsage()[5], "keyCertSign");
            assertFalse(server.certificate().getKeyUsage()[5], "a leaf cannot sign certificates");
        }

        @Test
        void serverHasDnsAndIpSubjectAltNames() {
            assertEquals(List.of("pacs.example.org", "10.1.2.3", "0:0:0:0:0:0:0:1", "pacs"),
                    SubjectAltNames.of(server.certificate()));
        }

        @Test
        void serverIsForTlsServersAndOutgoingAssociations() throws Exception {
            assertEquals(List.of(CertificateChains.SERVER_AUTH, CertificateChains.CLIENT_AUTH),
                    server.certificate().getExtendedKeyUsage());
        }

        @Test
        void aeCertificateIsForClientsFirst() throws Exception {
            assertEquals(List.of(CertificateChains.CLIENT_AUTH, CertificateChains.SERVER_AUTH),
                    ae.certificate().getExtendedKeyUsage());
            assertTrue(SubjectAltNames.of(ae.certificate()).isEmpty());
        }

        @Test
        void serialsAreRandomAndPositive() {
            assertTrue(ae.certificate().getSerialNumber().signum() > 0);
            assertNotEquals(ae.certificate().getSerialNumber(), server.certificate().getSerialNumber());
        }
    }

    @Nested
    class Subjects {
        @Test
        void aeTitleIsTheCommonName() throws Exception {
            LdapName name = new LdapName(ae.certificate().getSubjectX500Principal().getName());
            assertEquals("O=Secure PACS", name.getRdn(0).toString());
            assertEquals("CN=CT_ROOM1", name.getRdn(1).toString());
        }

        @Test
        void specialCharactersInAnAeTitleCannotAddAttributes() throws Exception {
            IssuedCertificate odd = ca.issueAe("A,O=Evil+CN=x", KeyAlgorithm.EC_P256);
            LdapName name = new LdapName(odd.certificate().getSubjectX500Principal().getName());
            assertEquals(2, name.size());
            assertEquals("A,O=Evil+CN=x", name.getRdn(1).getValue());
        }
    }

    @Test
    void refusesBadHostNames() {
        assertThrows(IllegalArgumentException.class, () -> ca.issueServer(List.of("*.example.org"), KeyAlgorithm.EC_P256));
        assertThrows(IllegalArgumentException.class, () -> ca.issueServer(List.of("a b"), KeyAlgorithm.EC_P256));
        assertThrows(IllegalArgumentException.class, () -> ca.issueServer(List.of(), KeyAlgorithm.EC_P256));
    }

    @Test
    void rsaIsTheDefaultStrength() {
        CertificateAuthority rsa = CertificateAuthority.create("RSA CA", KeyAlgorithm.RSA_3072, Clock.systemUTC());
        IssuedCertificate leaf = rsa.issueAe("MR_1", KeyAlgorithm.RSA_3072);
        assertEquals(3072, ((RSAPublicKey) leaf.certificate().getPublicKey()).getModulus().bitLength());
        assertEquals("SHA256withRSA", leaf.certificate().getSigAlgName());
        assertTrue(leaf.certificate().getKeyUsage()[2], "keyEncipherment for RSA");
    }

    @Test
    void neverShowsTheKey() {
        assertFalse(ae.toString().contains(ae.privateKey().toString()));
        assertTrue(ae.toString().contains("redacted"));
    }
}
