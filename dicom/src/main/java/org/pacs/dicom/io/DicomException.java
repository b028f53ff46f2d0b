// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.io;

import java.io.IOException;

/**
 * The one exception the toolkit's readers throw for input that cannot be read: it carries the byte
 * offset where reading stopped (-1 if unknown) and the reason, e.g.
 * {@code "offset 1234: element (7FE0,0010) length 4294967290 exceeds the 812 bytes remaining"}.
 */
public class DicomException extends IOException {
    private final long offset;
    private final String reason;

    public DicomException(long offset, String reason) {
        this(offset, reason, null);
    }

    public DicomException(long offset, String reason, Throwable cause) {
        super(offset >= 0 ? "offset " + offset + ": " + reason : reason, cause);
        this.offset = offset;
        this.reason = reason;
    }

    /** Byte offset from the start of the input where the problem was found, or -1. */
    public long offset() {
        return offset;
    }

    /** The reason without the offset. */
    public String reason() {
        return reason;
    }
}
