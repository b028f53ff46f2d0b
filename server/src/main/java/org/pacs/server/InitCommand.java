// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.pacs.auth.pki.Fingerprint;
import org.pacs.auth.pki.KeyAlgorithm;
import org.pacs.auth.pki.Pem;
import org.pacs.auth.pki.Pki;
import org.pacs.auth.pki.SubjectAltNames;
import org.pacs.auth.secrets.ArchiveKeyRing;
import org.pacs.auth.secrets.AtomicFile;
import org.pacs.conf.Config;
import org.pacs.conf.ConfigException;
import org.pacs.conf.ConfigLoader;
import org.pacs.conf.Settings;
import org.pacs.storage.crypto.KeyRing;

/**
 * {@code pacs init}: creates the data directory's key ring (first start), the internal CA and the
 * server certificate, or takes the operator's own server certificate and trusted CAs. Idempotent: on
 * an initialized data directory it changes nothing and says so.
 */
final class InitCommand implements Command {
    @Override
    public String name() {
        return "init";
    }

    @Override
    public String usage() {
        return "init [--data DIR] [--hostname NAME]... [--key-type rsa|ec] "
                + "[--server-cert PEM --server-key PEM] [--trust PEM]...";
    }

    @Override
    public String summary() {
        return "create the internal CA and the server certificate (once)";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        List<String> hostnames = new ArrayList<>();
        List<Path> trust = new ArrayList<>();
        Path serverCert = null;
        Path serverKey = null;
        KeyAlgorithm keyType = KeyAlgorithm.RSA_3072;
        List<String> rest = opt.rest();
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "--hostname" -> hostnames.add(value(rest, ++i, a));
                case "--trust" -> trust.add(Path.of(value(rest, ++i, a)));
                case "--server-cert" -> serverCert = Path.of(value(rest, ++i, a));
                case "--server-key" -> serverKey = Path.of(value(rest, ++i, a));
                case "--key-type" -> {
                    try {
                        keyType = KeyAlgorithm.fromOption(value(rest, ++i, a));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException(e.getMessage());
                    }
                }
                default -> throw new UsageException("unexpected argument '" + a + "'");
            }
        }
        if ((serverCert == null) != (serverKey == null)) {
            throw new UsageException("--server-cert and --server-key go together");
        }
        Path dataDir = opt.dataDir();
        try {
            Config config = ConfigLoader.load(dataDir, System.getenv());
            if (Pki.isInitialized(dataDir)) {
                return alreadyInitialized(dataDir, rest.isEmpty(), out);
            }
            List<String> names = new ArrayList<>(config.list(Settings.HOSTNAMES));
            names.addAll(hostnames);
            Pki.Options options = Pki.Options.issued(SubjectAltNames.normalize(names), keyType);
            if (serverCert != null) {
                List<X509Certificate> chain = Pem.readCertificates(serverCert);
                PrivateKey key = Pem.readPrivateKey(serverKey);
                options = options.withOperatorServer(chain, key);
            }
            List<X509Certificate> trusted = new ArrayList<>();
            for (Path t : trust) {
                trusted.addAll(Pem.readCertificates(t));
            }
            options = options.withTrustedCas(trusted);

            AtomicFile.createOwnerOnlyDirectories(dataDir);
            KeyRing.Opened opened = ArchiveKeyRing.open(config);
            reportNewSecret(opened, out);
            try (KeyRing keys = opened.keyRing()) {
                out.println("creating the internal CA and the server certificate (" + keyType.option() + ")...");
                Pki pki = Pki.initialize(dataDir, keys, options, Clock.systemUTC());
                describe(pki, out);
            }
            out.println();
            out.println("Next: register each modality or workstation with './pacs ae add AE_TITLE --data " + dataDir + "'.");
            return 0;
        } catch (ConfigException e) {
            err.println("pacs: configuration error: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException | IOException e) {
            err.println("pacs init: " + e.getMessage());
            return 1;
        }
    }

    private static int alreadyInitialized(Path dataDir, boolean noOptions, PrintStream out) throws IOException {
        Path pki = dataDir.resolve(Pki.DIRECTORY);
        out.println("Already initialized: " + pki + " exists; nothing was changed.");
        if (!noOptions) {
            out.println("The options given were ignored; an existing PKI is never replaced by 'init'.");
        }
        Path serverPem = pki.resolve("server.crt.pem");
        if (Files.exists(serverPem)) {
            X509Certificate server = Pem.readCertificates(serverPem).getFirst();
            out.println("server certificate: " + server.getSubjectX500Principal().getName() + ", for "
                    + SubjectAltNames.of(server) + ", valid until " + server.getNotAfter().toInstant());
        }
        return 0;
    }

    static void reportNewSecret(KeyRing.Opened opened, PrintStream out) {
        if (opened.generatedSecret().isEmpty()) {
            return;
        }
        if (opened.savedTo().isPresent()) {
            out.println("A new KEK secret was generated and saved to " + opened.savedTo().get()
                    + ". Back it up apart from the data directory: without it the archive cannot be read.");
        } else {
            out.println("A new KEK secret was generated. It is shown once; keep it safe, without it the archive "
                    + "cannot be read:");
            out.println("  " + opened.generatedSecret().get().reveal());
        }
    }

    private static void describe(Pki pki, PrintStream out) {
        X509Certificate ca = pki.caCertificate();
        X509Certificate server = pki.serverCredentials().certificate();
        out.println("internal CA:        " + ca.getSubjectX500Principal().getName());
        out.println("  SHA-256:          " + Fingerprint.display(Fingerprint.sha256(ca)));
        out.println("  valid until:      " + ca.getNotAfter().toInstant());
        out.println("server certificate: " + server.getSubjectX500Principal().getName()
                + (pki.serverIssuedInternally() ? "" : " (brought by the operator)"));
        out.println("  names:            " + SubjectAltNames.of(server));
        out.println("  valid until:      " + server.getNotAfter().toInstant());
        if (!pki.trustedCas().isEmpty()) {
            out.println("trusted CAs:        " + pki.trustedCas().stream()
                    .map(c -> c.getSubjectX500Principal().getName()).toList());
        }
        out.println("keys are in PKCS#12 keystores under " + pki.directory()
                + ", their passwords sealed by the key ring; hand out " + pki.directory().resolve("ca.crt.pem")
                + " to peers that must trust this server.");
    }

    static String value(List<String> args, int i, String option) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args.get(i);
    }
}
