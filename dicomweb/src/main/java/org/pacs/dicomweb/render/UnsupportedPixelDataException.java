// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * The pixel data is encoded or described in a way this library cannot serve: frames of a video
 * transfer syntax, several frames in fragments without an offset table, Float Pixel Data, an
 * inconsistent Image Pixel module. The message says which, in words a client can act on.
 */
public sealed class UnsupportedPixelDataException extends PixelDataException permits CannotRenderException {
    public UnsupportedPixelDataException(String message) {
        super(message);
    }

    public UnsupportedPixelDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
