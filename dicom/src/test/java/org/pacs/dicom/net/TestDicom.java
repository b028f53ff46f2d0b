// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.net;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds small synthetic DICOM objects for network tests without the data model: a CT image as a
 * Part 10 file (Explicit VR Little Endian) and identifiers of a few string attributes in implicit
 * or explicit VR. No real patient data.
 */
public final class TestDicom {

    public static final String CT_IMAGE_STORAGE = "1.2.840.10008.5.1.4.1.1.2";
    public static final String ILE = "1.2.840.10008.1.2";
    public static final String ELE = "1.2.840.10008.1.2.1";

    private TestDicom() {
    }

    /** One element: tag, VR and the raw value. */
    private record Element(String vr, byte[] value) {
    }

    /** A sorted set of elements written in one transfer syntax. */
    public static final class DataSet {
        private final TreeMap<Integer, Element> elements = new TreeMap<>(Integer::compareUnsigned);

        public DataSet string(int tag, String vr, String value) {
            byte[] v = value.getBytes(StandardCharsets.US_ASCII);
            if (v.length % 2 != 0) {
                v = Arrays.copyOf(v, v.length + 1);
                v[v.length - 1] = vr.equals("UI") ? 0 : (byte) ' ';
            }
            elements.put(tag, new Element(vr, v));
            return this;
        }

        public DataSet us(int tag, int value) {
            elements.put(tag, new Element("US", new byte[] {(byte) value, (byte) (value >> 8)}));
            return this;
        }

        public DataSet ul(int tag, int value) {
            elements.put(tag, new Element("UL", ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value)
                    .array()));
            return this;
        }

        public DataSet bytes(int tag, String vr, byte[] value) {
            elements.put(tag, new Element(vr, value));
            return this;
        }

        public byte[] encode(boolean explicit) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (Map.Entry<Integer, Element> e : elements.entrySet()) {
                int tag = e.getKey();
                Element el = e.getValue();
                ByteBuffer h = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
                h.putShort((short) (tag >>> 16)).putShort((short) tag);
                if (!explicit) {
                    h.putInt(el.value.length);
                } else if (Arrays.asList("OB", "OW", "SQ", "UN", "UT").contains(el.vr)) {
                    h.put(el.vr.getBytes(StandardCharsets.US_ASCII)).putShort((short) 0).putInt(el.value.length);
                } else {
                    h.put(el.vr.getBytes(StandardCharsets.US_ASCII)).putShort((short) el.value.length);
                }
                out.write(h.array(), 0, h.position());
                out.writeBytes(el.value);
            }
            return out.toByteArray();
        }
    }

    /** The data set of a synthetic CT image with {@code rows} x {@code cols} 16-bit pixels. */
    public static DataSet ctImage(String study, String series, String instance, int rows, int cols) {
        byte[] pixels = new byte[rows * cols * 2];
        for (int i = 0; i < pixels.length; i += 2) {
            int v = (i / 2 * 7) & 0x0fff;
            pixels[i] = (byte) v;
            pixels[i + 1] = (byte) (v >> 8);
        }
        return new DataSet().string(0x00080016, "UI", CT_IMAGE_STORAGE).string(0x00080018, "UI", instance)
                .string(0x00080060, "CS", "CT").string(0x00100010, "PN", "SYNTHETIC^TEST")
                .string(0x00100020, "LO", "TEST0001").string(0x0020000D, "UI", study)
                .string(0x0020000E, "UI", series).string(0x00200013, "IS", "1").us(0x00280002, 1)
                .string(0x00280004, "CS", "MONOCHROME2").us(0x00280010, rows).us(0x00280011, cols)
                .us(0x00280100, 16).us(0x00280101, 12).us(0x00280102, 11).us(0x00280103, 0)
                .bytes(0x7FE00010, "OW", pixels);
    }

    /** A Part 10 file: preamble, "DICM", File Meta Information, then {@code dataSet} in Explicit VR LE. */
    public static byte[] part10(String sopClass, String instance, byte[] explicitLittleEndianDataSet) {
        DataSet meta = new DataSet().bytes(0x00020001, "OB", new byte[] {0, 1}).string(0x00020002, "UI", sopClass)
                .string(0x00020003, "UI", instance).string(0x00020010, "UI", ELE)
                .string(0x00020012, "UI", Implementation.CLASS_UID);
        byte[] metaBytes = meta.encode(true);
        byte[] groupLength = new DataSet().ul(0x00020000, metaBytes.length).encode(true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[128]);
        out.writeBytes("DICM".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(groupLength);
        out.writeBytes(metaBytes);
        out.writeBytes(explicitLittleEndianDataSet);
        return out.toByteArray();
    }

    /** The data set of a Part 10 file written by {@link #part10} or any file with a meta group length. */
    public static byte[] dataSetOf(byte[] part10) {
        ByteBuffer b = ByteBuffer.wrap(part10).order(ByteOrder.LITTLE_ENDIAN);
        int groupLength = b.getInt(132 + 8);
        int start = 132 + 12 + groupLength;
        return Arrays.copyOfRange(part10, start, part10.length);
    }
}
