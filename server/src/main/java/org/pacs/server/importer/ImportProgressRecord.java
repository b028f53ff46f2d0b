// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.importer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.pacs.auth.secrets.AtomicFile;
import org.pacs.auth.secrets.SealedFile;
import org.pacs.storage.crypto.KeyRing;

/**
 * What earlier imports of this data directory already brought in, so that a re-run skips it:
 * {@code <data>/import/done}, one line per imported file (or zip entry). A line is an HMAC-SHA-256 of
 * the file's absolute path, size and modification time, keyed by a random key kept sealed under the
 * key ring ({@code <data>/import/done.key}): paths can name patients, and a plain hash of a guessable
 * path could be confirmed by anyone who reads the file; the keyed hash cannot.
 */
public final class ImportProgressRecord implements AutoCloseable {
    static final String DIRECTORY = "import";
    static final String DONE = "done";
    static final String KEY = "done.key";
    private static final String KEY_ROLE = "import progress key";
    /** 128 bits of the MAC are plenty to tell files apart. */
    private static final int ID_BYTES = 16;

    private final Mac mac;
    private final Set<String> done;
    private final FileChannel out;

    private ImportProgressRecord(Mac mac, Set<String> done, FileChannel out) {
        this.mac = mac;
        this.done = done;
        this.out = out;
    }

    /** Opens (creating at first use) the record of {@code dataDir}. */
    public static ImportProgressRecord open(Path dataDir, KeyRing keys) throws IOException {
        Path dir = dataDir.resolve(DIRECTORY);
        AtomicFile.createOwnerOnlyDirectories(dir);
        SealedFile keyFile = new SealedFile(dir.resolve(KEY), KEY_ROLE);
        byte[] key;
        if (keyFile.exists()) {
            key = keyFile.read(keys);
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            keyFile.write(keys, key);
        }
        Mac mac;
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IOException("HMAC-SHA-256 unavailable", e);
        }
        Path file = dir.resolve(DONE);
        Set<String> done = new HashSet<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                if (line.length() == 2 * ID_BYTES) { // a line torn by a crash is simply not done
                    done.add(line);
                }
            }
        }
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        return new ImportProgressRecord(mac, done, out);
    }

    /** The opaque id of a file (or of an entry of a zip file: {@code path!entry}) in its current state. */
    public String idOf(String absolutePath, long size, long modifiedMillis) {
        byte[] in = (absolutePath + "\0" + size + "\0" + modifiedMillis).getBytes(StandardCharsets.UTF_8);
        byte[] full;
        synchronized (mac) {
            full = mac.doFinal(in);
        }
        return HexFormat.of().formatHex(full, 0, ID_BYTES);
    }

    public boolean isDone(String id) {
        return done.contains(id);
    }

    /** Records {@code id} as imported (written at once; forced to the disk by {@link #sync}). */
    public void markDone(String id) throws IOException {
        if (done.add(id)) {
            ByteBuffer line = ByteBuffer.wrap((id + "\n").getBytes(StandardCharsets.US_ASCII));
            while (line.hasRemaining()) {
                out.write(line);
            }
        }
    }

    public void sync() throws IOException {
        out.force(false);
    }

    @Override
    public void close() throws IOException {
        try {
            sync();
        } finally {
            out.close();
        }
    }
}
