// SPDX-License-Identifier: Apache-2.0
package org.pacs.server.backup;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The backup file: nothing but ciphertext.
 *
 * <pre>
 * "PACSBAK1"
 * u32 length | the keystore (keys/kek.keystore as it is: encrypted under the KEK secret, Argon2id)
 * u32 length | key record: a fresh data key sealed by the primary KEK (context {@value #CONTEXT})
 * Tink streaming AEAD (AES256_GCM_HKDF_1MB) of a zip of the data directory's files, associated data
 *   {@value #CONTEXT} NUL + every header byte above
 * </pre>
 *
 * The files inside are themselves ciphertext (blobs, the encrypted catalog, sealed secrets, the
 * encrypted audit trail); the outer layer also hides their names, sizes and the configuration. The
 * KEK secret is never in the file: restoring needs it.
 */
final class BackupFormat {
    static final byte[] MAGIC = "PACSBAK1".getBytes(StandardCharsets.US_ASCII);
    static final String CONTEXT = "pacs-backup/v1";
    static final String MANIFEST = "pacs-backup.properties";
    /** A keystore or key record is a few kilobytes; anything far larger is not a backup of ours. */
    private static final int MAX_PART = 1 << 20;

    private BackupFormat() {
    }

    /** The header as written, which is also the associated data of the content. */
    record Header(byte[] keystore, byte[] keyRecord, byte[] bytes) {
        byte[] associatedData() {
            byte[] prefix = (CONTEXT + "\0").getBytes(StandardCharsets.US_ASCII);
            byte[] ad = Arrays.copyOf(prefix, prefix.length + bytes.length);
            System.arraycopy(bytes, 0, ad, prefix.length, bytes.length);
            return ad;
        }
    }

    static Header header(byte[] keystore, byte[] keyRecord) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(b);
        out.write(MAGIC);
        out.writeInt(keystore.length);
        out.write(keystore);
        out.writeInt(keyRecord.length);
        out.write(keyRecord);
        out.flush();
        return new Header(keystore, keyRecord, b.toByteArray());
    }

    static void write(OutputStream out, Header h) throws IOException {
        out.write(h.bytes());
    }

    static Header read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = data.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a backup made by './pacs backup' (no PACSBAK1 header)");
        }
        byte[] keystore = part(data, "keystore");
        byte[] record = part(data, "key record");
        return header(keystore, record);
    }

    private static byte[] part(DataInputStream in, String what) throws IOException {
        int n = in.readInt();
        if (n <= 0 || n > MAX_PART) {
            throw new IOException("the backup's " + what + " has an impossible length " + n);
        }
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException("the backup ends inside its " + what);
        }
        return b;
    }
}
