// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * A VOI window: Window Center (0028,1050), Window Width (0028,1051) and the VOI LUT Function
 * (0028,1056) that applies them (PS3.3 §C.11.2.1.2), in modality units (after Rescale Slope/Intercept).
 */
public record Window(double center, double width, VoiFunction function) {
    public Window {
        if (function == null) {
            function = VoiFunction.LINEAR;
        }
        if (!Double.isFinite(center) || !Double.isFinite(width) || !function.acceptsWidth(width)) {
            throw new IllegalArgumentException("window " + center + "," + width + " is not valid for " + function
                    + (function == VoiFunction.LINEAR ? " (width must be at least 1)" : " (width must be above 0)"));
        }
    }

    /**
     * Parses the {@code window} query parameter (PS3.18 §8.3.5.1.4): {@code center,width[,function]}
     * with function {@code linear} (the default), {@code linear-exact} or {@code sigmoid}.
     */
    public static Window parse(String value) throws InvalidRenderParameterException {
        String[] p = value.split(",", -1);
        if (p.length < 2 || p.length > 3) {
            throw new InvalidRenderParameterException("window must be center,width[,function], not '" + value + "'");
        }
        double c = RenderParameters.number(p[0], "window center");
        double w = RenderParameters.number(p[1], "window width");
        VoiFunction f = VoiFunction.LINEAR;
        if (p.length == 3 && !p[2].isBlank()) {
            f = VoiFunction.parse(p[2]);
            if (f == null) {
                throw new InvalidRenderParameterException("window function '" + p[2].trim()
                        + "' is not linear, linear-exact or sigmoid");
            }
        }
        try {
            return new Window(c, w, f);
        } catch (IllegalArgumentException e) {
            throw new InvalidRenderParameterException(e.getMessage());
        }
    }

    /** Maps a modality value to an 8-bit output value (0–255), rounded to the nearest. */
    int apply(double x) {
        long y = Math.round(function.apply(x, center, width, 0, 255));
        return (int) Math.max(0, Math.min(255, y));
    }
}
