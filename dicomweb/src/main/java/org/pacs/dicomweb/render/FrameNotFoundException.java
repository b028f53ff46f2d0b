// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * A requested frame number is not in the instance: above Number of Frames (0028,0008), or missing
 * from the encoded pixel data. The HTTP layer answers 404 (PS3.18 §8.7.3: the frame is a resource that
 * does not exist).
 */
public final class FrameNotFoundException extends PixelDataException {
    private final int frameNumber;
    private final int numberOfFrames;

    public FrameNotFoundException(int frameNumber, int numberOfFrames) {
        super("frame " + frameNumber + " does not exist: the instance has " + numberOfFrames
                + (numberOfFrames == 1 ? " frame" : " frames"));
        this.frameNumber = frameNumber;
        this.numberOfFrames = numberOfFrames;
    }

    /** The first requested frame number that does not exist (1-based). */
    public int frameNumber() {
        return frameNumber;
    }

    public int numberOfFrames() {
        return numberOfFrames;
    }
}
