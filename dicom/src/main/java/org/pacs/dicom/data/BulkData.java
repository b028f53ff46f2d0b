// SPDX-License-Identifier: Apache-2.0
package org.pacs.dicom.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A value too large to hold in memory (Pixel Data, large OB/OW/OF/UN): a reference that can be
 * opened as a stream as often as needed. The bytes are the value as encoded in little-endian order,
 * unless {@link #bigEndian()} says the source was big-endian.
 */
public interface BulkData {
    /** The value length in bytes (even for conformant data). */
    long length();

    /** A new stream over exactly {@link #length()} bytes of the value. */
    InputStream openStream() throws IOException;

    /** True if multi-byte values in the stream are big-endian (read from Explicit VR Big Endian). */
    default boolean bigEndian() {
        return false;
    }

    /** Copies the whole value to {@code out}; returns the bytes copied. */
    default long transferTo(OutputStream out) throws IOException {
        try (InputStream in = openStream()) {
            return in.transferTo(out);
        }
    }
}
