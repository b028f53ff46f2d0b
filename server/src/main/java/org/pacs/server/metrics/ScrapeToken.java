// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.pacs.auth.secrets.AtomicFile;

/**
 * The metrics scrape credential: a random 256-bit bearer token for Prometheus, which cannot refresh an
 * identity provider's tokens. Only its SHA-256 is kept, in the owner-only file
 * {@code <data>/run/metrics-token.sha256}; a presented token is hashed and compared in constant time.
 * The file is read at each check, so {@code ./pacs metrics token} rotates it without a restart.
 */
public final class ScrapeToken {
    /** Marks the token as this archive's scrape credential (for people and secret scanners). */
    static final String PREFIX = "pacs_metrics_";
    private static final int TOKEN_BYTES = 32;

    private final Path file;

    public ScrapeToken(Path dataDir) {
        this.file = location(dataDir);
    }

    public static Path location(Path dataDir) {
        return dataDir.resolve("run").resolve("metrics-token.sha256");
    }

    /**
     * Creates a new token, replacing any previous one, and returns it: the only time it is ever seen.
     */
    public static String rotate(Path dataDir, SecureRandom random) throws IOException {
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        AtomicFile.write(location(dataDir),
                (HexFormat.of().formatHex(sha256(token)) + "\n").getBytes(StandardCharsets.US_ASCII));
        return token;
    }

    /** Whether a token has been created (and not removed). */
    public boolean configured() throws IOException {
        return stored().isPresent();
    }

    /** True only if {@code presented} is the current token. */
    public boolean matches(String presented) throws IOException {
        Optional<byte[]> expected = stored();
        return expected.isPresent() && presented != null
                && MessageDigest.isEqual(expected.get(), sha256(presented));
    }

    private Optional<byte[]> stored() throws IOException {
        String hex;
        try {
            hex = Files.readString(file, StandardCharsets.US_ASCII).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new IOException(file + " does not hold a SHA-256; run './pacs metrics token' again");
        }
        return Optional.of(HexFormat.of().parseHex(hex));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
