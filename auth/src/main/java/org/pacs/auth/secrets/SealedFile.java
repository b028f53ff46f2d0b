// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.secrets;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.pacs.storage.crypto.BlobCipher;
import org.pacs.storage.crypto.KeyRing;

/**
 * A small file (a keystore password, the AE registry) kept encrypted in the data directory: the
 * content is encrypted with a fresh data key, whose key record is sealed by the archive's
 * {@link KeyRing}. Both are bound to the file's <em>role</em>, so a sealed file copied over another
 * one (say, the registry over a password file) does not open. Written atomically.
 *
 * <pre>{@code
 * SealedFile password = new SealedFile(pkiDir.resolve("server.p12.password"), "pki/server.p12 password");
 * password.write(keyRing, secretBytes);
 * byte[] back = password.read(keyRing);
 * }</pre>
 *
 * <p>Layout: {@code "PACSSLD1" | u32 keyRecordLength | key record | Tink streaming ciphertext}. The
 * key record is authenticated by {@link KeyRing#unseal}, the ciphertext by the streaming AEAD; the
 * associated data of both is {@code "org.pacs.auth.secrets.SealedFile/1\0" + role}.
 */
public final class SealedFile {

    /** Largest content accepted; these files are small by design, so anything larger is not ours. */
    public static final int MAX_BYTES = 8 << 20;

    private static final byte[] MAGIC = "PACSSLD1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_KEY_RECORD = 64 << 10;
    private static final String CONTEXT_PREFIX = "org.pacs.auth.secrets.SealedFile/1\0";

    private final Path path;
    private final String role;

    /**
     * @param role what the file is for, e.g. {@code "pki/server.p12 password"}; it must be the same
     *     when reading as when writing
     */
    public SealedFile(Path path, String role) {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("a sealed file needs a role");
        }
        this.path = path;
        this.role = role;
    }

    public Path path() {
        return path;
    }

    public String role() {
        return role;
    }

    public boolean exists() {
        return Files.isRegularFile(path);
    }

    /** The file's current stamp, to tell whether it changed since it was last read. */
    public FileStamp stamp() throws IOException {
        return FileStamp.of(path);
    }

    /** Replaces the file's content by {@code content}, encrypted; plaintext never reaches the disk. */
    public void write(KeyRing keys, byte[] content) throws IOException {
        if (content.length > MAX_BYTES) {
            throw new IOException(path + ": " + content.length + " bytes is more than a sealed file holds ("
                    + MAX_BYTES + ")");
        }
        byte[] context = context();
        BlobCipher cipher = keys.newBlobCipher();
        byte[] keyRecord = keys.seal(cipher, context);
        AtomicFile.write(path, out -> {
            DataOutputStream header = new DataOutputStream(out);
            header.write(MAGIC);
            header.writeInt(keyRecord.length);
            header.write(keyRecord);
            header.flush();
            // The encrypting stream must be closed to write the final segment, but not the file.
            try (OutputStream encrypting = cipher.encrypt(new KeepOpen(out), context)) {
                encrypting.write(content);
            }
        });
    }

    /**
     * The decrypted content.
     *
     * @throws NoSuchFileException the file does not exist
     * @throws SealedFileException the file was altered, truncated, or sealed for another role or key ring
     */
    public byte[] read(KeyRing keys) throws IOException {
        long size = Files.size(path);
        // Streaming AEAD adds a header and a tag per 1 MiB segment: generous slack.
        if (size > MAX_BYTES + MAX_KEY_RECORD + (64 << 10)) {
            throw new SealedFileException(path + " is larger than any sealed file (" + size + " bytes)");
        }
        byte[] bytes = Files.readAllBytes(path);
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new SealedFileException(path + " is not a sealed file");
        }
        int recordLength = ByteBuffer.wrap(bytes, MAGIC.length, 4).getInt();
        int cipherStart = MAGIC.length + 4 + recordLength;
        if (recordLength <= 0 || recordLength > MAX_KEY_RECORD || cipherStart > bytes.length) {
            throw new SealedFileException(path + " has a damaged header");
        }
        byte[] keyRecord = Arrays.copyOfRange(bytes, MAGIC.length + 4, cipherStart);
        byte[] context = context();
        BlobCipher cipher;
        try {
            cipher = keys.unseal(keyRecord, context);
        } catch (GeneralSecurityException e) {
            throw new SealedFileException(path + " does not open as \"" + role + "\": altered, sealed for another role, "
                    + "or by another key ring (" + e.getMessage() + ")", e);
        }
        ByteArrayInputStream ciphertext = new ByteArrayInputStream(bytes, cipherStart, bytes.length - cipherStart);
        try (InputStream plain = cipher.decrypt(ciphertext, context)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            while ((n = plain.read(buffer)) != -1) {
                out.write(buffer, 0, n);
                if (out.size() > MAX_BYTES) {
                    throw new SealedFileException(path + " holds more than " + MAX_BYTES + " bytes");
                }
            }
            return out.toByteArray();
        } catch (SealedFileException e) {
            throw e;
        } catch (IOException e) {
            throw new SealedFileException(path + " failed authentication: altered or truncated", e);
        }
    }

    private byte[] context() {
        return (CONTEXT_PREFIX + role).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "SealedFile[" + path + ", " + role + "]";
    }

    /** Lets the encrypting stream be closed (to finish the ciphertext) without closing the file. */
    private static final class KeepOpen extends OutputStream {
        private final OutputStream out;

        KeepOpen(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
