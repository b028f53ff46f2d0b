// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

/**
 * Bounds on what {@link JsonParser} accepts, so hostile input cannot exhaust the stack or memory:
 * nesting depth, document length, the length of one string and of one number, all in characters.
 *
 * @param maxDepth deepest nesting of arrays and objects (each DICOM sequence level costs three)
 * @param maxChars longest document
 * @param maxStringChars longest string (an InlineBinary value is one string: 4 characters per 3 bytes)
 * @param maxNumberChars longest number literal
 */
public record JsonLimits(int maxDepth, long maxChars, int maxStringChars, int maxNumberChars) {
    public static final int DEFAULT_MAX_DEPTH = 200;
    public static final long DEFAULT_MAX_CHARS = 1L << 31;
    /** Enough for 64 MiB of base64: the in-memory value limit of {@code ReadOptions}. */
    public static final int DEFAULT_MAX_STRING_CHARS = (64 << 20) / 3 * 4 + 4;
    public static final int DEFAULT_MAX_NUMBER_CHARS = 400;

    public JsonLimits {
        if (maxDepth < 1 || maxChars < 1 || maxStringChars < 0 || maxNumberChars < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static JsonLimits defaults() {
        return new JsonLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_CHARS, DEFAULT_MAX_STRING_CHARS, DEFAULT_MAX_NUMBER_CHARS);
    }

    public JsonLimits withMaxDepth(int depth) {
        return new JsonLimits(depth, maxChars, maxStringChars, maxNumberChars);
    }

    public JsonLimits withMaxChars(long chars) {
        return new JsonLimits(maxDepth, chars, maxStringChars, maxNumberChars);
    }

    public JsonLimits withMaxStringChars(int chars) {
        return new JsonLimits(maxDepth, maxChars, chars, maxNumberChars);
    }
}
