// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.pacs.auth.pki.IssuedCertificate;
import org.pacs.auth.pki.Pki;

/**
 * The JSSE contexts of the archive: its own key and chain, and as trust anchors exactly the internal CA
 * and the operator-trusted CAs (never the JDK's public CA list). A verified chain says only that a
 * trusted CA issued the peer's certificate; which AE it may act as is the access policy's business.
 *
 * <pre>{@code
 * SSLContext server = TlsContexts.server(pki);   // DICOM-TLS listener: client certificates verified
 * SSLContext client = TlsContexts.client(pki);   // C-MOVE sub-associations to other AEs
 * }</pre>
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    /** The context for the archive's TLS listeners. */
    public static SSLContext server(Pki pki) throws IOException {
        return server(pki.serverCredentials(), pki.trustAnchors());
    }

    /** The context for connections the archive opens, presenting its server certificate. */
    public static SSLContext client(Pki pki) throws IOException {
        return client(pki.serverCredentials(), pki.trustAnchors());
    }

    public static SSLContext server(IssuedCertificate credentials, List<X509Certificate> trustAnchors)
            throws IOException {
        return context(credentials, trustAnchors);
    }

    /** @param credentials the certificate to present, or null to present none */
    public static SSLContext client(IssuedCertificate credentials, List<X509Certificate> trustAnchors)
            throws IOException {
        return context(credentials, trustAnchors);
    }

    private static SSLContext context(IssuedCertificate credentials, List<X509Certificate> trustAnchors)
            throws IOException {
        if (trustAnchors.isEmpty()) {
            throw new IllegalArgumentException("a TLS context needs at least one trusted CA");
        }
        try {
            KeyManagerFactory kmf = null;
            if (credentials != null) {
                // An in-memory keystore only hands the key to JSSE; its password never leaves this method.
                char[] password = new char[32];
                SecureRandom random = new SecureRandom();
                for (int i = 0; i < password.length; i++) {
                    password[i] = (char) ('a' + random.nextInt(26));
                }
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("self", credentials.privateKey(), password,
                        credentials.chain().toArray(Certificate[]::new));
                kmf = KeyManagerFactory.getInstance("PKIX");
                kmf.init(keys, password);
                Arrays.fill(password, '\0');
            }
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            int n = 0;
            for (X509Certificate anchor : trustAnchors) {
                trust.setCertificateEntry("anchor-" + n++, anchor);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot build the TLS context: " + e.getMessage(), e);
        }
    }
}
