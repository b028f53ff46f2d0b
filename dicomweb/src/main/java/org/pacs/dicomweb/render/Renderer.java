// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import org.pacs.dicom.io.TransferSyntax;

/**
 * Renders one frame of a stored instance to a consumer image (PS3.18 §10.4.1.1.3 rendered and thumbnail
 * resources, §8.3.5 rendering parameters, §8.7.4 rendered media types), following the pixel transformation
 * sequence of PS3.4 §N.2 up to the VOI stage: Modality LUT (Rescale Slope/Intercept), VOI window (the
 * request's, else the object's first, else the frame's range), MONOCHROME1 inversion; then the viewport.
 *
 * <p>Renders MONOCHROME1/2 of 1, 8 or 16 bits allocated (signed or unsigned), RGB and YBR_FULL (either
 * planar configuration), YBR_FULL_422 and PALETTE COLOR (non-segmented tables), stored native,
 * Encapsulated Uncompressed or RLE Lossless; and JPEG baseline/extended 8-bit (.4.50, .4.51). Anything else
 * is a {@link CannotRenderException}.
 *
 * <pre>{@code
 * Renderer renderer = new Renderer();
 * Rendered r = renderer.renderFrame(storedPart10Stream, 3,
 *         RenderParameters.parse("40,400", "512,512", null, RenderedMediaType.JPEG));
 * // r.bytes() with Content-Type r.mediaType().mediaType()
 * }</pre>
 */
public final class Renderer {
    /** Default for the most compressed or native frame bytes read into memory. */
    public static final long DEFAULT_MAX_FRAME_BYTES = 256L << 20;
    /** Default for the most pixels (Rows × Columns) of a frame that is rendered. */
    public static final long DEFAULT_MAX_PIXELS = 32L << 20;
    /** The thumbnail's bounding box when the request names no viewport. */
    public static final int THUMBNAIL_SIZE = 128;

    private static final Set<String> JPEG_8_BIT = Set.of("1.2.840.10008.1.2.4.50", "1.2.840.10008.1.2.4.51");
    private static final String RLE_LOSSLESS = "1.2.840.10008.1.2.5";
    private static final Set<String> COLOR = Set.of("RGB", "YBR_FULL", "YBR_FULL_422");

    private final long maxFrameBytes;
    private final long maxPixels;

    public Renderer() {
        this(DEFAULT_MAX_FRAME_BYTES, DEFAULT_MAX_PIXELS);
    }

    public Renderer(long maxFrameBytes, long maxPixels) {
        this.maxFrameBytes = maxFrameBytes;
        this.maxPixels = maxPixels;
    }

    /**
     * The instance's rendered resource: frame 1 (PS3.18 §10.4.1.1.3, "Rendered Instance").
     *
     * @throws NoPixelDataException the instance is not an image
     * @throws CannotRenderException this encoding or pixel layout is not rendered here (406)
     * @throws InvalidRenderParameterException the viewport region lies outside the image (400)
     * @throws PixelDataTooLargeException the frame exceeds the memory limits
     * @throws IOException the stream failed, is not DICOM, or encoding failed
     */
    public Rendered render(InputStream part10, RenderParameters params) throws IOException, PixelDataException {
        return render(part10, h -> 1, params);
    }

    /**
     * A frame's rendered resource ({@code .../frames/{n}/rendered}).
     *
     * @throws FrameNotFoundException {@code frameNumber} is not a frame of the instance (404)
     */
    public Rendered renderFrame(InputStream part10, int frameNumber, RenderParameters params)
            throws IOException, PixelDataException {
        return render(part10, h -> frameNumber, params);
    }

    /**
     * The thumbnail resource (PS3.18 §10.4.1.1.3): the middle frame of a multi-frame image (frame 1 of a
     * single frame), fitted into {@value #THUMBNAIL_SIZE}×{@value #THUMBNAIL_SIZE} unless {@code params}
     * names a viewport. For a study or series the caller picks the instance.
     */
    public Rendered thumbnail(InputStream part10, RenderParameters params) throws IOException, PixelDataException {
        RenderParameters p = params.viewport() != null ? params
                : new RenderParameters(params.window(), Viewport.of(THUMBNAIL_SIZE, THUMBNAIL_SIZE), params.quality(),
                        params.mediaType());
        return render(part10, h -> (h.numberOfFrames() + 1) / 2, p);
    }

