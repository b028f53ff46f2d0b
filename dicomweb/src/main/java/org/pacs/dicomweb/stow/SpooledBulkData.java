// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.stow;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.CipherInputStream;
import javax.crypto.CipherOutputStream;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.pacs.dicom.data.BulkData;

/**
 * A STOW-RS bulk data part kept until the metadata that references it is stored: written to an
 * owner-only temporary file encrypted under a key that exists only in this object (AES-CTR), so no
 * plaintext pixel data touches the disk. {@link #delete()} removes the file at the end of the request.
 */
final class SpooledBulkData implements BulkData, AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final SecretKeySpec key;
    private final byte[] iv;
    private final long length;

    private SpooledBulkData(Path file, SecretKeySpec key, byte[] iv, long length) {
        this.file = file;
        this.key = key;
        this.iv = iv;
        this.length = length;
    }

    /** Reads {@code in} to its end into a new spool. */
    static SpooledBulkData spool(InputStream in) throws IOException {
        byte[] k = new byte[32];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(k);
        RANDOM.nextBytes(iv);
        SecretKeySpec key = new SecretKeySpec(k, "AES");
        Path file = Files.createTempFile("pacs-stow-", ".bin",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = new CipherOutputStream(Files.newOutputStream(file), cipher(Cipher.ENCRYPT_MODE, key, iv))) {
            long n = in.transferTo(out);
            return new SpooledBulkData(file, key, iv, n);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public InputStream openStream() throws IOException {
        return new CipherInputStream(Files.newInputStream(file), cipher(Cipher.DECRYPT_MODE, key, iv));
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // left behind: ciphertext under a key that is gone with this object
        }
    }

    @Override
    public void close() {
        delete();
    }

    private static Cipher cipher(int mode, SecretKeySpec key, byte[] iv) throws IOException {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            c.init(mode, key, new IvParameterSpec(iv));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IOException("AES/CTR unavailable", e);
        }
    }
}
