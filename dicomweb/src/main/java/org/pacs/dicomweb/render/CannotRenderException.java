// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * The instance cannot be rendered to a consumer image (PS3.18 §8.7.4) by this server: a compressed
 * transfer syntax other than JPEG baseline/extended 8-bit, Float Pixel Data, 32-bit or other unusual
 * pixel layouts, a photometric interpretation without a rendering here. The HTTP layer answers 406 Not
 * Acceptable (the rendered media type cannot be produced) with the message.
 */
public final class CannotRenderException extends UnsupportedPixelDataException {
    public CannotRenderException(String message) {
        super(message);
    }

    public CannotRenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
