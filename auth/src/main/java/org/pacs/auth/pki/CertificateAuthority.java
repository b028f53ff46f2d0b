// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The archive's internal certificate authority (RFC 5280 profile): a self-signed CA that issues the
 * server certificate and one client certificate per registered AE.
 *
 * <pre>{@code
 * CertificateAuthority ca = CertificateAuthority.create("Secure PACS CA", KeyAlgorithm.RSA_3072, clock);
 * IssuedCertificate server = ca.issueServer(List.of("pacs.example.org", "10.0.0.5"), KeyAlgorithm.RSA_3072);
 * IssuedCertificate ct = ca.issueAe("CT_ROOM1", KeyAlgorithm.RSA_3072);
 * }</pre>
 */
public final class CertificateAuthority {

    /** Lifetime of the CA certificate. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    /** Lifetime of server and AE certificates (CA/Browser-style short leaves; renewal is routine). */
    public static final Duration LEAF_VALIDITY = Duration.ofDays(730);
    /** Certificates start a little in the past so a peer whose clock lags still accepts them. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    /** The organization name in every subject this CA writes. */
    public static final String ORGANIZATION = "Secure PACS";

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final Clock clock;
    private final SecureRandom random;

    private CertificateAuthority(X509Certificate certificate, PrivateKey key, Clock clock, SecureRandom random) {
        this.certificate = certificate;
        this.key = key;
        this.clock = clock;
        this.random = random;
    }

    /** A new self-signed CA valid for {@link #CA_VALIDITY}: basicConstraints cA, pathLen 0. */
    public static CertificateAuthority create(String commonName, KeyAlgorithm algorithm, Clock clock) {
        SecureRandom random = new SecureRandom();
        KeyPair pair = algorithm.generate(random);
        X500Name name = subject(commonName);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = builder(name, name, pair.getPublic(), clock, CA_VALIDITY, random)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = sign(b, pair.getPrivate());
            return new CertificateAuthority(cert, pair.getPrivate(), clock, random);
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot create the CA certificate", e);
        }
    }

    /** The CA loaded back from its keystore. */
    public static CertificateAuthority of(X509Certificate certificate, PrivateKey key, Clock clock) {
        return new CertificateAuthority(certificate, key, clock, new SecureRandom());
    }

    public X509Certificate certificate() {
        return certificate;
    }

    PrivateKey privateKey() {
        return key;
    }

    /**
     * A server certificate for {@code hostnames} (DNS names and IP addresses as subjectAltName), valid
     * for {@link #LEAF_VALIDITY}. Its extended key usage is serverAuth for the DICOM-TLS and HTTPS
     * listeners, and clientAuth because the archive presents it when it opens C-MOVE
     * sub-associations to other AEs.
     */
    public IssuedCertificate issueServer(List<String> hostnames, KeyAlgorithm algorithm) {
        List<String> names = SubjectAltNames.normalize(hostnames);
        return issue(names.getFirst(), algorithm, names, KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth);
    }

    /**
     * A certificate for the AE titled {@code aeTitle} (subject CN), valid for {@link #LEAF_VALIDITY}.
     * Extended key usage clientAuth, to open associations to the archive, and serverAuth, because
     * the same AE often receives C-MOVE sub-associations as a TLS server (a JSSE or OpenSSL client
     * refuses a server certificate without serverAuth).
     */
    public IssuedCertificate issueAe(String aeTitle, KeyAlgorithm algorithm) {
        return issue(aeTitle, algorithm, null, KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth);
    }

    private IssuedCertificate issue(String commonName, KeyAlgorithm algorithm, List<String> altNames,
            KeyPurposeId... purposes) {
        KeyPair pair = algorithm.generate(random);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            int usage = KeyUsage.digitalSignature;
            if (algorithm == KeyAlgorithm.RSA_3072) {
                // Some TLS 1.2 stacks still insist on keyEncipherment for RSA certificates.
                usage |= KeyUsage.keyEncipherment;
            }
            X509v3CertificateBuilder b = builder(X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded()),
                    subject(commonName), pair.getPublic(), clock, LEAF_VALIDITY, random)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(usage))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(certificate.getPublicKey()));
            if (altNames != null) {
                b.addExtension(Extension.subjectAlternativeName, false, SubjectAltNames.toGeneralNames(altNames));
            }
            X509Certificate leaf = sign(b, key);
            return new IssuedCertificate(leaf, pair.getPrivate(), List.of(leaf, certificate));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("cannot issue a certificate for " + commonName, e);
        }
    }

    /**
     * {@code O=Secure PACS, CN=<name>} in DER order (the JDK prints it {@code CN=..., O=...}). Built
     * from values, never parsed from a string, so an AE title holding {@code ,} {@code +} or
     * {@code =} cannot inject attributes.
     */
    static X500Name subject(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key, Clock clock,
            Duration validity, SecureRandom random) {
        Instant now = clock.instant();
        // RFC 5280 §4.1.2.2: positive, at most 20 octets; 159 random bits are unguessable.
        BigInteger serial = new BigInteger(159, random).setBit(0);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(BACKDATE)),
                Date.from(now.plus(validity)), subject, key);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder(signatureAlgorithm(signer)).build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        return key.getAlgorithm().equals("RSA") ? KeyAlgorithm.RSA_3072.signatureAlgorithm()
                : KeyAlgorithm.EC_P256.signatureAlgorithm();
    }
}
