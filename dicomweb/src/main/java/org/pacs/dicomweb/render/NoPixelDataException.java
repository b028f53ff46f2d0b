// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/** The instance has no Pixel Data (7FE0,0010) in its top-level data set (an SR, a KOS, ...). */
public final class NoPixelDataException extends PixelDataException {
    public NoPixelDataException(String message) {
        super(message);
    }
}
