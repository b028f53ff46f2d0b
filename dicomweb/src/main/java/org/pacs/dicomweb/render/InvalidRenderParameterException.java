// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * A rendering query parameter (PS3.18 §8.3.5: {@code window}, {@code viewport}, {@code quality}) or a
 * frame list (§8.3.3) is malformed or out of its range. The HTTP layer answers 400 Bad Request.
 */
public final class InvalidRenderParameterException extends PixelDataException {
    public InvalidRenderParameterException(String message) {
        super(message);
    }
}
