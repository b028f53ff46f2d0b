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
final class EncryptedSpool implements BulkData {
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
        byte[] k = new byte[32];
        byte[] iv = new byte[16];
        RANDOM.nextBytes(k);
        RANDOM.nextBytes(iv);
        SecretKeySpec key = new SecretKeySpec(k, "AES");
        Path file = Files.createTempFile("pacs-spool-", ".bin",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = new CipherOutputStream(Files.newOutputStream(file), cipher(Cipher.ENCRYPT_MODE, key, iv))) {
            long n = value.stream().transferTo(out);
            if (n != value.length()) {
                throw new DicomException(value.offset(), "value ended after " + n + " of " + value.length() + " bytes");
            }
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        EncryptedSpool spool = new EncryptedSpool(file, value.length(), value.bigEndian(), key, iv);
        CLEANER.register(spool, () -> {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // left behind: still encrypted under a key that no longer exists
            }
        });
        return spool;
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
