// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

/**
 * One frame of pixel data as retrieved (PS3.18 §8.7.3): native frames in little-endian byte order,
 * compressed frames as the concatenated fragment values of the frame (a codestream, possibly ending
 * in the fragment's padding byte).
 *
 * @param number the frame number, 1-based
 * @param bytes the frame's bytes; owned by the caller
 */
public record Frame(int number, byte[] bytes) {
}
