// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * The rendering query parameters this server supports (PS3.18 §8.3.5.1, Table 8.3.5-1): {@code window},
 * {@code viewport}, {@code quality}, plus the rendered media type chosen from Accept. {@code annotation}
 * and {@code iccprofile} are not supported; unknown parameters are ignored by the caller.
 *
 * <pre>{@code
 * RenderParameters p = RenderParameters.parse(query("window"), query("viewport"), query("quality"),
 *         RenderedMediaType.PNG);
 * }</pre>
 *
 * @param window the window to apply, or null to use the object's first window (else the frame's range)
 * @param viewport the viewport, or null for the image's own size
 * @param quality JPEG quality 1–100 (ignored for PNG)
 * @param mediaType the image format to produce
 */
public record RenderParameters(Window window, Viewport viewport, int quality, RenderedMediaType mediaType) {
    /** Quality when the request names none. */
    public static final int DEFAULT_QUALITY = 90;

    public RenderParameters {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("quality must be 1–100, not " + quality);
        }
        if (mediaType == null) {
            mediaType = RenderedMediaType.JPEG;
        }
    }

    /** No window, no viewport, default quality, in {@code mediaType}. */
    public static RenderParameters defaults(RenderedMediaType mediaType) {
        return new RenderParameters(null, null, DEFAULT_QUALITY, mediaType);
    }

    /**
     * Parses the raw query parameter values; each may be null (absent).
     *
     * @throws InvalidRenderParameterException a value is malformed or out of range (400)
     */
    public static RenderParameters parse(String window, String viewport, String quality, RenderedMediaType mediaType)
            throws InvalidRenderParameterException {
        Window w = window == null ? null : Window.parse(window);
        Viewport v = viewport == null ? null : Viewport.parse(viewport);
        int q = DEFAULT_QUALITY;
        if (quality != null) {
            double d = number(quality, "quality");
            if (d != Math.rint(d) || d < 1 || d > 100) {
                throw new InvalidRenderParameterException("quality must be an integer from 1 to 100, not '" + quality + "'");
            }
            q = (int) d;
        }
        return new RenderParameters(w, v, q, mediaType);
    }

    static double number(String s, String name) throws InvalidRenderParameterException {
        try {
            // Decimal numbers only: no hex floats, no "NaN", no type suffixes that Double.parseDouble allows.
            if (!s.trim().matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?")) {
                throw new NumberFormatException();
            }
            double d = Double.parseDouble(s.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new InvalidRenderParameterException(name + " '" + s.trim() + "' is not a number");
        }
    }
}
