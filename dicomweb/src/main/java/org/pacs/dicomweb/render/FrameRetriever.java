// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Retrieves frames of a stored instance (PS3.18 §10.4.1.1.3 "Frames", §8.7.3): reads the Part 10
 * stream once, keeps only the requested frames, and stops reading as soon as they are complete.
 * Native frames come back uncompressed in little-endian order; compressed frames pass through as
 * stored, in the media type of {@link FrameMediaType}.
 *
 * <pre>{@code
 * FrameRetriever frames = new FrameRetriever(FrameRetriever.DEFAULT_MAX_BYTES);
 * RetrievedFrames r = frames.retrieve(storedPart10Stream, FrameRetriever.parseFrameList("1,3"));
 * for (Frame f : r.frames()) { ... a part with Content-Type r.mediaType().toString() ... }
 * }</pre>
 */
public final class FrameRetriever {
    /** Default for the most frame bytes held in memory by one request. */
    public static final long DEFAULT_MAX_BYTES = 512L << 20;
    /** Most numbers in one frame list. */
    public static final int MAX_FRAME_LIST = 10_000;

    private final long maxBytes;

    public FrameRetriever() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes most frame bytes one request may hold in memory */
    public FrameRetriever(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        this.maxBytes = maxBytes;
    }

    /**
     * Reads the requested frames from a Part 10 stream (not closed) into memory.
     *
     * @param part10 the stored object: preamble, File Meta Information, data set
     * @param frameNumbers 1-based frame numbers in the order the response should list them; a number
     *     given twice is answered twice
     * @throws FrameNotFoundException a number is above Number of Frames or beyond the encoded data (404)
     * @throws NoPixelDataException the instance has no Pixel Data
     * @throws UnsupportedPixelDataException video syntaxes, fragments that cannot be grouped into frames,
     *     Float Pixel Data, an inconsistent Image Pixel module
     * @throws PixelDataTooLargeException the frames together exceed the memory limit
     * @throws InvalidRenderParameterException the list is empty
     * @throws IOException the stream failed or is not valid DICOM
     */
    public RetrievedFrames retrieve(InputStream part10, List<Integer> frameNumbers) throws IOException, PixelDataException {
        int[] asked = asked(frameNumbers);
        FrameMediaType[] type = new FrameMediaType[1];
        PixelDataReader.Result result = PixelDataReader.read(part10, header -> {
            type[0] = FrameMediaType.forTransferSyntax(header.transferSyntaxUid());
            return asked;
        }, null, maxBytes);
        Map<Integer, byte[]> bytes = result.frames();
        List<Frame> frames = new ArrayList<>(asked.length);
        for (int f : asked) {
            frames.add(new Frame(f, bytes.get(f)));
        }
        return new RetrievedFrames(type[0], result.header(), List.copyOf(frames));
    }

    /**
     * Streams the requested frames to {@code sink} as each is read, in ascending frame number order (each
     * number once), holding one frame at a time: for many or large frames. {@link FrameSink#begin} is
     * called just before the first frame; everything that can be checked before any frame is read
     * (frame numbers against Number of Frames, transfer syntax, limits) fails before it. A failure after it
     * (truncated or inconsistent encoded data) is thrown with the response already under way: the caller
     * must then abort the response rather than finish it.
     *
     * @throws PixelDataTooLargeException a single frame exceeds the memory limit
     * @see #retrieve for the other failures
     */
    public void stream(InputStream part10, List<Integer> frameNumbers, FrameSink sink) throws IOException, PixelDataException {
        int[] asked = asked(frameNumbers);
        FrameMediaType[] type = new FrameMediaType[1];
        ImageHeader[] header = new ImageHeader[1];
        boolean[] begun = new boolean[1];
        FrameSink lazy = frame -> {
            if (!begun[0]) {
                begun[0] = true;
                sink.begin(type[0], header[0]);
            }
            sink.frame(frame);
        };
        PixelDataReader.read(part10, h -> {
            type[0] = FrameMediaType.forTransferSyntax(h.transferSyntaxUid());
            header[0] = h;
            return asked;
        }, lazy, maxBytes);
    }

    private static int[] asked(List<Integer> frameNumbers) throws InvalidRenderParameterException {
        if (frameNumbers.isEmpty()) {
            throw new InvalidRenderParameterException("the frame list is empty");
        }
        return frameNumbers.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Parses the {@code {frames}} path segment: comma-separated positive frame numbers (PS3.18 §10.4.1.1.3,
     * "frame list"), in the order given.
     *
     * @throws InvalidRenderParameterException empty, not a number, zero or negative, or too many numbers
     */
    public static List<Integer> parseFrameList(String frameList) throws InvalidRenderParameterException {
        if (frameList == null || frameList.isBlank()) {
            throw new InvalidRenderParameterException("the frame list is empty");
        }
        String[] parts = frameList.split(",", -1);
        if (parts.length > MAX_FRAME_LIST) {
            throw new InvalidRenderParameterException("more than " + MAX_FRAME_LIST + " frame numbers in one request");
        }
        List<Integer> numbers = new ArrayList<>(parts.length);
        for (String p : parts) {
            String t = p.trim();
            int n = t.matches("[0-9]{1,9}") ? Integer.parseInt(t) : -1;
            if (n < 1) {
                throw new InvalidRenderParameterException("'" + t + "' is not a frame number (1, 2, ...)");
            }
            numbers.add(n);
        }
        return List.copyOf(numbers);
    }
}
