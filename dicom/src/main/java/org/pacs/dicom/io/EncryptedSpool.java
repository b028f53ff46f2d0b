// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Cleaner;
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
 * Spools a value that arrives on a stream to a temporary file encrypted with AES-CTR under a random
 * key that lives only in memory, so patient data never reaches the disk in plaintext. The file is
 * deleted when the {@link BulkData} becomes unreachable (no {@code deleteOnExit}: its list grows for
 * the life of a server). A file left by a crash is unreadable: its key died with the process. CTR (not GCM) because the
 * JDK's GCM buffers the whole plaintext on decryption; the key never leaves this process.
 */
public final class EncryptedSpool implements BulkData {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Cleaner CLEANER = Cleaner.create();

    private final Path file;
    private final long length;
    private final boolean bigEndian;
    private final SecretKeySpec key;
    private final byte[] iv;

    private EncryptedSpool(Path file, long length, boolean bigEndian, SecretKeySpec key, byte[] iv) {
        this.file = file;
        this.length = length;
        this.bigEndian = bigEndian;
        this.key = key;
        this.iv = iv;
    }

    static BulkData spool(ValueInput value) throws IOException {
        EncryptedSpool spool = write(value.stream(), value.bigEndian());
        if (spool.length != value.length()) {
            spool.delete();
            throw new DicomException(value.offset(), "value ended after " + spool.length + " of " + value.length()
                    + " bytes");
        }
        return spool;
    }

    /**
     * Reads {@code in} to its end into a new spool (little endian), e.g. a STOW-RS bulk data part kept
     * until the metadata that references it is stored. {@link #delete()} removes it at once; otherwise it
     * goes when unreachable.
     */
    public static EncryptedSpool spool(InputStream in) throws IOException {
        return write(in, false);
    }

    private static EncryptedSpool write(InputStream in, boolean bigEndian) throws IOException {
        byte[] k = new byte[32];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(k);
        RANDOM.nextBytes(iv);
        SecretKeySpec key = new SecretKeySpec(k, "AES");
        Path file = Files.createTempFile("pacs-spool-", ".bin",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        long n;
        try (OutputStream out = new CipherOutputStream(Files.newOutputStream(file), cipher(Cipher.ENCRYPT_MODE, key, iv))) {
            n = in.transferTo(out);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        EncryptedSpool spool = new EncryptedSpool(file, n, bigEndian, key, iv);
        CLEANER.register(spool, () -> deleteQuietly(file));
        return spool;
    }

    /** Removes the file now (it would otherwise go when this object becomes unreachable). */
    public void delete() {
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // left behind: still encrypted under a key that no longer exists
        }
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

    @Override
    public long length() {
        return length;
    }

    @Override
    public boolean bigEndian() {
        return bigEndian;
    }

    @Override
    public InputStream openStream() throws IOException {
        return new CipherInputStream(Files.newInputStream(file), cipher(Cipher.DECRYPT_MODE, key, iv));
    }
}
