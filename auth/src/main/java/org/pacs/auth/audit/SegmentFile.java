// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.pacs.storage.crypto.BlobCipher;
import org.pacs.storage.crypto.KeyRing;

/**
 * One segment of the trail, {@code audit/segment-NNNNNNNN.log}: a header, then records appended one after
 * another. Its keys live beside it in {@code segment-NNNNNNNN.key}, the data key sealed by the key ring
 * and the MAC key encrypted under the data key, so a KEK rotation can re-seal them
 * ({@link #rewrap}) without touching the append-only segment. The header holds the first sequence
 * number and the MAC of the record before it (the chain crosses segments), and is authenticated:
 *
 * <pre>
 * segment: "PACSAUD1" | u32 header length | u32 segment | u64 first sequence | u64 created (epoch ms)
 *          | previous MAC[32] | header MAC[32]
 * key:     "PACSAUK1" | u32 segment | u16 n, sealed data key[n] | u16 m, encrypted MAC key[m]
 * </pre>
 */
final class SegmentFile {

    static final String HEAD_FILE = "head";
    static final String LOCK_FILE = "writer.lock";
    private static final byte[] MAGIC = "PACSAUD1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_MAGIC = "PACSAUK1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 64 * 1024;
    private static final Pattern NAME = Pattern.compile("segment-(\\d{8})\\.log");

    /** What a segment header says, with its keys opened. */
    record Header(int segment, long firstSequence, Instant created, byte[] previousMac, int length, SegmentKey key) {
    }

    private SegmentFile() {
    }

    static Path path(Path auditDir, int segment) {
        return auditDir.resolve(String.format("segment-%08d.log", segment));
    }

    static Path keyPath(Path auditDir, int segment) {
        return auditDir.resolve(String.format("segment-%08d.key", segment));
    }

