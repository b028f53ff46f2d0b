// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code pacs status [--quiet]}: is the archive up, on which ports, and what does it hold. Exit 0
 * when it is up and its DICOM-TLS port accepts connections (the Docker health check uses
 * {@code --quiet}), 1 when it is down, 2 for bad arguments.
 */
final class StatusCommand implements Command {
    @Override
    public String name() {
        return "status";
    }

    @Override
    public String usage() {
        return "status [--quiet] [--data DIR]";
    }

    @Override
    public String summary() {
        return "say whether the archive is up and what it holds";
    }

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) {
        DataDirOption opt = DataDirOption.parse(args);
        boolean quiet = opt.rest().remove("--quiet");
        if (!opt.rest().isEmpty()) {
            throw new UsageException("unexpected arguments " + opt.rest());
        }
        Optional<Properties> status;
        try {
            status = new ServerStatusFile(opt.dataDir()).read();
        } catch (IOException e) {
            err.println("pacs status: " + e.getMessage());
            return 1;
        }
        if (status.isEmpty()) {
            if (!quiet) {
                out.println("down: no archive is running on " + opt.dataDir());
            }
            return 1;
        }
        Properties p = status.get();
        long pid = Long.parseLong(p.getProperty("pid", "-1"));
        if (!ServerStatusFile.processAlive(p)) {
            if (!quiet) {
                out.println("down: the archive (pid " + pid + ") stopped without cleaning up; see its log");
            }
            return 1;
        }
        String host = p.getProperty("bindAddress", "127.0.0.1");
        int port = Integer.parseInt(p.getProperty("dicomTlsPort", "0"));
        boolean listening = accepts(host.equals("0.0.0.0") ? "127.0.0.1" : host, port);
        if (!quiet) {
            out.println((listening ? "up" : "not answering") + ": pid " + pid + ", since " + p.getProperty("started"));
            out.println("  AE title:       " + p.getProperty("aeTitle"));
            out.println("  DICOM over TLS: " + host + ":" + port + (listening ? "" : " (not accepting connections)"));
            if (p.getProperty("legacyPort") != null) {
                out.println("  legacy DICOM:   " + host + ":" + p.getProperty("legacyPort") + " PLAINTEXT");
            }
            out.println("  holds:          " + p.getProperty("patients", "?") + " patients, "
                    + p.getProperty("studies", "?") + " studies, " + p.getProperty("series", "?") + " series, "
                    + p.getProperty("instances", "?") + " instances (as of " + p.getProperty("updated") + ")");
        }
        return listening ? 0 : 1;
    }

    /** A plain TCP connect, closed at once: no TLS handshake, so the archive's log stays quiet. */
    private static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
