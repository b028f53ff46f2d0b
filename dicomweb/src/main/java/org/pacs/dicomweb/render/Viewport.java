// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * The {@code viewport} query parameter (PS3.18 §8.3.5.1.3): {@code vw,vh[,sx,sy,sw,sh]}. The source
 * region (top-left {@code sx,sy}, size {@code sw,sh} in image pixels; a negative size flips that axis)
 * is scaled to fit in {@code vw}×{@code vh} with its aspect ratio kept, so one of the rendered
 * dimensions may be smaller than asked.
 *
 * @param width vw, or 0 if only the height constrains the size
 * @param height vh, or 0 if only the width constrains the size
 * @param region the source region, or null for the whole image
 */
public record Viewport(int width, int height, Region region) {
    /**
     * Largest rendered dimension: a viewport is a screen area (4K is 3840×2160), not a poster; it also
     * bounds the memory one rendering takes.
     */
    public static final int MAX_DIMENSION = 4096;

    /**
     * A source region in image pixel coordinates.
     *
     * @param x sx: the leftmost column of the region when {@code width} is positive, else the column just
     *     right of it
     * @param y sy: likewise for rows
     * @param width sw; 0 means to the right edge, negative flips horizontally
     * @param height sh; 0 means to the bottom edge, negative flips vertically
     */
    public record Region(int x, int y, int width, int height) {
    }

    public Viewport {
        if (width < 0 || height < 0 || width > MAX_DIMENSION || height > MAX_DIMENSION || width == 0 && height == 0) {
            throw new IllegalArgumentException("viewport " + width + "," + height + " is not within 1–" + MAX_DIMENSION);
        }
    }

    /** A viewport of {@code width}×{@code height} over the whole image. */
    public static Viewport of(int width, int height) {
        return new Viewport(width, height, null);
    }

    /**
     * Parses the query parameter value; {@code vw} or {@code vh} may be empty or 0 (not constraining that
     * dimension, as a WADO-URI request with only {@code rows} or {@code columns}), not both.
     */
    public static Viewport parse(String value) throws InvalidRenderParameterException {
        String[] p = value.split(",", -1);
        if (p.length != 2 && p.length != 6) {
            throw new InvalidRenderParameterException("viewport must be vw,vh or vw,vh,sx,sy,sw,sh, not '" + value + "'");
        }
        int vw = p[0].isBlank() ? 0 : integer(p[0], "viewport width", 0);
        int vh = p[1].isBlank() ? 0 : integer(p[1], "viewport height", 0);
        Region region = null;
        if (p.length == 6) {
            int sx = p[2].isBlank() ? 0 : integer(p[2], "sx", 0);
            int sy = p[3].isBlank() ? 0 : integer(p[3], "sy", 0);
            int sw = p[4].isBlank() ? 0 : integer(p[4], "sw", Integer.MIN_VALUE);
            int sh = p[5].isBlank() ? 0 : integer(p[5], "sh", Integer.MIN_VALUE);
            region = new Region(sx, sy, sw, sh);
        }
        try {
            return new Viewport(vw, vh, region);
        } catch (IllegalArgumentException e) {
            throw new InvalidRenderParameterException(e.getMessage());
        }
    }

    private static int integer(String s, String name, int min) throws InvalidRenderParameterException {
        try {
            int v = Integer.parseInt(s.trim());
            if (v < min) {
                throw new InvalidRenderParameterException(name + " must be at least " + min + ", not " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidRenderParameterException(name + " '" + s.trim() + "' is not an integer");
        }
    }

    /** The rendered size for a source region of {@code w}×{@code h}: fits in the viewport, aspect kept. */
    int[] fit(int w, int h) {
        double scale;
        if (width > 0 && height > 0) {
            scale = Math.min((double) width / w, (double) height / h);
        } else if (width > 0) {
            scale = (double) width / w;
        } else {
            scale = (double) height / h;
        }
        // A single constraint on a long thin region could ask for more than MAX_DIMENSION the other way.
        scale = Math.min(scale, Math.min((double) MAX_DIMENSION / w, (double) MAX_DIMENSION / h));
        int ow = (int) Math.max(1, Math.min(MAX_DIMENSION, Math.round(w * scale)));
        int oh = (int) Math.max(1, Math.min(MAX_DIMENSION, Math.round(h * scale)));
        return new int[] {ow, oh};
    }
}
