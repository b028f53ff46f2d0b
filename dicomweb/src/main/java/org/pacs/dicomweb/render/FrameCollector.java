// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.io.IOException;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the frames of one read go: kept for the caller, or handed to a {@link FrameSink} as each is
 * complete. Enforces the memory limit: all kept frames together, or one frame at a time when streamed.
 */
final class FrameCollector {
    private final int[] wanted;
    private final int last;
    private final FrameSink sink;
    private final long maxBytes;
    private final Map<Integer, byte[]> kept = new LinkedHashMap<>();
    private long held;
    private final BitSet delivered = new BitSet();

    /** @param wanted distinct frame numbers; @param sink null to keep the frames */
    FrameCollector(int[] wanted, FrameSink sink, long maxBytes) {
        this.wanted = wanted.clone();
        Arrays.sort(this.wanted);
        this.last = this.wanted.length == 0 ? 0 : this.wanted[this.wanted.length - 1];
        this.sink = sink;
        this.maxBytes = maxBytes;
    }

    /** The wanted frame numbers, ascending. */
    int[] wanted() {
        return wanted.clone();
    }

    boolean wants(int frame) {
        return Arrays.binarySearch(wanted, frame) >= 0;
    }

    /** The highest wanted frame number: once it is complete, the rest of the stream is not needed. */
    int last() {
        return last;
    }

    /** Reserves room for {@code bytes} more bytes of the frame being read. */
    void reserve(long bytes) throws PixelDataTooLargeException {
        held += bytes;
        if (held > maxBytes || held > Integer.MAX_VALUE - 16) {
            throw new PixelDataTooLargeException((sink != null ? "a frame exceeds" : "the requested frames exceed")
                    + " the limit of " + maxBytes + " bytes" + (sink != null ? "" : "; ask for fewer frames"));
        }
    }

    /** A complete wanted frame, whose bytes were reserved. */
    void accept(int frame, byte[] bytes) throws IOException {
        delivered.set(frame);
        if (sink == null) {
            kept.put(frame, bytes);
        } else {
            sink.frame(new Frame(frame, bytes));
            held = 0;
        }
    }

    /** The first wanted frame number not accepted (the encoded data lacked it), or 0 if none. */
    int firstMissing() {
        for (int f : wanted) {
            if (!delivered.get(f)) {
                return f;
            }
        }
        return 0;
    }

    /** The kept frames by number (empty when streamed). */
    Map<Integer, byte[]> kept() {
        return kept;
    }
}