    /** The segment numbers present, ascending. */
    static List<Integer> list(Path auditDir) throws IOException {
        List<Integer> numbers = new ArrayList<>();
        try (Stream<Path> files = Files.list(auditDir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    numbers.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        numbers.sort(null);
        return numbers;
    }

    /**
     * Creates segment {@code segment} with fresh keys: first its key file, then its header, each written
     * atomically, so a crash leaves no segment (perhaps an unused key file, replaced when the segment is
     * made again) or a whole header with its keys.
     */
    static Header create(Path auditDir, int segment, long firstSequence, byte[] previousMac, Instant created,
            KeyRing keys, SecureRandom random) throws IOException {
        BlobCipher cipher = keys.newBlobCipher();
        byte[] macKey = new byte[32];
        random.nextBytes(macKey);
        SegmentKey key = new SegmentKey(segment, cipher, macKey);
        byte[] wrappedMacKey = SegmentKey.encrypt(cipher, macKey, macKeyContext(segment));
        java.util.Arrays.fill(macKey, (byte) 0);
        writeAtomically(auditDir, keyPath(auditDir, segment),
                keyFile(segment, keys.seal(cipher, sealContext(segment)), wrappedMacKey));

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        int length = MAGIC.length + 4 + 4 + 8 + 8 + SegmentKey.MAC_LENGTH + SegmentKey.MAC_LENGTH;
        out.write(MAGIC);
        out.writeInt(length);
        out.writeInt(segment);
        out.writeLong(firstSequence);
        out.writeLong(created.toEpochMilli());
        out.write(previousMac);
        byte[] body = bytes.toByteArray();
        byte[] header = ByteBuffer.allocate(length).put(body).put(key.mac("pacs-audit-header", body)).array();
        writeAtomically(auditDir, path(auditDir, segment), header);
        return new Header(segment, firstSequence, created.truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                previousMac.clone(), length, key);
    }

    private static byte[] keyFile(int segment, byte[] sealed, byte[] wrappedMacKey) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(KEY_MAGIC);
        out.writeInt(segment);
        out.writeShort(sealed.length);
        out.write(sealed);
        out.writeShort(wrappedMacKey.length);
        out.write(wrappedMacKey);
        return bytes.toByteArray();
    }

    /** The sealed data key and the encrypted MAC key of a key file. */
    private record KeyFile(byte[] sealed, byte[] wrappedMacKey) {
    }

    private static KeyFile readKeyFile(Path auditDir, int segment) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(keyPath(auditDir, segment));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new AuditTrailException("segment " + segment + ": its key file is missing");
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            byte[] magic = new byte[KEY_MAGIC.length];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, KEY_MAGIC) || b.getInt() != segment) {
                throw new AuditTrailException("segment " + segment + ": its key file is not one");
            }
            byte[] sealed = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(sealed);
            byte[] wrappedMacKey = new byte[Short.toUnsignedInt(b.getShort())];
            b.get(wrappedMacKey);
            if (b.hasRemaining()) {
                throw new AuditTrailException("segment " + segment + ": its key file is malformed");
            }
            return new KeyFile(sealed, wrappedMacKey);
        } catch (java.nio.BufferUnderflowException e) {
            throw new AuditTrailException("segment " + segment + ": its key file is truncated");
        }
    }

    /**
     * Re-seals every segment's data key that is not sealed by the primary KEK (after a KEK rotation),
     * each key file replaced atomically; the segments themselves are not touched.
     *
     * @return the number of key files re-sealed
     */
    static int rewrap(Path auditDir, KeyRing keys) throws IOException {
        int rewrapped = 0;
        for (int segment : list(auditDir)) {
            KeyFile file = readKeyFile(auditDir, segment);
            try {
                if (KeyRing.versionOf(file.sealed()).equals(keys.primary())) {
                    continue;
                }
                BlobCipher cipher = keys.unseal(file.sealed(), sealContext(segment));
                writeAtomically(auditDir, keyPath(auditDir, segment),
                        keyFile(segment, keys.seal(cipher, sealContext(segment)), file.wrappedMacKey()));
                rewrapped++;
            } catch (GeneralSecurityException e) {
                throw new AuditTrailException("segment " + segment + ": its key cannot be opened to re-seal it", e);
            }
        }
        return rewrapped;
    }

    /** The KEK versions that seal segment keys. */
    static java.util.Set<org.pacs.storage.crypto.KekVersion> kekVersions(Path auditDir) throws IOException {
        java.util.Set<org.pacs.storage.crypto.KekVersion> versions = new java.util.TreeSet<>();
        for (int segment : list(auditDir)) {
            try {
                versions.add(KeyRing.versionOf(readKeyFile(auditDir, segment).sealed()));
            } catch (GeneralSecurityException e) {
                throw new AuditTrailException("segment " + segment + ": its key file names no KEK version", e);
            }
        }
        return versions;
    }

    /** Temporary file, fsync, atomic rename, fsync of the directory: a crash leaves the old or the new file. */
    private static void writeAtomically(Path auditDir, Path target, byte[] content) throws IOException {
        Path temp = auditDir.resolve("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), ownerOnly(auditDir))) {
            writeFully(ch, ByteBuffer.wrap(content), 0);
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(auditDir);
    }

    /**
     * Reads and authenticates the header of segment {@code expectedSegment}.
     *
     * @throws AuditTrailException the header is damaged, names another segment, or was not sealed by this key ring
     */
    static Header read(Path auditDir, FileChannel ch, int expectedSegment, KeyRing keys) throws IOException {
        ByteBuffer start = ByteBuffer.allocate(MAGIC.length + 4);
        if (readFully(ch, start, 0) < start.capacity()) {
            throw new AuditTrailException("segment " + expectedSegment + ": header is incomplete");
        }
        byte[] magic = new byte[MAGIC.length];
        start.flip().get(magic);
        int length = start.getInt();
        if (!java.util.Arrays.equals(magic, MAGIC) || length < start.capacity() || length > MAX_HEADER) {
            throw new AuditTrailException("segment " + expectedSegment + ": not an audit segment header");
        }
        ByteBuffer all = ByteBuffer.allocate(length);
        if (readFully(ch, all, 0) < length) {
            throw new AuditTrailException("segment " + expectedSegment + ": header is incomplete");
        }
        all.flip();
        try {
            all.position(MAGIC.length + 4);
            int segment = all.getInt();
            long firstSequence = all.getLong();
            Instant created = Instant.ofEpochMilli(all.getLong());
            byte[] previousMac = new byte[SegmentKey.MAC_LENGTH];
            all.get(previousMac);
            int bodyLength = all.position();
            byte[] storedMac = new byte[SegmentKey.MAC_LENGTH];
            all.get(storedMac);
            if (all.hasRemaining() || segment != expectedSegment) {
                throw new AuditTrailException("segment " + expectedSegment + ": header is malformed or names segment "
                        + segment);
            }
            KeyFile file = readKeyFile(auditDir, segment);
            BlobCipher cipher = keys.unseal(file.sealed(), sealContext(segment));
            byte[] macKey = SegmentKey.decrypt(cipher, file.wrappedMacKey(), macKeyContext(segment));
            SegmentKey key = new SegmentKey(segment, cipher, macKey);
            java.util.Arrays.fill(macKey, (byte) 0);
            byte[] body = new byte[bodyLength];
            all.get(0, body);
            if (!SegmentKey.equal(storedMac, key.mac("pacs-audit-header", body))) {
                throw new AuditTrailException("segment " + segment + ": header was altered");
            }
            return new Header(segment, firstSequence, created, previousMac, length, key);
        } catch (java.nio.BufferUnderflowException | GeneralSecurityException | IOException e) {
            if (e instanceof AuditTrailException ate) {
                throw ate;
            }
            throw new AuditTrailException("segment " + expectedSegment
                    + ": its keys are damaged or were not sealed by this key ring", e);
        }
    }

    private static byte[] sealContext(int segment) {
        return ("pacs-audit-segment/" + segment).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] macKeyContext(int segment) {
        return ("pacs-audit-mac-key/" + segment).getBytes(StandardCharsets.US_ASCII);
    }

    static FileAttribute<?>[] ownerOnly(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    static void createDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.toAbsolutePath().getParent());
        if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectories(dir);
        }
        fsyncDirectory(dir.toAbsolutePath().getParent());
    }

    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    static void writeFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            at += ch.write(buffer, at);
        }
    }

    /** Reads from {@code position} until the buffer is full or the file ends; returns the bytes read. */
    static int readFully(FileChannel ch, ByteBuffer buffer, long position) throws IOException {
        int total = 0;
        while (buffer.hasRemaining()) {
            int n = ch.read(buffer, position + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
