// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away PKI for TLS tests: a CA, a server certificate for 127.0.0.1/localhost and client
 * certificates, as JSSE contexts and as PEM files for DCMTK and stunnel.
 */
public final class TestPki {

    public record Entity(KeyPair keys, X509Certificate certificate, Path certPem, Path keyPem) {
    }

    private final KeyPair caKeys;
    private final X509Certificate ca;
    private final Path caPem;
    private final Path dir;
    private final SecureRandom random = new SecureRandom();

    private TestPki(Path dir) throws GeneralSecurityException, IOException {
        this.dir = dir;
        this.caKeys = ecKeys();
        this.ca = sign(new X500Principal("CN=Test DICOM CA,O=PACS tests"), caKeys, null, true, false);
        this.caPem = writePem(dir.resolve("ca.crt"), "CERTIFICATE", ca.getEncoded());
    }

    public static TestPki create(Path dir) throws IOException {
        try {
            return new TestPki(dir);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    public Path caPem() {
        return caPem;
    }

    public X509Certificate ca() {
        return ca;
    }

    /** An end-entity certificate signed by the CA, usable for TLS server and client authentication. */
    public Entity issue(String name, String commonName) throws IOException {
        try {
            KeyPair keys = ecKeys();
            X509Certificate cert = sign(new X500Principal("CN=" + commonName + ",O=PACS tests"), keys, caKeys, false,
                    true);
            Path certPem = writePem(dir.resolve(name + ".crt"), "CERTIFICATE", cert.getEncoded());
            Path keyPem = writePem(dir.resolve(name + ".key"), "PRIVATE KEY", keys.getPrivate().getEncoded());
            return new Entity(keys, cert, certPem, keyPem);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    /** A context presenting {@code entity} (or nothing) and trusting only the test CA. */
    public SSLContext context(Entity entity) throws IOException {
        try {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(null, null);
            if (entity != null) {
                keyStore.setKeyEntry("key", entity.keys().getPrivate(), new char[0],
                        new Certificate[] {entity.certificate(), ca});
            }
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, new char[0]);
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), random);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    private X509Certificate sign(X500Principal subject, KeyPair keys, KeyPair issuerKeys, boolean isCa, boolean leaf)
            throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        X500Principal issuer = issuerKeys == null ? subject : ca.getSubjectX500Principal();
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, random),
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(2, ChronoUnit.DAYS)), subject,
                keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        if (leaf) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(new KeyPurposeId[] {
                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName,
                        "localhost")}));
        }
        try {
            var signer = new JcaContentSignerBuilder("SHA256withECDSA")
                    .build(issuerKeys == null ? keys.getPrivate() : issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(b.build(signer));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static Path writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
        return file;
    }
}
