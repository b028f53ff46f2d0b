// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.BulkData;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.Tag;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.io.Part10Writer;
import org.pacs.dicom.io.TransferSyntax;

/**
 * Writes a large multi-frame benchmark input with {@link Part10Writer}, the frames generated while
 * they are written (never held in memory): FRAMES frames of 512x512 16-bit (512 KiB each, so 2048
 * frames make 1 GiB), either native (one OW value) or encapsulated (one fragment per frame, Encapsulated
 * Uncompressed Explicit VR Little Endian, PS3.5 §A.4.11).
 *
 * <pre>{@code java -cp ... org.pacs.dicom.bench.SyntheticMultiFrame FILE FRAMES native|encapsulated}</pre>
 */
public final class SyntheticMultiFrame {
    private static final int SIDE = 512;
    private static final int FRAME_BYTES = SIDE * SIDE * 2;

    private SyntheticMultiFrame() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int frames = Integer.parseInt(args[1]);
        boolean encapsulated = args.length > 2 && args[2].equals("encapsulated");
        Attributes ds = new Attributes();
        ds.setString(0x00080016, VR.UI, "1.2.840.10008.5.1.4.1.1.7.3");
        ds.setString(0x00080018, VR.UI, "2.25.3210987654321.9." + frames + (encapsulated ? ".1" : ".0"));
        ds.setString(0x00080060, VR.CS, "OT");
        ds.setString(0x0020000D, VR.UI, "2.25.3210987654321.9");
        ds.setString(0x0020000E, VR.UI, "2.25.3210987654321.9.0");
        ds.setInt(0x00280002, VR.US, 1);
        ds.setString(0x00280004, VR.CS, "MONOCHROME2");
        ds.setString(0x00280008, VR.IS, Integer.toString(frames));
        ds.setInt(0x00280010, VR.US, SIDE);
        ds.setInt(0x00280011, VR.US, SIDE);
        ds.setInt(0x00280100, VR.US, 16);
        ds.setInt(0x00280101, VR.US, 12);
        ds.setInt(0x00280102, VR.US, 11);
        ds.setInt(0x00280103, VR.US, 0);
        String ts;
        if (encapsulated) {
            Fragments f = ds.newFragments(Tag.PIXEL_DATA, VR.OB, frames + 1);
            f.add(new byte[0]);
            for (int i = 0; i < frames; i++) {
                f.add(new GeneratedFrames(1, i));
            }
            ts = TransferSyntax.ENCAPSULATED_UNCOMPRESSED;
        } else {
            ds.setBulkData(Tag.PIXEL_DATA, VR.OW, new GeneratedFrames(frames, 0));
            ts = TransferSyntax.EXPLICIT_VR_LITTLE_ENDIAN.uid();
        }
        Part10Writer.write(file, Part10Writer.fileMetaInformation(ds, ts), ds);
    }

    /** Frames made on the fly: a gradient that shifts with the frame number. */
    private record GeneratedFrames(int frames, int first) implements BulkData {
        @Override
        public long length() {
            return (long) frames * FRAME_BYTES;
        }

        @Override
        public InputStream openStream() {
            return new InputStream() {
                private long pos;

                @Override
                public int read() {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (pos >= length()) {
                        return -1;
                    }
                    int n = (int) Math.min(len, length() - pos);
                    for (int i = 0; i < n; i++) {
                        long p = pos + i;
                        int frame = first + (int) (p / FRAME_BYTES);
                        int pixel = (int) (p % FRAME_BYTES) >> 1;
                        int value = ((pixel % SIDE) + (pixel / SIDE) + frame * 8) & 0x0FFF;
                        b[off + i] = (byte) ((p & 1) == 0 ? value : value >>> 8);
                    }
                    pos += n;
                    return n;
                }
            };
        }
    }
}
