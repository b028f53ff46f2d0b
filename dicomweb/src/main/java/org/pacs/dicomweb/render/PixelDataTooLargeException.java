// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * What was asked would hold more bytes in memory than the configured limit (a frame of a forged
 * 65535×65535 image, or thousands of frames in one request). The HTTP layer answers 400 and suggests
 * asking for fewer frames.
 */
public final class PixelDataTooLargeException extends PixelDataException {
    public PixelDataTooLargeException(String message) {
        super(message);
    }
}
