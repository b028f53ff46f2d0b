// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a JPEG baseline/extended 8-bit frame (PS3.5 §A.4.1, transfer syntaxes .4.50 and .4.51) with
 * the JDK's JPEG reader. The raster is read without the reader's colour conversion: whether the
 * components are YCbCr or RGB is what the Photometric Interpretation says (PS3.5 §8.2.1), not what the
 * reader would guess from JFIF/Adobe markers.
 */
final class JpegFrameDecoder {
    private JpegFrameDecoder() {
    }

    static PixelPlanes decode(byte[] jpeg, ImageHeader h) throws CannotRenderException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
        if (!readers.hasNext()) {
            throw new CannotRenderException("no JPEG decoder in this Java runtime");
        }
        ImageReader reader = readers.next();
        Raster raster;
        // A memory cache, never ImageIO's default file cache: decoded patient images stay off the disk.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(jpeg))) {
            reader.setInput(in, true, true);
            // The size in the JPEG header decides the allocation: check it against the instance's (already
            // within the pixel limit) before decoding, so a forged header cannot demand gigabytes.
            if (reader.getWidth(0) != h.columns() || reader.getHeight(0) != h.rows()) {
                throw new CannotRenderException("the JPEG frame is " + reader.getWidth(0) + "×" + reader.getHeight(0)
                        + " but the instance says " + h.columns() + "×" + h.rows());
            }
            raster = reader.readRaster(0, null);
        } catch (CannotRenderException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // The JDK reader handles 8-bit DCT only; 12-bit extended and lossless processes end here.
            throw new CannotRenderException("the JPEG frame cannot be decoded here (only 8-bit baseline/extended "
                    + "DCT is): " + e.getMessage(), e);
        } finally {
            reader.dispose();
        }
        int w = raster.getWidth();
        int hgt = raster.getHeight();
        if (w != h.columns() || hgt != h.rows()) {
            throw new CannotRenderException("the JPEG frame is " + w + "×" + hgt + " but the instance says "
                    + h.columns() + "×" + h.rows());
        }
        int bands = raster.getNumBands();
        if (bands != (h.monochrome() ? 1 : 3)) {
            throw new CannotRenderException("the JPEG frame has " + bands + " components for Photometric Interpretation "
                    + h.photometricInterpretation());
        }
        int n = w * hgt;
        byte[][] planes = new byte[bands][n];
        int[] row = new int[w];
        for (int band = 0; band < bands; band++) {
            for (int y = 0; y < hgt; y++) {
                raster.getSamples(0, y, w, 1, band, row);
                for (int x = 0; x < w; x++) {
                    planes[band][y * w + x] = (byte) row[x];
                }
            }
        }
        if (bands == 3 && h.photometricInterpretation().startsWith("YBR_FULL")) {
            byte[] r = new byte[n];
            byte[] g = new byte[n];
            byte[] b = new byte[n];
            for (int i = 0; i < n; i++) {
                ColorRendering.rgb(planes[0][i] & 0xFF, planes[1][i] & 0xFF, planes[2][i] & 0xFF, i, r, g, b);
            }
            planes = new byte[][] {r, g, b};
        }
        return new PixelPlanes(w, hgt, planes);
    }
}
