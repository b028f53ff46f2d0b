// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * Why the pixel data of an instance cannot be served as asked (PS3.18 §8.7.3 frames, §8.7.4 rendered).
 * Each subclass is one answer the HTTP layer maps to a status; none of them means the store failed
 * (that is an {@link java.io.IOException}).
 */
public abstract sealed class PixelDataException extends Exception
        permits NoPixelDataException, FrameNotFoundException, UnsupportedPixelDataException,
        InvalidRenderParameterException, PixelDataTooLargeException {

    PixelDataException(String message) {
        super(message);
    }

    PixelDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
