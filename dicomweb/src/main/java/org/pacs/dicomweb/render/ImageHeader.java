// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import org.pacs.dicom.data.Attributes;
import org.pacs.dicom.dict.Tags;
import org.pacs.dicom.io.TransferSyntax;

/**
 * The Image Pixel module of an instance (PS3.3 §C.7.6.3) as far as frames and rendering need it,
 * with Number of Frames (0028,0008) and the transfer syntax the pixel data is encoded in.
 *
 * @param transferSyntaxUid the stored transfer syntax
 * @param signed Pixel Representation (0028,0103) is 1 (two's complement)
 * @param planarConfiguration 0 colour-by-pixel, 1 colour-by-plane (only meaningful with 3 samples)
 */
public record ImageHeader(String transferSyntaxUid, int rows, int columns, int samplesPerPixel,
        int bitsAllocated, int bitsStored, int highBit, boolean signed, String photometricInterpretation,
        int planarConfiguration, int numberOfFrames) {

    /**
     * Reads the module from the top-level data set.
     *
     * @throws UnsupportedPixelDataException if a required attribute is missing or the values contradict
     *     each other (PS3.3 §C.7.6.3.1: High Bit is Bits Stored − 1 at most Bits Allocated − 1, ...)
     */
    static ImageHeader of(Attributes ds, String transferSyntaxUid) throws UnsupportedPixelDataException {
        int rows = required(ds, Tags.Rows, "Rows (0028,0010)");
        int columns = required(ds, Tags.Columns, "Columns (0028,0011)");
        int bitsAllocated = required(ds, Tags.BitsAllocated, "Bits Allocated (0028,0100)");
        int samples = ds.getInt(Tags.SamplesPerPixel, 1);
        int bitsStored = ds.getInt(Tags.BitsStored, bitsAllocated);
        int highBit = ds.getInt(Tags.HighBit, bitsStored - 1);
        int pixelRepresentation = ds.getInt(Tags.PixelRepresentation, 0);
        String pi = ds.getString(Tags.PhotometricInterpretation, samples == 1 ? "MONOCHROME2" : "RGB").trim();
        int planar = ds.getInt(Tags.PlanarConfiguration, 0);
        int frames = numberOfFrames(ds);
        if (rows <= 0 || columns <= 0) {
            throw new UnsupportedPixelDataException("Rows and Columns must be positive, not " + rows + "×" + columns);
        }
        if (samples != 1 && samples != 3) {
            throw new UnsupportedPixelDataException("Samples per Pixel " + samples + " is neither 1 nor 3");
        }
        if (bitsAllocated != 1 && (bitsAllocated <= 0 || bitsAllocated % 8 != 0 || bitsAllocated > 64)) {
            throw new UnsupportedPixelDataException("Bits Allocated " + bitsAllocated
                    + " is neither 1 nor a multiple of 8 up to 64");
        }
        if (bitsStored <= 0 || bitsStored > bitsAllocated || highBit < bitsStored - 1 || highBit >= bitsAllocated) {
            throw new UnsupportedPixelDataException("Bits Stored " + bitsStored + " and High Bit " + highBit
                    + " do not fit Bits Allocated " + bitsAllocated);
        }
        if (pixelRepresentation != 0 && pixelRepresentation != 1) {
            throw new UnsupportedPixelDataException("Pixel Representation " + pixelRepresentation + " is neither 0 nor 1");
        }
        return new ImageHeader(transferSyntaxUid, rows, columns, samples, bitsAllocated, bitsStored, highBit,
                pixelRepresentation == 1, pi, planar, frames);
    }

    private static int required(Attributes ds, int tag, String name) throws UnsupportedPixelDataException {
        int v = ds.getInt(tag, Integer.MIN_VALUE);
        if (v == Integer.MIN_VALUE) {
            throw new UnsupportedPixelDataException("the instance has Pixel Data but no " + name);
        }
        return v;
    }

    private static int numberOfFrames(Attributes ds) throws UnsupportedPixelDataException {
        String s = ds.getString(Tags.NumberOfFrames);
        if (s == null) {
            return 1;
        }
        try {
            int n = Integer.parseInt(s.trim().startsWith("+") ? s.trim().substring(1) : s.trim());
            if (n < 1) {
                throw new UnsupportedPixelDataException("Number of Frames " + n + " is less than 1");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new UnsupportedPixelDataException("Number of Frames '" + s + "' is not an integer");
        }
    }

    /** True for grayscale: MONOCHROME1 or MONOCHROME2 (PS3.3 §C.7.6.3.1.2). */
    public boolean monochrome() {
        return photometricInterpretation.startsWith("MONOCHROME");
    }

    /** True if the stored transfer syntax is native (pixel data not encapsulated). */
    public boolean nativePixelData() {
        return TransferSyntax.of(transferSyntaxUid).isNative();
    }

    /**
     * Bits one frame occupies in native Pixel Data (PS3.5 §8.1.1, §8.2): frames follow each other with no
     * padding, so with Bits Allocated 1 a frame need not start on a byte boundary. YBR_FULL_422 holds
     * two luminance and one pair of chrominance samples per two pixels (PS3.3 §C.7.6.3.1.2).
     */
    public long frameLengthInBits() {
        long samplesPerFrame = (long) rows * columns
                * ("YBR_FULL_422".equals(photometricInterpretation) ? 2 : samplesPerPixel);
        return samplesPerFrame * bitsAllocated;
    }

    /** Bytes of one native frame as returned: rounded up to whole bytes. */
    public long frameLength() {
        return (frameLengthInBits() + 7) / 8;
    }
}
