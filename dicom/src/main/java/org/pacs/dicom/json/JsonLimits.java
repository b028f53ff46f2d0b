// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.json;

/**
 * Bounds on what {@link JsonParser} accepts, so hostile input cannot exhaust the stack or memory:
 * nesting depth, document length, the length of one string and of one number (in characters), and the
 * number of values (a parsed value costs far more memory than its characters: "[1,1,1,...]").
 *
 * @param maxDepth deepest nesting of arrays and objects (each DICOM sequence level costs three)
 * @param maxChars longest document
 * @param maxStringChars longest string (an InlineBinary value is one string: 4 characters per 3 bytes)
 * @param maxNumberChars longest number literal
 * @param maxValues most values (objects, arrays, strings, numbers, literals) in one document
 */
public record JsonLimits(int maxDepth, long maxChars, int maxStringChars, int maxNumberChars, long maxValues) {
    public static final int DEFAULT_MAX_DEPTH = 200;
    public static final long DEFAULT_MAX_CHARS = 256L << 20;
    /** Enough for 64 MiB of base64: the in-memory value limit of {@code ReadOptions}. */
    public static final int DEFAULT_MAX_STRING_CHARS = (64 << 20) / 3 * 4 + 4;
    public static final int DEFAULT_MAX_NUMBER_CHARS = 400;
    /**
     * About a million data elements (four values each); the parsed tree then takes a few hundred MB at
     * worst. Raise it for bigger documents with {@link #withMaxValues}.
     */
    public static final long DEFAULT_MAX_VALUES = 4_000_000;

    public JsonLimits {
        if (maxDepth < 1 || maxChars < 1 || maxStringChars < 0 || maxNumberChars < 1 || maxValues < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public static JsonLimits defaults() {
        return new JsonLimits(DEFAULT_MAX_DEPTH, DEFAULT_MAX_CHARS, DEFAULT_MAX_STRING_CHARS, DEFAULT_MAX_NUMBER_CHARS,
                DEFAULT_MAX_VALUES);
    }

    public JsonLimits withMaxDepth(int depth) {
        return new JsonLimits(depth, maxChars, maxStringChars, maxNumberChars, maxValues);
    }

    public JsonLimits withMaxChars(long chars) {
        return new JsonLimits(maxDepth, chars, maxStringChars, maxNumberChars, maxValues);
    }

    public JsonLimits withMaxStringChars(int chars) {
        return new JsonLimits(maxDepth, maxChars, chars, maxNumberChars, maxValues);
    }

    public JsonLimits withMaxValues(long values) {
        return new JsonLimits(maxDepth, maxChars, maxStringChars, maxNumberChars, values);
    }
}
