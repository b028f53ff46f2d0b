// SPDX-License-Identifier: Apache-2.0
/**
 * Pixel data for WADO-RS without HTTP (PS3.18 §10.4.1.1.3): frames, rendered images and thumbnails of a
 * stored instance, each read from its Part 10 stream in one pass that stops once the needed frames are in.
 *
 * <ul>
 *   <li>{@link org.pacs.dicomweb.render.FrameRetriever}: {@code .../frames/{list}} — the frames' bytes and
 *       their {@link org.pacs.dicomweb.render.FrameMediaType}.</li>
 *   <li>{@link org.pacs.dicomweb.render.Renderer}: {@code .../rendered}, {@code .../frames/{n}/rendered},
 *       {@code .../thumbnail} — JPEG or PNG per {@link org.pacs.dicomweb.render.RenderParameters}.</li>
 * </ul>
 *
 * <p>Failures a client caused or can act on are {@link org.pacs.dicomweb.render.PixelDataException}s;
 * suggested statuses: {@code FrameNotFoundException} 404, {@code NoPixelDataException} 404 for frames and
 * 406 for rendered, {@code CannotRenderException} 406, other {@code UnsupportedPixelDataException} 406,
 * {@code InvalidRenderParameterException} 400, {@code PixelDataTooLargeException} 400. An
 * {@link java.io.IOException} is the store's failure (500). Decoded and rendered images stay in memory:
 * nothing is written to disk.
 */
package org.pacs.dicomweb.render;
