// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes 8-bit planes as a rendered media type (PS3.18 §8.7.4): JPEG baseline 8-bit Huffman (what the
 * JDK's writer produces), or PNG (lossless, gray or RGB). No metadata of the instance goes into the file.
 */
final class ImageEncoder {
    private ImageEncoder() {
    }

    static byte[] encode(PixelPlanes img, RenderedMediaType type, int quality) throws IOException {
        BufferedImage image = toImage(img);
        ByteArrayOutputStream out = new ByteArrayOutputStream(img.width() * img.height() / 4 + 1024);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(type == RenderedMediaType.PNG ? "png" : "jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no " + type.mediaType() + " encoder in this Java runtime");
        }
        ImageWriter writer = writers.next();
        // A memory cache, never ImageIO's default file cache: rendered patient images stay off the disk.
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (type == RenderedMediaType.JPEG) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    private static BufferedImage toImage(PixelPlanes img) {
        int w = img.width();
        int h = img.height();
        if (img.gray()) {
            BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setDataElements(0, 0, w, h, img.planes()[0]);
            return image;
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] r = img.planes()[0];
        byte[] g = img.planes()[1];
        byte[] b = img.planes()[2];
        for (int i = 0; i < w * h; i++) {
            rgb[i] = (r[i] & 0xFF) << 16 | (g[i] & 0xFF) << 8 | (b[i] & 0xFF);
        }
        return image;
    }
}
