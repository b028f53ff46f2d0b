// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.io.IOException;

/**
 * Receives frames as soon as each is read (see {@link FrameRetriever#stream}), so a response can be
 * written while the stored object is still being read and only one frame is held in memory.
 */
@FunctionalInterface
public interface FrameSink {
    /**
     * Called once before the first frame, when the frames' media type is known: the moment to commit
     * the response headers. Nothing has been sent before this call, so any exception thrown before it
     * can still become an error status.
     */
    default void begin(FrameMediaType mediaType, ImageHeader header) throws IOException {
    }

    /** One frame; frames arrive in ascending frame number order. */
    void frame(Frame frame) throws IOException;
}
