// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.identity;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Password hashes of embedded users: Argon2id (RFC 9106) with a random 16-byte salt, stored in the
 * PHC string form {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>} so that the parameters travel
 * with each hash and can be raised later. Passwords are NFKC-normalized before hashing (NIST SP
 * 800-63B §5.1.1.2), compared in constant time, and the number of hashes computed at once is bounded:
 * each costs {@code m} KiB, and a burst of sign-ins must not exhaust the heap.
 *
 * <pre>{@code
 * PasswordHasher hasher = PasswordHasher.recommended();
 * String stored = hasher.hash(password);
 * boolean ok = hasher.verify(stored, attempt);
 * }</pre>
 */
public final class PasswordHasher {

    /** OWASP Password Storage Cheat Sheet, Argon2id first option: m=19 MiB, t=2, p=1. */
    public static final Parameters OWASP = new Parameters(19 * 1024, 2, 1);

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String PREFIX = "$argon2id$v=19$";
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

    /**
     * Argon2id cost.
     *
     * @param memoryKiB m, memory in KiB
     * @param iterations t
     * @param parallelism p
     */
    public record Parameters(int memoryKiB, int iterations, int parallelism) {
        public Parameters {
            if (memoryKiB < 8 * parallelism || iterations < 1 || parallelism < 1 || parallelism > 16
                    || memoryKiB > 4 * 1024 * 1024 || iterations > 100) {
                throw new IllegalArgumentException("Argon2id parameters out of range: m=" + memoryKiB + " t="
                        + iterations + " p=" + parallelism);
            }
        }

        boolean weakerThan(Parameters other) {
            return memoryKiB < other.memoryKiB || iterations < other.iterations;
        }
    }

    private final Parameters parameters;
    private final SecureRandom random = new SecureRandom();
    private final Semaphore concurrentHashes;
    /** Verified against for unknown users, so that they cost what known users cost. */
    private final String decoy;

    public PasswordHasher(Parameters parameters, int maxConcurrentHashes) {
        this.parameters = parameters;
        this.concurrentHashes = new Semaphore(Math.max(1, maxConcurrentHashes), true);
        byte[] pw = new byte[24];
        random.nextBytes(pw);
        this.decoy = hash(B64.encodeToString(pw).toCharArray());
    }

    /** {@link #OWASP} cost, at most as many hashes at once as there are processors (at least 2). */
    public static PasswordHasher recommended() {
        return new PasswordHasher(OWASP, Math.max(2, Runtime.getRuntime().availableProcessors()));
    }

    public Parameters parameters() {
        return parameters;
    }

    /** A new PHC string for {@code password}, with a fresh salt. */
    public String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, parameters, HASH_BYTES);
        return PREFIX + "m=" + parameters.memoryKiB() + ",t=" + parameters.iterations() + ",p="
                + parameters.parallelism() + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(out);
    }

    /**
     * Whether {@code password} matches {@code stored}. A malformed {@code stored} value never matches,
     * and still costs one hash.
     */
    public boolean verify(String stored, char[] password) {
        Decoded d = decode(stored);
        if (d == null) {
            verify(decoy, password);
            return false;
        }
        byte[] actual = derive(password, d.salt(), d.parameters(), d.hash().length);
        return MessageDigest.isEqual(actual, d.hash());
    }

    /** Spends the time of one verification, for a user that does not exist or may not sign in. */
    public void verifyDecoy(char[] password) {
        verify(decoy, password);
    }

    /** True if {@code stored} was made with a weaker cost than this hasher's, or cannot be read. */
    public boolean needsRehash(String stored) {
        Decoded d = decode(stored);
        return d == null || d.parameters().weakerThan(parameters);
    }

    private record Decoded(Parameters parameters, byte[] salt, byte[] hash) {
    }

    private static Decoded decode(String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return null;
        }
        String[] parts = stored.substring(PREFIX.length()).split("\\$");
        if (parts.length != 3) {
            return null;
        }
        try {
            int m = -1;
            int t = -1;
            int p = -1;
            for (String kv : parts[0].split(",")) {
                String[] pair = kv.split("=", 2);
                int v = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = v;
                    case "t" -> t = v;
                    case "p" -> p = v;
                    default -> {
                        return null;
                    }
                }
            }
            byte[] salt = B64_DECODE.decode(parts[1]);
            byte[] hash = B64_DECODE.decode(parts[2]);
            if (salt.length < 8 || hash.length < 16 || hash.length > 64) {
                return null;
            }
            return new Decoded(new Parameters(m, t, p), salt, hash);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private byte[] derive(char[] password, byte[] salt, Parameters p, int length) {
        byte[] pw = utf8(Normalizer.normalize(CharBuffer.wrap(password), Normalizer.Form.NFKC));
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(p.memoryKiB()).withIterations(p.iterations()).withParallelism(p.parallelism())
                .withSalt(salt).build();
        byte[] out = new byte[length];
        concurrentHashes.acquireUninterruptibly();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(params);
            generator.generateBytes(pw, out);
            return out;
        } finally {
            concurrentHashes.release();
            Arrays.fill(pw, (byte) 0);
        }
    }

    private static byte[] utf8(String s) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(s);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
