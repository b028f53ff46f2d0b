// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.util.List;

/**
 * The answer to a frames request: the media type of every part (PS3.18 §8.7.3.3), the pixel
 * description, and the frames in the order they were asked for.
 */
public record RetrievedFrames(FrameMediaType mediaType, ImageHeader header, List<Frame> frames) {
}