    @FunctionalInterface
    private interface Pick {
        int frame(ImageHeader header);
    }

    private Rendered render(InputStream part10, Pick pick, RenderParameters params) throws IOException, PixelDataException {
        PixelDataReader.Result read;
        int[] chosen = new int[1];
        try {
            read = PixelDataReader.read(part10, header -> {
                checkRenderable(header);
                chosen[0] = pick.frame(header);
                return new int[] {chosen[0]};
            }, null, maxFrameBytes);
        } catch (CannotRenderException e) {
            throw e;
        } catch (UnsupportedPixelDataException e) {
            throw new CannotRenderException(e.getMessage(), e);
        }
        int frame = chosen[0];
        PixelPlanes planes = planes(read, frame, params);
        planes = viewport(planes, params.viewport());
        byte[] encoded = ImageEncoder.encode(planes, params.mediaType(), params.quality());
        return new Rendered(encoded, params.mediaType(), planes.width(), planes.height(), frame);
    }

    /** The frame as 8-bit planes: decoded if compressed, then through the grayscale or colour pipeline. */
    private static PixelPlanes planes(PixelDataReader.Result read, int frame, RenderParameters params)
            throws CannotRenderException {
        ImageHeader h = read.header();
        byte[] bytes = read.frames().get(frame);
        if (JPEG_8_BIT.contains(h.transferSyntaxUid())) {
            PixelPlanes decoded = JpegFrameDecoder.decode(bytes, h);
            if (!decoded.gray()) {
                return decoded;
            }
            // The decoder's 8-bit samples are the stored values; windowing still applies.
            ImageHeader eightBit = new ImageHeader(h.transferSyntaxUid(), h.rows(), h.columns(), 1, 8, 8, 7, false,
                    h.photometricInterpretation(), 0, h.numberOfFrames());
            return gray(GrayscaleRendering.storedValues(decoded.planes()[0], eightBit), eightBit, read, frame, params);
        }
        if (h.transferSyntaxUid().equals(RLE_LOSSLESS)) {
            // Decoded RLE is native pixel data, colour by plane (PS3.5 §G.2).
            h = new ImageHeader(h.transferSyntaxUid(), h.rows(), h.columns(), h.samplesPerPixel(), h.bitsAllocated(),
                    h.bitsStored(), h.highBit(), h.signed(), h.photometricInterpretation(), 1, h.numberOfFrames());
            bytes = RleFrameDecoder.decode(bytes, h);
        }
        if (palette(h)) {
            return PaletteColorRendering.planes(GrayscaleRendering.storedValues(bytes, h), h, read.attributes());
        }
        if (h.monochrome()) {
            return gray(GrayscaleRendering.storedValues(bytes, h), h, read, frame, params);
        }
        return ColorRendering.planes(bytes, h);
    }

    private static PixelPlanes gray(int[] stored, ImageHeader h, PixelDataReader.Result read, int frame,
            RenderParameters params) throws CannotRenderException {
        PresentationValues pv = PresentationValues.of(read.attributes(), frame, h.signed());
        byte[] out = GrayscaleRendering.render(stored, h.bitsStored(), h.signed(), pv, params.window(),
                "MONOCHROME1".equals(h.photometricInterpretation()));
        return new PixelPlanes(h.columns(), h.rows(), new byte[][] {out});
    }

    private static boolean palette(ImageHeader h) {
        return "PALETTE COLOR".equals(h.photometricInterpretation());
    }

