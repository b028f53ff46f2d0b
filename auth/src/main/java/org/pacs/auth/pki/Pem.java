// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * PEM text (RFC 7468) for certificates and private keys, the form DCMTK, OpenSSL and stunnel read.
 * Private keys are written as unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}); only the AE bundle
 * written outside the data directory ever holds one.
 */
public final class Pem {

    private Pem() {
    }

    public static String certificates(List<X509Certificate> certificates) {
        return write(certificates.toArray());
    }

    public static String privateKey(PrivateKey key) {
        try {
            return write(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode a private key", e);
        }
    }

    /** Every certificate in {@code file}, in file order; other PEM blocks are skipped. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        return parseCertificates(Files.readString(file, StandardCharsets.ISO_8859_1), file.toString());
    }

    /** Every certificate in the PEM {@code text}; {@code source} names it in error messages. */
    public static List<X509Certificate> parseCertificates(String text, String source) throws PkiException {
        List<X509Certificate> out = new ArrayList<>();
        try (PEMParser parser = new PEMParser(new StringReader(text))) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    out.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (CertificateException | IOException e) {
            throw new PkiException(source + " is not a readable PEM certificate file: " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new PkiException(source + " holds no certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return out;
    }

    /** The first private key in {@code file}: PKCS#8, or traditional RSA/EC; unencrypted only. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try (PEMParser parser = new PEMParser(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)))) {
            Object o;
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            while ((o = parser.readObject()) != null) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
                if (o instanceof PKCS8EncryptedPrivateKeyInfo || o instanceof org.bouncycastle.openssl.PEMEncryptedKeyPair) {
                    throw new PkiException(file + " holds an encrypted private key; decrypt it for the import "
                            + "(openssl pkey -in " + file + " -out key.pem) and delete the copy afterwards: "
                            + "the archive keeps it in an encrypted keystore");
                }
            }
        } catch (PkiException e) {
            throw e;
        } catch (IOException e) {
            throw new PkiException(file + " is not a readable PEM key file: " + e.getMessage(), e);
        }
        throw new PkiException(file + " holds no private key (expected -----BEGIN PRIVATE KEY-----)");
    }

    private static String write(Object... objects) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(text)) {
            for (Object o : objects) {
                w.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM", e);
        }
        return text.toString();
    }
}
