// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.data.Fragments;
import org.pacs.dicom.data.VR;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.Part10Writer;

/** Synthetic images with known pixel values, written as Part 10 files by the project's own writer. */
final class TestImages {
    static final String SECONDARY_CAPTURE = "1.2.840.10008.5.1.4.1.1.7";
    static final String EXPLICIT_LE = "1.2.840.10008.1.2.1";
    static final String IMPLICIT_LE = "1.2.840.10008.1.2";
    static final String EXPLICIT_BE = "1.2.840.10008.1.2.2";
    static final String DEFLATED = "1.2.840.10008.1.2.1.99";
    static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";

    private TestImages() {
    }

    /** A data set with the Image Pixel module filled in; Pixel Data still to set. */
    static Attributes image(int rows, int columns, int samples, int bitsAllocated, int bitsStored, boolean signed,
            String photometric, int frames) {
        Attributes ds = new Attributes();
        ds.setString(Tags.SOPClassUID, VR.UI, SECONDARY_CAPTURE);
        ds.setString(Tags.SOPInstanceUID, VR.UI, "2.25.1234567890");
        ds.setInt(Tags.SamplesPerPixel, VR.US, samples);
        ds.setString(Tags.PhotometricInterpretation, VR.CS, photometric);
        if (samples > 1) {
            ds.setInt(Tags.PlanarConfiguration, VR.US, 0);
        }
        if (frames > 1) {
            ds.setInt(Tags.NumberOfFrames, VR.IS, frames);
        }
        ds.setInt(Tags.Rows, VR.US, rows);
        ds.setInt(Tags.Columns, VR.US, columns);
        ds.setInt(Tags.BitsAllocated, VR.US, bitsAllocated);
        ds.setInt(Tags.BitsStored, VR.US, bitsStored);
        ds.setInt(Tags.HighBit, VR.US, bitsStored - 1);
        ds.setInt(Tags.PixelRepresentation, VR.US, signed ? 1 : 0);
        return ds;
    }

    /** 16-bit little-endian bytes of {@code values}. */
    static byte[] le16(int... values) {
        byte[] b = new byte[values.length * 2];
        for (int i = 0; i < values.length; i++) {
            b[2 * i] = (byte) values[i];
            b[2 * i + 1] = (byte) (values[i] >> 8);
        }
        return b;
    }

    static byte[] part10(Attributes ds, String transferSyntax) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Part10Writer.write(out, Part10Writer.fileMetaInformation(ds, transferSyntax), ds);
        return out.toByteArray();
    }

    static InputStream stream(byte[] part10) {
        return new ByteArrayInputStream(part10);
    }

    /** Sets encapsulated Pixel Data: the Basic Offset Table item then the fragments. */
    static void encapsulate(Attributes ds, byte[] basicOffsetTable, List<byte[]> fragments) {
        Fragments f = ds.newFragments(Tags.PixelData, VR.OB, fragments.size() + 1);
        f.add(basicOffsetTable);
        fragments.forEach(f::add);
    }

    /** A Basic Offset Table (32-bit little endian) for the given frame start offsets. */
    static byte[] offsetTable(long... offsets) {
        byte[] b = new byte[offsets.length * 4];
        for (int i = 0; i < offsets.length; i++) {
            for (int k = 0; k < 4; k++) {
                b[4 * i + k] = (byte) (offsets[i] >>> (8 * k));
            }
        }
        return b;
    }

    /** Encodes an image as JPEG baseline with the JDK's writer. */
    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam p = writer.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), p);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] encoded) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(encoded));
        if (img == null) {
            throw new IOException("not an image ImageIO reads");
        }
        return img;
    }

    /** The gray value of a decoded 8-bit grayscale image (raw sample, no colour management). */
    static int gray(BufferedImage img, int x, int y) {
        return img.getRaster().getSample(x, y, 0);
    }

    static int[] rgb(BufferedImage img, int x, int y) {
        int v = img.getRGB(x, y);
        return new int[] {(v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF};
    }
}
