// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * An 8-bit image ready to encode: one plane (grayscale) or three (red, green, blue), each
 * {@code width × height} bytes in row order.
 */
record PixelPlanes(int width, int height, byte[][] planes) {
    boolean gray() {
        return planes.length == 1;
    }
}
