// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.util.Locale;

/**
 * The VOI LUT Function (0028,1056) that maps modality values through a window to output values
 * (PS3.3 §C.11.2.1.2 and §C.11.2.1.3). Each constant carries the standard's formula.
 */
public enum VoiFunction {
    /** PS3.3 §C.11.2.1.2.1; Window Width must be at least 1. */
    LINEAR {
        @Override
        double apply(double x, double c, double w, double yMin, double yMax) {
            if (x <= c - 0.5 - (w - 1) / 2) {
                return yMin;
            }
            if (x > c - 0.5 + (w - 1) / 2) {
                return yMax;
            }
            return ((x - (c - 0.5)) / (w - 1) + 0.5) * (yMax - yMin) + yMin;
        }
    },
    /** PS3.3 §C.11.2.1.3.2; Window Width must be above 0. */
    LINEAR_EXACT {
        @Override
        double apply(double x, double c, double w, double yMin, double yMax) {
            if (x <= c - w / 2) {
                return yMin;
            }
            if (x > c + w / 2) {
                return yMax;
            }
            return ((x - c) / w + 0.5) * (yMax - yMin) + yMin;
        }
    },
    /** PS3.3 §C.11.2.1.3.1; Window Width must be above 0. */
    SIGMOID {
        @Override
        double apply(double x, double c, double w, double yMin, double yMax) {
            return (yMax - yMin) / (1 + Math.exp(-4 * (x - c) / w)) + yMin;
        }
    };

    /** The output value for input {@code x} through the window ({@code c}, {@code w}), in [yMin, yMax]. */
    abstract double apply(double x, double c, double w, double yMin, double yMax);

    /** True if {@code width} is allowed for this function. */
    boolean acceptsWidth(double width) {
        return this == LINEAR ? width >= 1 : width > 0;
    }

    /**
     * Parses the function of the {@code window} query parameter (PS3.18 §8.3.5.1.4: "linear",
     * "linear-exact", "sigmoid") or a VOI LUT Function value ("LINEAR", "LINEAR_EXACT", "SIGMOID");
     * case does not matter. Returns null for anything else.
     */
    public static VoiFunction parse(String s) {
        if (s == null) {
            return null;
        }
        return switch (s.trim().toUpperCase(Locale.ROOT).replace('-', '_')) {
            case "LINEAR" -> LINEAR;
            case "LINEAR_EXACT" -> LINEAR_EXACT;
            case "SIGMOID" -> SIGMOID;
            default -> null;
        };
    }
}
