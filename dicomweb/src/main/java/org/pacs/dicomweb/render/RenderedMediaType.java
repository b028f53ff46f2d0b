// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicomweb.render;

import java.util.Locale;

/** The rendered media types produced here (PS3.18 §8.7.4, Table 8.7.4-1 for single and multi-frame images). */
public enum RenderedMediaType {
    /** The default (PS3.18 §8.7.4): baseline 8-bit Huffman JPEG, ISO/IEC 10918-1. */
    JPEG("image/jpeg"),
    PNG("image/png");

    private final String mediaType;

    RenderedMediaType(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The media type, e.g. {@code image/jpeg}. */
    public String mediaType() {
        return mediaType;
    }

    /** The constant for a media type (parameters and case ignored), or null if not produced here. */
    public static RenderedMediaType of(String mediaType) {
        if (mediaType == null) {
            return null;
        }
        String t = mediaType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        for (RenderedMediaType r : values()) {
            if (r.mediaType.equals(t)) {
                return r;
            }
        }
        return null;
    }
}
