// SPDX-License-Identifier: Apache-2.0
package org.pacs.server;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code <data>/run/server.status}: what a running archive tells {@code ./pacs status} and health
 * checks: its process id, ports and what it holds (counts only, never patient data). Written
 * atomically; removed at a clean stop, so a file whose process is gone means the archive died.
 */
final class ServerStatusFile {
    static final String NAME = "server.status";

    private final Path file;

    ServerStatusFile(Path dataDir) {
        this.file = dataDir.resolve("run").resolve(NAME);
    }

    Path path() {
        return file;
    }

    void write(Properties values) throws IOException {
        Files.createDirectories(file.getParent());
        StringWriter text = new StringWriter();
        values.store(text, "written by the running archive; do not edit");
        Path tmp = file.resolveSibling(NAME + ".tmp");
        Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    Optional<Properties> read() throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = new StringReader(Files.readString(file, StandardCharsets.UTF_8))) {
            p.load(r);
        }
        return Optional.of(p);
    }

    /** The status of an archive whose process is alive now; empty if none runs on this data directory. */
    Optional<Properties> running() throws IOException {
        return read().filter(ServerStatusFile::processAlive);
    }

    /** True if the process that wrote {@code status} is still alive. */
    static boolean processAlive(Properties status) {
        return ProcessHandle.of(Long.parseLong(status.getProperty("pid", "-1"))).map(ProcessHandle::isAlive)
                .orElse(false);
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
