// SPDX-License-Identifier: Apache-2.0
package org.pacs.auth.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads and edits segment files byte by byte, the way an attacker with file access would. */
final class TrailFiles {

    /** A record frame's place in a segment file. */
    record Frame(int offset, int length) {
    }

    private TrailFiles() {
    }

    static Path segment(Path dataDir, int number) {
        return SegmentFile.path(dataDir.resolve(AuditTrail.DIRECTORY), number);
    }

    static Path head(Path dataDir) {
        return dataDir.resolve(AuditTrail.DIRECTORY).resolve(SegmentFile.HEAD_FILE);
    }

    /** The complete frames of a segment, in file order. */
    static List<Frame> frames(Path segment) throws IOException {
        byte[] bytes = Files.readAllBytes(segment);
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int pos = b.getInt(8);
        List<Frame> frames = new ArrayList<>();
        while (pos + 4 <= bytes.length) {
            int length = b.getInt(pos);
            if (pos + 4 + length > bytes.length) {
                break;
            }
            frames.add(new Frame(pos, 4 + length));
            pos += 4 + length;
        }
        return frames;
    }

    static void flipByte(Path file, int offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        bytes[offset] ^= 0x01;
        Files.write(file, bytes);
    }

    /** Removes the bytes of {@code frame}. */
    static void cut(Path file, Frame frame) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] out = new byte[bytes.length - frame.length()];
        System.arraycopy(bytes, 0, out, 0, frame.offset());
        System.arraycopy(bytes, frame.offset() + frame.length(), out, frame.offset(),
                bytes.length - frame.offset() - frame.length());
        Files.write(file, out);
    }

    /** Exchanges two adjacent frames, {@code a} before {@code b}. */
    static void swap(Path file, Frame a, Frame b) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        byte[] out = bytes.clone();
        System.arraycopy(bytes, b.offset(), out, a.offset(), b.length());
        System.arraycopy(bytes, a.offset(), out, a.offset() + b.length(), a.length());
        Files.write(file, out);
    }

    static void truncate(Path file, long size) throws IOException {
        try (var ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.truncate(size);
        }
    }

    static void append(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes, java.nio.file.StandardOpenOption.APPEND);
    }
}
