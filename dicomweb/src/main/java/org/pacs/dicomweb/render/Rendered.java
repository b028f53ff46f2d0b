// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * A rendered image (PS3.18 §8.7.4): the encoded bytes, their media type and pixel size.
 *
 * @param bytes the JPEG or PNG file; owned by the caller
 * @param frameNumber the frame that was rendered, 1-based
 */
public record Rendered(byte[] bytes, RenderedMediaType mediaType, int width, int height, int frameNumber) {
}