    /** Refuses what is not rendered here before any pixel data is read. */
    private void checkRenderable(ImageHeader h) throws PixelDataException {
        String ts = h.transferSyntaxUid();
        boolean jpeg = JPEG_8_BIT.contains(ts);
        if (!h.nativePixelData() && !jpeg && !ts.equals(TransferSyntax.ENCAPSULATED_UNCOMPRESSED) && !ts.equals(RLE_LOSSLESS)) {
            throw new CannotRenderException("transfer syntax " + ts + " is not rendered here: only native, "
                    + "Encapsulated Uncompressed, RLE Lossless and JPEG baseline/extended 8-bit pixel data are; "
                    + "retrieve its frames in their compressed media type instead");
        }
        if (ts.equals(RLE_LOSSLESS) && h.bitsAllocated() % 8 != 0) {
            throw new CannotRenderException("RLE Lossless with " + h.bitsAllocated() + " bits allocated is not rendered here");
        }
        if (ts.equals(RLE_LOSSLESS) && "YBR_FULL_422".equals(h.photometricInterpretation())) {
            throw new CannotRenderException("RLE Lossless with YBR_FULL_422 is not valid (PS3.5 §8.2.2)");
        }
        String pi = h.photometricInterpretation();
        if (!h.monochrome() && !palette(h) && !COLOR.contains(pi)) {
            throw new CannotRenderException("Photometric Interpretation " + pi + " is not rendered here");
        }
        if (palette(h)) {
            if (h.samplesPerPixel() != 1 || jpeg || h.bitsAllocated() != 8 && h.bitsAllocated() != 16) {
                throw new CannotRenderException("PALETTE COLOR is rendered from 8- or 16-bit single-sample native or "
                        + "RLE pixel data only");
            }
        } else if (h.monochrome() && h.samplesPerPixel() != 1 || !h.monochrome() && h.samplesPerPixel() != 3) {
            throw new CannotRenderException("Photometric Interpretation " + pi + " with " + h.samplesPerPixel()
                    + " samples per pixel is inconsistent");
        }
        if (jpeg) {
            if (h.bitsStored() > 8) {
                throw new CannotRenderException("JPEG with " + h.bitsStored() + " bits stored is not decoded here "
                        + "(only 8-bit)");
            }
        } else if (h.monochrome() || palette(h)) {
            int ba = h.bitsAllocated();
            if (ba != 1 && ba != 8 && ba != 16) {
                throw new CannotRenderException("monochrome pixels of " + ba + " bits allocated are not rendered "
                        + "here (only 1, 8 and 16)");
            }
        } else if (h.bitsAllocated() != 8 && (h.bitsAllocated() != 16 || "YBR_FULL_422".equals(pi))) {
            throw new CannotRenderException("colour pixels of " + h.bitsAllocated() + " bits allocated in " + pi
                    + " are not rendered here");
        }
        if ("YBR_FULL_422".equals(pi) && h.planarConfiguration() != 0 && !jpeg) {
            throw new CannotRenderException("YBR_FULL_422 with Planar Configuration 1 is not valid (PS3.3 §C.7.6.3.1.3)");
        }
        if ((long) h.rows() * h.columns() > maxPixels) {
            throw new PixelDataTooLargeException("the image has " + (long) h.rows() * h.columns()
                    + " pixels per frame, more than the limit of " + maxPixels);
        }
    }

    private static PixelPlanes viewport(PixelPlanes img, Viewport v) throws InvalidRenderParameterException {
        if (v == null) {
            return img;
        }
        int x = 0;
        int y = 0;
        int w = img.width();
        int h = img.height();
        boolean flipX = false;
        boolean flipY = false;
        Viewport.Region r = v.region();
        if (r != null) {
            x = r.x();
            y = r.y();
            w = r.width() == 0 ? img.width() - x : r.width();
            h = r.height() == 0 ? img.height() - y : r.height();
            if (w < 0) {
                flipX = true;
                x += w;
                w = -w;
            }
            if (h < 0) {
                flipY = true;
                y += h;
                h = -h;
            }
            if (x < 0 || y < 0 || w < 1 || h < 1 || (long) x + w > img.width() || (long) y + h > img.height()) {
                throw new InvalidRenderParameterException("viewport source region " + r.x() + "," + r.y() + ","
                        + r.width() + "," + r.height() + " is not inside the " + img.width() + "×" + img.height()
                        + " image");
            }
        }
        int[] size = v.fit(w, h);
        return Resampler.resample(img, x, y, w, h, flipX, flipY, size[0], size[1]);
    }
}
